import { describe, expect, it } from 'vitest';
import { splitClauses } from '../../src/document/split-clauses.ts';

type Fits = (s: string) => boolean;
/** At most n characters. */
const chars =
  (n: number): Fits =>
  (s) =>
    s.length <= n;
/** At most n space-separated tokens (a detached "?" or "«" counts as one). */
const words =
  (n: number): Fits =>
  (s) =>
    s.split(' ').length <= n;

// [description, sentence, fits, expected pieces]; every sentence is invented.
const CASES: [string, string, Fits, string[]][] = [
  ['a sentence that fits is returned whole', 'Le conseil a voté le budget.', words(10), ['Le conseil a voté le budget.']],
  [
    'cut at a semicolon, kept on the left',
    'Le gouvernement a reculé sur la réforme ; les syndicats crient victoire.',
    chars(45),
    ['Le gouvernement a reculé sur la réforme ;', 'les syndicats crient victoire.'],
  ],
  [
    'cut at a colon with a French space before it',
    "Le ministre l'a annoncé mardi : les prix baisseront dès le mois prochain.",
    words(8),
    ["Le ministre l'a annoncé mardi :", 'les prix baisseront dès le mois prochain.'],
  ],
  [
    'a semicolon is preferred to commas, a too-long clause is cut at its commas',
    'Les élus de droite, du centre et de la gauche ; les associations, les syndicats et les riverains.',
    words(9),
    ['Les élus de droite,', 'du centre et de la gauche ;', 'les associations, les syndicats et les riverains.'],
  ],
  [
    'cut at commas when there is no semicolon',
    'Après des mois de négociations, les partenaires sociaux ont trouvé un accord sur les salaires, mais la question des retraites reste entière.',
    words(10),
    ['Après des mois de négociations,', 'les partenaires sociaux ont trouvé un accord sur les salaires,', 'mais la question des retraites reste entière.'],
  ],
  [
    'short comma pieces are packed together',
    'Paris, Lyon, Marseille, Lille, Nantes et Rennes sont concernées.',
    words(4),
    ['Paris, Lyon, Marseille, Lille,', 'Nantes et Rennes sont', 'concernées.'],
  ],
  [
    'no punctuation: cut between words as a last resort',
    'Le conseil municipal a voté à une très large majorité la construction du nouveau stade.',
    words(6),
    ['Le conseil municipal a voté à', 'une très large majorité la construction', 'du nouveau stade.'],
  ],
  [
    'a word too long by itself is its own piece, never cut or dropped',
    'Il a prononcé le mot anticonstitutionnellement devant la presse.',
    chars(12),
    ['Il a', 'prononcé le', 'mot', 'anticonstitutionnellement', 'devant la', 'presse.'],
  ],
  [
    'a closing guillemet stays before its comma, an opening one with its word',
    '« Nous partirons demain », a-t-il dit, « sans attendre la décision du juge ».',
    words(6),
    ['« Nous partirons demain »,', 'a-t-il dit, « sans attendre la', 'décision du juge ».'],
  ],
  [
    'times are not colons, detached punctuation stays with its word',
    'Le train de 14:30 a été supprimé ; celui de 15:10 circulera.',
    words(6),
    ['Le train de 14:30 a été', 'supprimé ; celui de 15:10 circulera.'],
  ],
  ['spaced straight quotes are kept with their words', 'Il a lancé : " Nous ne céderons pas. "', words(3), ['Il a', 'lancé :', '" Nous ne', 'céderons pas. "']],
  ['whitespace is normalised', '  Le vote ;\n\tle résultat.  ', chars(12), ['Le vote ;', 'le résultat.']],
];

describe('splitClauses', () => {
  it.each(CASES)('%s', (_description, sentence, fits, expected) => {
    expect(splitClauses(sentence, fits)).toEqual(expected);
  });

  it.each(CASES)('%s: pieces join back, fit unless a lone word, and no neighbours could merge', (_d, sentence, fits) => {
    const pieces = splitClauses(sentence, fits);
    expect(pieces.join(' ')).toBe(sentence.trim().replace(/\s+/g, ' '));
    for (const piece of pieces) {
      expect(piece).toBe(piece.trim());
      if (!fits(piece)) expect(piece).not.toMatch(/\p{L} \p{L}/u);
    }
    for (let i = 1; i < pieces.length; i++) expect(fits(`${pieces[i - 1]} ${pieces[i]}`)).toBe(false);
  });

  it('returns nothing for an empty sentence', () => {
    expect(splitClauses('   ', words(3))).toEqual([]);
  });
});
