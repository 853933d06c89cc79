// The French-like sample vocabulary of the bench model, by word class, so that bench/segments.ts
// can write sentences whose every word is a whole token of the tokenizer. All entries are
// lowercase (the tokenizer lowercases) and contain no punctuation (the pre-tokenizer splits on it).

const w = (s: string): string[] => s.trim().split(/\s+/);

/** Punctuation tokens (each a single character the Punctuation pre-tokenizer splits off). */
export const PUNCT = w(`. , ' : ; ! ? « » ( ) - " %`);

/** Elided forms written before a vowel: l'…, d'…, qu'…, n'…, s'… */
export const ELIDED = w(`l d qu n s j`);

export const DETERMINERS = {
  m: w(`le un ce son leur chaque notre`),
  f: w(`la une cette sa leur chaque notre`),
  p: w(`les des ces ses leurs plusieurs certains nos`),
};

export const FUNCTION_WORDS = w(`
  de du des au aux cet et à en dans pour sur avec par selon après avant depuis pendant contre sans sous entre vers
  chez lors face mais ou donc car que qui dont où si lorsque tandis comme
  il elle ils elles on nous vous se lui y ne pas plus très bien aussi encore déjà toujours
  désormais notamment hier aujourd hui demain ainsi alors enfin puis également environ près
  moins autant tout tous toute toutes même autre autres cela ceci celui celle ceux
`);

export const NOUNS_M = w(`
  gouvernement ministre président projet accord budget conseil rapport secteur marché emploi
  état pays parti syndicat débat texte vote scrutin sommet conflit procès tribunal juge maire
  député sénateur quartier hôpital réseau prix salaire chômage impôt déficit plan programme
  climat territoire village département service logement transport train bus aéroport port
  bilan chiffre taux niveau mois jour printemps été automne hiver matin soir siècle
  groupe patron salarié agriculteur enseignant élève étudiant médecin citoyen habitant électeur
  candidat dirigeant responsable ministère parlement sénat palais musée festival
  film livre concert match championnat club joueur entraîneur stade titre record but résultat
  incendie accident orage séisme bâtiment pont chantier centre lycée collège hôpital système
  contrat dossier sujet risque danger effort soutien refus recours appel avis choix objectif
  développement investissement financement montant milliard million euro dollar baril pétrole
  gaz nucléaire réacteur vaccin virus traitement patient président candidat gouvernement
`);

export const NOUNS_F = w(`
  réforme loi crise élection assemblée commission entreprise région ville police justice enquête
  décision mesure politique économie santé éducation école université population guerre paix
  frontière grève manifestation hausse baisse croissance inflation dette taxe proposition
  majorité opposition campagne semaine année journée saison rentrée nuit matinée situation
  question réponse réunion conférence déclaration annonce mobilisation colère inquiétude
  sécurité défense armée industrie agriculture énergie électricité production consommation
  famille femme enfance jeunesse société association fédération organisation institution
  banque bourse monnaie zone frontière route autoroute gare ligne station plage montagne
  forêt rivière mer côte tempête chaleur sécheresse pluie neige victime plainte affaire
  peine prison audience sanction amende aide subvention allocation retraite pension
  négociation discussion rencontre visite candidature liste équipe victoire défaite finale
  coupe compétition course étape chanson exposition émission chaîne radio presse
`);

export const ADJECTIVES: [string, string][] = [
  ['nouveau', 'nouvelle'],
  ['national', 'nationale'],
  ['public', 'publique'],
  ['social', 'sociale'],
  ['économique', 'économique'],
  ['politique', 'politique'],
  ['européen', 'européenne'],
  ['français', 'française'],
  ['important', 'importante'],
  ['grand', 'grande'],
  ['dernier', 'dernière'],
  ['premier', 'première'],
  ['local', 'locale'],
  ['international', 'internationale'],
  ['fort', 'forte'],
  ['récent', 'récente'],
  ['principal', 'principale'],
  ['municipal', 'municipale'],
  ['régional', 'régionale'],
  ['gouvernemental', 'gouvernementale'],
  ['présidentiel', 'présidentielle'],
  ['législatif', 'législative'],
  ['financier', 'financière'],
  ['fiscal', 'fiscale'],
  ['industriel', 'industrielle'],
  ['agricole', 'agricole'],
  ['rural', 'rurale'],
  ['urbain', 'urbaine'],
  ['militaire', 'militaire'],
  ['judiciaire', 'judiciaire'],
  ['prochain', 'prochaine'],
  ['ancien', 'ancienne'],
  ['long', 'longue'],
  ['difficile', 'difficile'],
  ['important', 'importante'],
  ['majeur', 'majeure'],
  ['historique', 'historique'],
  ['inédit', 'inédite'],
  ['complet', 'complète'],
  ['officiel', 'officielle'],
  ['massif', 'massive'],
  ['lourd', 'lourde'],
  ['rapide', 'rapide'],
  ['large', 'large'],
];

export const VERBS_PRESENT = w(`
  annonce prévoit souhaite veut doit peut reste devient dénonce critique propose demande
  confirme refuse accepte présente défend réclame espère prépare lance affirme estime rappelle
  explique indique assure reconnaît promet menace examine étudie suit poursuit relance
`);

export const VERBS_PLURAL = w(`
  annoncent prévoient souhaitent veulent doivent peuvent restent dénoncent critiquent proposent
  demandent confirment refusent réclament espèrent préparent affirment estiment
`);

export const AUX = w(`a ont est sont était avait sera pourrait devrait va vont`);

export const PARTICIPLES = w(`
  annoncé déclaré estimé indiqué affirmé rappelé expliqué présenté adopté rejeté voté décidé
  lancé signé confirmé reporté suspendu prolongé augmenté réduit supprimé ouvert fermé
  organisé publié dévoilé condamné interpellé arrêté élu nommé reçu visité inauguré approuvé
`);

export const SPEECH = w(`selon d après a t il déclaré a t elle ajouté précise souligne`);

export const PLACES = w(`
  paris lyon marseille toulouse bordeaux lille nantes strasbourg rennes nice montpellier
  bruxelles berlin madrid rome londres genève washington pékin moscou kiev alger dakar
  france europe allemagne espagne italie belgique suisse afrique chine russie ukraine
  bretagne normandie provence alsace corse occitanie
`);

export const PEOPLE = w(`
  dupont martin bernard durand lefebvre moreau laurent simon michel garcia david bertrand
  roux vincent fournier morel girard andré mercier blanc guerin boyer
`);

export const TITLES = w(`monsieur madame maître docteur général`);

export const WEEKDAYS = w(`lundi mardi mercredi jeudi vendredi samedi dimanche`);

export const MONTHS = w(`
  janvier février mars avril mai juin juillet août septembre octobre novembre décembre
`);

export const NUMBERS: string[] = [
  ...Array.from({ length: 31 }, (_, i) => String(i + 1)),
  ...w(`40 45 50 60 70 75 80 90 100 120 150 200 250 300 400 500 600 800 1000 1500 2000 5000`),
  ...Array.from({ length: 31 }, (_, i) => String(2000 + i)),
  ...w(`deux trois quatre cinq six dix vingt trente cent mille millions milliards euros cent`),
];

/**
 * Every sample word, most frequent classes first (a tiny vocabulary keeps the head of this
 * list), deduplicated, in a fixed order.
 */
export function sampleWords(): string[] {
  const all = [
    ...ELIDED,
    ...DETERMINERS.m,
    ...DETERMINERS.f,
    ...DETERMINERS.p,
    ...FUNCTION_WORDS,
    ...AUX,
    ...NOUNS_M,
    ...NOUNS_F,
    ...ADJECTIVES.flatMap(([m, f]) => [m, f, plural(m), plural(f)]),
    ...NOUNS_M.map((n) => plural(n)),
    ...NOUNS_F.map((n) => plural(n)),
    ...VERBS_PRESENT,
    ...VERBS_PLURAL,
    ...PARTICIPLES,
    ...SPEECH,
    ...PLACES,
    ...PEOPLE,
    ...TITLES,
    ...WEEKDAYS,
    ...MONTHS,
    ...NUMBERS,
  ];
  return [...new Set(all)];
}

/** French plural of a noun or adjective, good enough for sample text. */
export function plural(word: string): string {
  if (/[sxz]$/.test(word)) return word;
  if (/al$/.test(word) && !['festival', 'carnaval'].includes(word)) return `${word.slice(0, -2)}aux`;
  if (/(eau|eu)$/.test(word)) return `${word}x`;
  return `${word}s`;
}
