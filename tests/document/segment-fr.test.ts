import { describe, expect, it } from 'vitest';
import { normalizeWhitespace, segmentFrench } from '../../src/document/segment-fr.ts';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

// [description, paragraph, expected sentences]; every sentence is invented.
const CASES: [string, string, string[]][] = [
  // Titles and abbreviations
  [
    'M. before a name',
    'M. Dupont a été réélu maire dimanche. Il entame son troisième mandat.',
    ['M. Dupont a été réélu maire dimanche.', 'Il entame son troisième mandat.'],
  ],
  [
    'MM. (plural title)',
    "MM. Lefort et Barrault ont signé l'accord. La séance est levée.",
    ["MM. Lefort et Barrault ont signé l'accord.", 'La séance est levée.'],
  ],
  [
    'Mme and Mlle',
    'Mme Garnier et Mlle Roussel ont témoigné. Le procès reprend lundi.',
    ['Mme Garnier et Mlle Roussel ont témoigné.', 'Le procès reprend lundi.'],
  ],
  [
    'Dr and Pr without dot',
    "Le Dr Vasseur et le Pr Hamel ont présenté l'étude. Elle porte sur 2 000 patients.",
    ["Le Dr Vasseur et le Pr Hamel ont présenté l'étude.", 'Elle porte sur 2 000 patients.'],
  ],
  ['Dr. with a dot', 'Le Dr. Vasseur a été entendu. Il a nié les faits.', ['Le Dr. Vasseur a été entendu.', 'Il a nié les faits.']],
  [
    'Me (Maître)',
    "Me Fontaine, avocate de la famille, a fait appel. Le parquet ne s'y oppose pas.",
    ['Me Fontaine, avocate de la famille, a fait appel.', "Le parquet ne s'y oppose pas."],
  ],
  [
    'Mgr. and St.',
    "La messe a été dite par Mgr. Aubert à l'église St. Joseph. Les fidèles étaient nombreux.",
    ["La messe a été dite par Mgr. Aubert à l'église St. Joseph.", 'Les fidèles étaient nombreux.'],
  ],
  ['Ste.', 'Le pèlerinage de Ste. Odile attire des milliers de visiteurs.', ['Le pèlerinage de Ste. Odile attire des milliers de visiteurs.']],
  ['M. never ends, even before "Le"', 'Le prix a été remis à M. Le Goff.', ['Le prix a été remis à M. Le Goff.']],
  [
    'etc. before a capital ends the sentence',
    'On y vend des fruits, des légumes, du fromage, etc. Les prix restent stables.',
    ['On y vend des fruits, des légumes, du fromage, etc.', 'Les prix restent stables.'],
  ],
  ['etc. before a lower-case word continues', 'Fruits, légumes, etc. sont vendus sur place.', ['Fruits, légumes, etc. sont vendus sur place.']],
  [
    'cf. in parentheses',
    "Le rapport (cf. annexe 3) détaille les coûts. Le ministre l'a salué.",
    ['Le rapport (cf. annexe 3) détaille les coûts.', "Le ministre l'a salué."],
  ],
  [
    'p. ex.',
    "Certains produits, p. ex. les engrais, ont doublé de prix. La filière s'inquiète.",
    ['Certains produits, p. ex. les engrais, ont doublé de prix.', "La filière s'inquiète."],
  ],
  [
    'art. + number, ordinal 1er',
    "L'art. 12 du règlement a été modifié. Il entre en vigueur le 1er juillet.",
    ["L'art. 12 du règlement a été modifié.", 'Il entre en vigueur le 1er juillet.'],
  ],
  [
    'n°',
    'Le décret n° 2024-118 est paru au Journal officiel. Il fixe les nouveaux tarifs.',
    ['Le décret n° 2024-118 est paru au Journal officiel.', 'Il fixe les nouveaux tarifs.'],
  ],
  [
    'av. J.-C. inside a sentence',
    'La cité fut fondée vers 600 av. J.-C. par des marins grecs.',
    ['La cité fut fondée vers 600 av. J.-C. par des marins grecs.'],
  ],
  [
    'apr. J.-C. ending a sentence',
    'Le théâtre date du IIe siècle apr. J.-C. Il a été restauré en 1998.',
    ['Le théâtre date du IIe siècle apr. J.-C.', 'Il a été restauré en 1998.'],
  ],
  [
    'env.',
    "Le cortège a réuni env. 3 000 personnes. Aucun incident n'a été signalé.",
    ['Le cortège a réuni env. 3 000 personnes.', "Aucun incident n'a été signalé."],
  ],
  [
    'vol., chap., fig.',
    'Le vol. 2, chap. 5, fig. 3 reproduit la carte. Elle était inédite.',
    ['Le vol. 2, chap. 5, fig. 3 reproduit la carte.', 'Elle était inédite.'],
  ],
  [
    'éd. before a capitalised publisher',
    'Son essai (éd. Gallimard) sort jeudi. Il est déjà en tête des ventes.',
    ['Son essai (éd. Gallimard) sort jeudi.', 'Il est déjà en tête des ventes.'],
  ],
  [
    'month abbreviations: before a year, then ending a sentence',
    'La réunion du 12 janv. 2025 a été reportée au 3 févr. Le syndicat proteste.',
    ['La réunion du 12 janv. 2025 a été reportée au 3 févr.', 'Le syndicat proteste.'],
  ],
  ['sept. before a year', 'Le scrutin du 28 sept. 2025 sera décisif.', ['Le scrutin du 28 sept. 2025 sera décisif.']],
  ['Cie.', 'Le contrat lie Martin et Cie. à la commune. Il expire en 2030.', ['Le contrat lie Martin et Cie. à la commune.', 'Il expire en 2030.']],
  ['Jr.', 'Le pasteur Daniel Brooks Jr. a pris la parole. Il a appelé au calme.', ['Le pasteur Daniel Brooks Jr. a pris la parole.', 'Il a appelé au calme.']],
  // Initials and acronyms
  [
    'initials J. R. R. Tolkien',
    'J. R. R. Tolkien reste très lu en France. Ses romans sont réédités.',
    ['J. R. R. Tolkien reste très lu en France.', 'Ses romans sont réédités.'],
  ],
  [
    'hyphenated initials J.-P.',
    'Le cinéaste J.-P. Marchand présidera le jury. La cérémonie aura lieu à Cannes.',
    ['Le cinéaste J.-P. Marchand présidera le jury.', 'La cérémonie aura lieu à Cannes.'],
  ],
  [
    'a single capital initial never ends (documented limit)',
    'Le gouvernement a dévoilé son plan B. Les détails restent flous.',
    ['Le gouvernement a dévoilé son plan B. Les détails restent flous.'],
  ],
  ["l'O.N.U. inside a sentence", "Le rapport de l'O.N.U. sera publié mardi.", ["Le rapport de l'O.N.U. sera publié mardi."]],
  [
    'l\'O.N.U. ending a sentence before "Les"',
    "Le texte a été adopté par l'O.N.U. Les États-Unis se sont abstenus.",
    ["Le texte a été adopté par l'O.N.U.", 'Les États-Unis se sont abstenus.'],
  ],
  ['P.-D.G. before a lower-case word', 'Le P.-D.G. a parlé aux salariés.', ['Le P.-D.G. a parlé aux salariés.']],
  [
    'P.-D.G. before a proper noun',
    'Le P.-D.G. Hugo Marchal a démissionné. Son successeur est inconnu.',
    ['Le P.-D.G. Hugo Marchal a démissionné.', 'Son successeur est inconnu.'],
  ],
  [
    'U.S.A. inside a sentence',
    'Il vit aux U.S.A. depuis 2010. Sa famille est restée à Lyon.',
    ['Il vit aux U.S.A. depuis 2010.', 'Sa famille est restée à Lyon.'],
  ],
  [
    'U.S.A. ending a sentence before "Sa"',
    "Elle est rentrée des U.S.A. Sa famille l'attendait à Roissy.",
    ['Elle est rentrée des U.S.A.', "Sa famille l'attendait à Roissy."],
  ],
  // Numbers
  [
    'decimal point',
    'Le taux est passé de 3.5 % à 4 %. La banque centrale justifie cette hausse.',
    ['Le taux est passé de 3.5 % à 4 %.', 'La banque centrale justifie cette hausse.'],
  ],
  [
    'decimal comma',
    "La croissance atteint 3,5 % sur un an. C'est le meilleur chiffre depuis 2017.",
    ['La croissance atteint 3,5 % sur un an.', "C'est le meilleur chiffre depuis 2017."],
  ],
  ['time 14 h 30', 'Le conseil se réunira à 14 h 30. La séance sera publique.', ['Le conseil se réunira à 14 h 30.', 'La séance sera publique.']],
  ['time 14.30', 'Rendez-vous à 14.30 devant la mairie. Les élus seront présents.', ['Rendez-vous à 14.30 devant la mairie.', 'Les élus seront présents.']],
  [
    'thousands separated by dots',
    "Le budget s'élève à 1.000.000 d'euros. Il sera voté en décembre.",
    ["Le budget s'élève à 1.000.000 d'euros.", 'Il sera voté en décembre.'],
  ],
  [
    'a sentence may start with a digit',
    'Le chantier a débuté en 2019. 250 ouvriers y travaillent.',
    ['Le chantier a débuté en 2019.', '250 ouvriers y travaillent.'],
  ],
  ['an enumerator is not a sentence', '1. Les candidats doivent être majeurs.', ['1. Les candidats doivent être majeurs.']],
  // Ellipses
  ['... before a lower-case word', 'Il a hésité... puis il a signé le contrat.', ['Il a hésité... puis il a signé le contrat.']],
  ['… before a capital', 'Les négociations traînent… Personne ne veut céder.', ['Les négociations traînent…', 'Personne ne veut céder.']],
  ['... before a capital', 'Et pourtant... Le vote a bien eu lieu.', ['Et pourtant...', 'Le vote a bien eu lieu.']],
  [
    '[…] marks a cut in a quotation',
    '« Le pays doit avancer […] Nous ne reculerons pas », a martelé la ministre.',
    ['« Le pays doit avancer […] Nous ne reculerons pas », a martelé la ministre.'],
  ],
  // Guillemets and incises
  ['« … . » dit-il', '« Nous viendrons. » dit-il.', ['« Nous viendrons. » dit-il.']],
  ['« … ! », a-t-il ajouté', '« Partez ! », a-t-il ajouté.', ['« Partez ! », a-t-il ajouté.']],
  ['« … ? » demanda-t-elle', '« Vraiment ? » demanda-t-elle.', ['« Vraiment ? » demanda-t-elle.']],
  [
    'guillemets with no-break spaces',
    `«${NBSP}Nous viendrons.${NBSP}» dit-il. Puis il est parti.`,
    [`«${NBSP}Nous viendrons.${NBSP}» dit-il.`, 'Puis il est parti.'],
  ],
  [
    'guillemets with narrow no-break spaces',
    `«${NNBSP}Partez${NNBSP}!${NNBSP}», a-t-il ajouté. La salle s'est vidée.`,
    [`«${NNBSP}Partez${NNBSP}!${NNBSP}», a-t-il ajouté.`, "La salle s'est vidée."],
  ],
  [
    'closing guillemet then a new sentence',
    "Il a conclu : « C'est terminé. » Les journalistes sont sortis.",
    ["Il a conclu : « C'est terminé. »", 'Les journalistes sont sortis.'],
  ],
  ['! in a quote followed by "et"', "Il a crié « Au secours ! » et s'est enfui.", ["Il a crié « Au secours ! » et s'est enfui."]],
  [
    'sentences inside one quotation are split (documented)',
    '« Nous sommes inquiets. Le gouvernement doit agir », a déclaré la maire.',
    ['« Nous sommes inquiets.', 'Le gouvernement doit agir », a déclaré la maire.'],
  ],
  // ? and ! outside quotes
  [
    '? and ! with French spacing',
    'Qui paiera la facture ? Personne ne le sait ! Le débat reste ouvert.',
    ['Qui paiera la facture ?', 'Personne ne le sait !', 'Le débat reste ouvert.'],
  ],
  [
    '? before a lower-case word continues',
    "Faut-il s'en inquiéter ? pas forcément, selon l'expert.",
    ["Faut-il s'en inquiéter ? pas forcément, selon l'expert."],
  ],
  // Other quotes and apostrophes
  [
    'straight quotes, period after',
    'Le ministre a évoqué une "réforme juste". Les syndicats sont sceptiques.',
    ['Le ministre a évoqué une "réforme juste".', 'Les syndicats sont sceptiques.'],
  ],
  ['spaced straight quotes with an incise', '" Nous viendrons. " dit-il. Le public applaudit.', ['" Nous viendrons. " dit-il.', 'Le public applaudit.']],
  ['period inside straight quotes', 'Il a dit "c\'est fini." Le lendemain, il est revenu.', ['Il a dit "c\'est fini."', 'Le lendemain, il est revenu.']],
  [
    'curly quotes with an incise',
    '“Nous partons”, a déclaré le capitaine. Le navire a quitté le port.',
    ['“Nous partons”, a déclaré le capitaine.', 'Le navire a quitté le port.'],
  ],
  [
    'period inside curly quotes',
    'Le maire a tranché : “Le projet est abandonné.” Les riverains se réjouissent.',
    ['Le maire a tranché : “Le projet est abandonné.”', 'Les riverains se réjouissent.'],
  ],
  [
    'typographic apostrophes',
    'L’entreprise l’a confirmé aujourd’hui. Elle recrutera 40 salariés.',
    ['L’entreprise l’a confirmé aujourd’hui.', 'Elle recrutera 40 salariés.'],
  ],
  [
    'typographic apostrophe before an acronym',
    'Le texte a été rejeté à l’O.N.U. L’Assemblée le réexaminera.',
    ['Le texte a été rejeté à l’O.N.U.', 'L’Assemblée le réexaminera.'],
  ],
  // Brackets, dashes, endings
  [
    'sentence in parentheses',
    'Le vote a été reporté. (Il devait avoir lieu mardi.) Les députés protestent.',
    ['Le vote a été reporté.', '(Il devait avoir lieu mardi.)', 'Les députés protestent.'],
  ],
  ['? inside parentheses', 'Il a démissionné (sous la pression ?) hier soir.', ['Il a démissionné (sous la pression ?) hier soir.']],
  ['dialogue dash', 'Il est arrivé en retard. — Excusez-moi, a-t-il lancé.', ['Il est arrivé en retard.', '— Excusez-moi, a-t-il lancé.']],
  [
    'last sentence without punctuation',
    "Le match s'est joué à guichets fermés. Victoire des Bleus 2 à 0",
    ["Le match s'est joué à guichets fermés.", 'Victoire des Bleus 2 à 0'],
  ],
  [
    'URL inside a sentence',
    'Inscrivez-vous sur www.exemple.fr avant vendredi. Les places sont limitées.',
    ['Inscrivez-vous sur www.exemple.fr avant vendredi.', 'Les places sont limitées.'],
  ],
  [
    'URL ending a sentence',
    'Le programme est en ligne sur www.exemple.fr. Il sera mis à jour chaque semaine.',
    ['Le programme est en ligne sur www.exemple.fr.', 'Il sera mis à jour chaque semaine.'],
  ],
  [
    'e-mail address',
    'Écrivez à contact@exemple.fr pour vous inscrire. La réponse arrive sous 48 heures.',
    ['Écrivez à contact@exemple.fr pour vous inscrire.', 'La réponse arrive sous 48 heures.'],
  ],
  ['whitespace is normalised', '  Le vote est clos.\t\tLes résultats   tombent ce soir.  ', ['Le vote est clos.', 'Les résultats tombent ce soir.']],
];

describe('segmentFrench', () => {
  it.each(CASES)('%s', (_description, input, expected) => {
    expect(segmentFrench(input)).toEqual(expected);
  });

  it('has at least 45 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(45);
  });

  it('returns nothing for an empty or blank paragraph', () => {
    expect(segmentFrench('')).toEqual([]);
    expect(segmentFrench(' \t ')).toEqual([]);
  });

  it('loses nothing: sentences are trimmed, non-empty and join back into the paragraph', () => {
    const inputs = [...CASES.map(([, input]) => input), CASES.map(([, input]) => input).join('  ')];
    for (const input of inputs) {
      const sentences = segmentFrench(input);
      for (const s of sentences) {
        expect(s).not.toBe('');
        expect(s).toBe(s.trim());
      }
      expect(sentences.join(' ')).toBe(normalizeWhitespace(input));
      // Only ordinary whitespace may change; every other character survives.
      expect(sentences.join('').replace(/\s/g, '')).toBe(input.replace(/\s/g, ''));
    }
  });

  it('keeps no-break spaces and collapses the other whitespace runs', () => {
    expect(normalizeWhitespace(` «${NBSP}Oui${NNBSP}!\u00A0»\n\n dit-il. `)).toBe(`«${NBSP}Oui${NNBSP}!${NBSP}» dit-il.`);
  });
});

// Why segmentFrench exists: what Intl.Segmenter('fr') does on its own (Node 20,
// ICU 78). If ICU ever changes, this test fails and the comment in
// src/document/segment-fr.ts should be revisited.
describe('Intl.Segmenter baseline', () => {
  const segmenter = new Intl.Segmenter('fr', { granularity: 'sentence' });
  const segment = (text: string) => [...segmenter.segment(text)].map((s) => s.segment);

  it('splits after the title M.', () => {
    expect(segment('M. Dupont est arrivé hier. Il repart demain.')).toEqual(['M. ', 'Dupont est arrivé hier. ', 'Il repart demain.']);
  });

  it('cuts the closing guillemet and its incise off the quote', () => {
    expect(segment('« Bonjour ! » dit-il en entrant.')).toEqual(['« Bonjour ! ', '» dit-il en entrant.']);
  });

  it('keeps "Le P.-D.G. a parlé" but splits P.-D.G. before a name, and splits initials', () => {
    expect(segment('Le P.-D.G. a parlé aux salariés.')).toEqual(['Le P.-D.G. a parlé aux salariés.']);
    expect(segment('Le P.-D.G. Jean Martin a parlé.')).toEqual(['Le P.-D.G. ', 'Jean Martin a parlé.']);
    expect(segment('J. R. R. Tolkien est né.')).toEqual(['J. ', 'R. ', 'R. ', 'Tolkien est né.']);
  });

  it('is fixed by segmentFrench on the same inputs', () => {
    expect(segmentFrench('M. Dupont est arrivé hier. Il repart demain.')).toEqual(['M. Dupont est arrivé hier.', 'Il repart demain.']);
    expect(segmentFrench('« Bonjour ! » dit-il en entrant.')).toEqual(['« Bonjour ! » dit-il en entrant.']);
    expect(segmentFrench('Le P.-D.G. Jean Martin a parlé.')).toEqual(['Le P.-D.G. Jean Martin a parlé.']);
    expect(segmentFrench('J. R. R. Tolkien est né.')).toEqual(['J. R. R. Tolkien est né.']);
  });
});
