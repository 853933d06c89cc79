import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMarkdown } from '../../src/document/formats/md-read.ts';
import type { Block } from '../../src/document/types.ts';
import { articleBlocks } from './article-blocks.ts';

const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'articles', 'article.md');

const ARTICLE: Block[] = articleBlocks();

describe('readMarkdown', () => {
  it('reads the fixture article (front matter and image skipped, inline markup stripped)', () => {
    expect(readMarkdown(readFileSync(fixture, 'utf8'))).toEqual(ARTICLE);
  });

  it('uses the first h1 as title; later h1 and h2–h6 are headings', () => {
    expect(readMarkdown('# Titre\n\nTexte.\n\n# Encore un h1\n\n### Un h3 ##\n\n###### Un h6')).toEqual([
      { type: 'title', text: 'Titre' },
      { type: 'paragraph', text: 'Texte.' },
      { type: 'heading', text: 'Encore un h1' },
      { type: 'heading', text: 'Un h3' },
      { type: 'heading', text: 'Un h6' },
    ]);
  });

  it('understands setext headings', () => {
    expect(readMarkdown('Le titre\n========\n\nTexte.\n\nUne partie\n----------\n\nSuite.').map((b) => b.type)).toEqual([
      'title',
      'paragraph',
      'heading',
      'paragraph',
    ]);
  });

  it('takes an italic line right under the title as kicker, with * or _', () => {
    expect(readMarkdown('# Titre\n_Économie_\n\nTexte.')[1]).toEqual({ type: 'kicker', text: 'Économie' });
    expect(readMarkdown('# Titre\n\n*Économie*\n\nTexte.')[1]).toEqual({ type: 'kicker', text: 'Économie' });
  });

  it('does not take other italic lines as kicker', () => {
    // Not right under the title, or only partly italic, or bold.
    expect(readMarkdown('# Titre\n\nTexte.\n\n*Économie*')[2]).toEqual({ type: 'paragraph', text: 'Économie' });
    expect(readMarkdown('# Titre\n\n*Un* et *deux*')[1]).toEqual({ type: 'paragraph', text: 'Un et deux' });
    expect(readMarkdown('# Titre\n\n**Économie**')[1]).toEqual({ type: 'paragraph', text: 'Économie' });
  });

  it('joins a quote over several ">" lines, lazy continuation included, and ends it at a blank line', () => {
    expect(readMarkdown('> « Première ligne\n> deuxième ligne\nsuite paresseuse »\n\nAprès.')).toEqual([
      { type: 'quote', text: '« Première ligne deuxième ligne suite paresseuse »' },
      { type: 'paragraph', text: 'Après.' },
    ]);
  });

  it('strips emphasis, code, links and images but keeps escaped characters and intra-word underscores', () => {
    const text = 'Un **très** _bon_ ***score*** de `42` [points](https://ex.fr/a_(b) "t") ![logo](l.png) \\*vrai\\* 5 * 3 fichier_final';
    expect(readMarkdown(text)).toEqual([{ type: 'paragraph', text: 'Un très bon score de 42 points *vrai* 5 * 3 fichier_final' }]);
  });

  it('makes list items bullet blocks and skips fences, rules, link definitions and comments', () => {
    const text = ['- premier point', '- second point', '', '```', 'code()', '```', '***', '[ref]: https://ex.fr', '<!-- note -->', 'Fin.'].join('\n');
    expect(readMarkdown(text)).toEqual([
      { type: 'bullet', text: 'premier point' },
      { type: 'bullet', text: 'second point' },
      { type: 'paragraph', text: 'Fin.' },
    ]);
  });

  it('returns no block for blank text', () => {
    expect(readMarkdown('\n\n')).toEqual([]);
  });

  it('reads a 256 KB line of "[" as one paragraph (a parser linear in its input, not a regex that backtracks)', () => {
    const line = '['.repeat(256 * 1024);
    expect(readMarkdown(`# Titre\n\n${line}\n\nFin.`)).toEqual([
      { type: 'title', text: 'Titre' },
      { type: 'paragraph', text: line },
      { type: 'paragraph', text: 'Fin.' },
    ]);
  });

  it('follows CommonMark where a line scanner cannot: indented code, nested lists, reference links, HTML blocks', () => {
    const text = [
      'Avant.',
      '',
      '    code indenté',
      '',
      '1. un',
      '   - deux [lien][r]',
      '',
      '[r]: https://ex.fr',
      '',
      '<div>Texte <b>en HTML</b></div>',
      '',
      '~~barré~~ fin',
    ].join('\n');
    expect(readMarkdown(text)).toEqual([
      { type: 'paragraph', text: 'Avant.' },
      { type: 'numbered', text: 'un' },
      { type: 'bullet', text: 'deux lien' },
      { type: 'paragraph', text: 'Texte en HTML' },
      { type: 'paragraph', text: 'barré fin' },
    ]);
  });

  it('keeps every list item as an item, numbered or not, the paragraphs of a loose item joined and nested items after their parent', () => {
    const text = ['# Titre', '', '* Un *point* clé', '* Deux', '', '  suite du deux', '  1. sous-point', '', '3) Trois', '4) Quatre', '', 'Fin.'].join('\n');
    expect(readMarkdown(text)).toEqual([
      { type: 'title', text: 'Titre' },
      { type: 'bullet', text: 'Un point clé' },
      { type: 'bullet', text: 'Deux suite du deux' },
      { type: 'numbered', text: 'sous-point' },
      { type: 'numbered', text: 'Trois' },
      { type: 'numbered', text: 'Quatre' },
      { type: 'paragraph', text: 'Fin.' },
    ]);
  });
});
