/**
 * Data for the French sentence splitter (segment-fr.ts), kept apart from the
 * code so that adding an abbreviation never means touching the algorithm.
 *
 * Every entry is written WITHOUT its final dot ("M" stands for "M."); inner
 * dots stay ("J.-C" stands for "J.-C."). Abbreviations that French writes
 * without a dot (Mme, Dr, n°…) need no entry to avoid a split, but those that
 * are sometimes dotted ("Mme.", "Dr.") are listed so that they are safe too.
 */

/**
 * Titles placed before a name. Matched case-sensitively ("M" is Monsieur,
 * "m" would be mètre), and they never end a sentence: what follows is a
 * capitalised name, so a capital cannot be taken as the start of a sentence.
 */
export const TITLE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'M',
  'MM',
  'Mme',
  'Mmes',
  'Mlle',
  'Mlles',
  'Mgr',
  'Dr',
  'Drs',
  'Pr',
  'Prs',
  'Me',
  'Mes',
  'St',
  'Ste',
  'Sts',
  'Stes',
  'Gal',
  'Cdt',
  'Lt',
  'Col',
]);

/**
 * Abbreviations that announce something (a number, a reference, a noun) and
 * so are never the last word of a sentence. Lower case; a capitalised form
 * at the start of a sentence ("Cf.", "Art.") is accepted as well.
 * "p" + "ex" cover "p. ex."; "av"/"apr" cover "av. J.-C." and "apr. J.-C.".
 */
export const NON_FINAL_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'cf',
  'p',
  'pp',
  'ex',
  'art',
  'n',
  'no',
  'av',
  'apr',
  'env',
  'vol',
  'chap',
  'fig',
  'éd',
  'tél',
  'réf',
  'coll',
  'sq',
  'trad',
  'dir',
  'resp',
  'ann',
  'suiv',
]);

/**
 * Abbreviations that can just as well close a sentence: "etc.", "J.-C.",
 * "et al.", "10 000 hab.", company and name suffixes, and month
 * abbreviations ("le 3 janv."). They end the sentence only when the next
 * word starts with a capital letter ("… etc. Le lendemain" splits,
 * "le 3 janv. 2024" does not).
 * "sept" is here rather than never-final because it is also the number
 * seven, which can end a sentence ("Ils étaient sept. Le…").
 */
export const MAY_END_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'etc',
  'al',
  'hab',
  'J.-C',
  'Cie',
  'Jr',
  'Sr',
  'Inc',
  'Ltd',
  'Co',
  'janv',
  'févr',
  'fév',
  'avr',
  'juil',
  'sept',
  'oct',
  'nov',
  'déc',
]);

/**
 * Capitalised words that usually open a French sentence. Dotted acronyms
 * ("l'O.N.U.", "P.-D.G.") are ambiguous before a capital: "le P.-D.G. Jean
 * Martin" goes on, "adopté par l'O.N.U. Les États-Unis…" starts anew. A
 * proper noun is the usual continuation, a function word the usual start,
 * so an acronym ends a sentence only before one of these words. Elided
 * forms are written with a straight apostrophe ("L'" matches "L’" too).
 */
export const SENTENCE_STARTERS: ReadonlySet<string> = new Set([
  'Le',
  'La',
  'Les',
  "L'",
  'Un',
  'Une',
  'Des',
  'Du',
  'De',
  "D'",
  'Ce',
  'Cet',
  'Cette',
  'Ces',
  "C'",
  'Cela',
  'Ceci',
  'Ça',
  'Celui',
  'Celle',
  'Il',
  'Ils',
  'Elle',
  'Elles',
  'On',
  'Nous',
  'Vous',
  'Je',
  "J'",
  'Tu',
  "Qu'",
  "S'",
  "N'",
  'Y',
  'Mais',
  'Et',
  'Or',
  'Donc',
  'Car',
  'Ni',
  'Puis',
  'Ensuite',
  'Enfin',
  'Alors',
  'Ainsi',
  'Aussi',
  'Pourtant',
  'Cependant',
  'Toutefois',
  'Néanmoins',
  'Quant',
  'Outre',
  'Selon',
  'Pour',
  'Par',
  'En',
  'Dans',
  'Au',
  'Aux',
  'À',
  'Sur',
  'Sous',
  'Avec',
  'Sans',
  'Depuis',
  'Après',
  'Avant',
  'Lors',
  'Pendant',
  'Parmi',
  'Entre',
  'Si',
  'Son',
  'Sa',
  'Ses',
  'Leur',
  'Leurs',
  'Notre',
  'Nos',
  'Votre',
  'Vos',
  'Mon',
  'Ma',
  'Mes',
  'Chaque',
  'Tout',
  'Tous',
  'Toute',
  'Toutes',
  'Plus',
  'Moins',
  'Qui',
  'Que',
  'Quoi',
  'Quand',
  'Comment',
  'Pourquoi',
  'Où',
  'Oui',
  'Non',
  'Voici',
  'Voilà',
]);
