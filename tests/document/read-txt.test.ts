import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTxt } from '../../src/document/formats/txt-read.ts';
import type { Block } from '../../src/document/types.ts';
import { articleBlocks } from './article-blocks.ts';

const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'articles', 'article.txt');

const ARTICLE: Block[] = [
  ...articleBlocks(),
  // The footer is still there: removing it is cleanBlocks' job. Trailing short lines stay paragraphs.
  { type: 'paragraph', text: 'Newsletter' },
  { type: 'paragraph', text: 'Pour ne rien manquer de l’actualité de votre ville' },
];

describe('readTxt', () => {
  it('reads the fixture article block by block', () => {
    expect(readTxt(readFileSync(fixture, 'utf8'))).toEqual(ARTICLE);
  });

  it('returns no block for blank text', () => {
    expect(readTxt('')).toEqual([]);
    expect(readTxt('\n  \n\t\n')).toEqual([]);
  });

  it('takes the first non-empty line as the title', () => {
    expect(readTxt('\n\n  Grève à la SNCF ce jeudi  \n')).toEqual([{ type: 'title', text: 'Grève à la SNCF ce jeudi' }]);
  });

  it('accepts a kicker with no or one blank line under the title, not two', () => {
    const body = 'Le conseil municipal a voté le budget hier soir.';
    expect(readTxt(`Titre\nPolitique locale\n${body}`)[1]).toEqual({ type: 'kicker', text: 'Politique locale' });
    expect(readTxt(`Titre\n\nPolitique locale\n\n${body}`)[1]).toEqual({ type: 'kicker', text: 'Politique locale' });
    expect(readTxt(`Titre\n\n\nPolitique locale\n\n${body}`)[1]).toEqual({ type: 'heading', text: 'Politique locale' });
  });

  it('refuses a kicker that is too long or ends like a sentence', () => {
    const long = 'Une ligne de plus de quatre-vingts caractères qui ne peut pas être un simple surtitre ici';
    expect(long.length).toBeGreaterThan(80);
    for (const line of ['Il pleut.', 'Vraiment ?', 'Ce qu’il faut savoir :', 'Il a dit « oui »', long]) {
      expect(readTxt(`Titre\n${line}\nUn paragraphe complet.`)[1].type).not.toBe('kicker');
    }
  });

  it('makes each non-empty line its own block, with or without blank lines', () => {
    expect(readTxt('Titre\n\nPremière phrase du texte.\nDeuxième phrase du texte.')).toEqual([
      { type: 'title', text: 'Titre' },
      { type: 'paragraph', text: 'Première phrase du texte.' },
      { type: 'paragraph', text: 'Deuxième phrase du texte.' },
    ]);
  });

  it('only takes short, unpunctuated lines of fewer than 15 words as headings', () => {
    const fifteenWords = 'un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze';
    const blocks = readTxt(['Titre', '', 'Un paragraphe.', 'Les raisons du retard', 'Ce qu’il faut retenir :', fifteenWords, 'Fin.'].join('\n'));
    expect(blocks.map((b) => b.type)).toEqual(['title', 'paragraph', 'heading', 'paragraph', 'paragraph', 'paragraph']);
  });

  it('reads "> " lines as quotes and drops empty ones', () => {
    expect(readTxt('Titre\n\nUn paragraphe.\n>  « Nous  restons mobilisés »\n>\nFin.')).toEqual([
      { type: 'title', text: 'Titre' },
      { type: 'paragraph', text: 'Un paragraphe.' },
      { type: 'quote', text: '« Nous restons mobilisés »' },
      { type: 'paragraph', text: 'Fin.' },
    ]);
  });

  it('collapses tabs and runs of spaces but keeps French non-breaking spaces', () => {
    const [, paragraph] = readTxt('Titre\n\n\t Le   maire\ta répondu\u00a0: «\u202fnon\u202f».  \u00a0');
    expect(paragraph).toEqual({ type: 'paragraph', text: 'Le maire a répondu\u00a0: «\u202fnon\u202f».' });
  });

  it('reads bulleted and numbered lines as list items, their markers left out', () => {
    const text = [
      'Titre',
      '',
      'Les mesures annoncées :',
      '- la gratuité des transports',
      '• un chèque énergie',
      '– des bornes de recharge',
      '1. en janvier',
      '2) en juin',
      '',
      'Fin de l’article.',
    ].join('\n');
    expect(readTxt(text)).toEqual([
      { type: 'title', text: 'Titre' },
      { type: 'paragraph', text: 'Les mesures annoncées :' },
      { type: 'bullet', text: 'la gratuité des transports' },
      { type: 'bullet', text: 'un chèque énergie' },
      { type: 'bullet', text: 'des bornes de recharge' },
      { type: 'numbered', text: 'en janvier' },
      { type: 'numbered', text: 'en juin' },
      { type: 'paragraph', text: 'Fin de l’article.' },
    ]);
  });
});
