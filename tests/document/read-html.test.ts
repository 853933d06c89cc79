import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../../src/document/formats/html-read.ts';
import type { Block } from '../../src/document/types.ts';
import { articleBlocks } from './article-blocks.ts';

const fixture = path.resolve(import.meta.dirname, '..', 'fixtures', 'articles', 'article.html');

const ARTICLE: Block[] = articleBlocks('\u00a0');

const page = (body: string, head = '<title>Titre de la page</title>'): string =>
  `<!doctype html><html lang="fr"><head>${head}</head><body>${body}</body></html>`;

describe('readHtml', () => {
  it('reads the fixture article: only the <article>, entities decoded, <br> as a space', () => {
    expect(readHtml(readFileSync(fixture, 'utf8'))).toEqual(ARTICLE);
  });

  it('leaves out script, style, nav, header, footer, aside and form content', () => {
    const text = readHtml(readFileSync(fixture, 'utf8'))
      .map((b) => b.text)
      .join('\n');
    for (const furniture of [
      'dataLayer',
      'Faux paragraphe',
      'Titre caché',
      'trackRead',
      'Menu principal',
      'Politique',
      'Courrier du Rhône',
      'Lire aussi',
      'Inscrivez-vous',
      'Publié le',
      '©',
    ]) {
      expect(text).not.toContain(furniture);
    }
  });

  it('reads the whole body when there is no <article> or <main>, still skipping page furniture', () => {
    const html = page(
      '<header><h1>Le Journal</h1></header><nav><p>Accueil</p></nav>' +
        '<div><h1>Le vrai titre</h1><div class="content"><p>Un paragraphe.</p><h3>Une partie</h3><p>Suite.</p></div></div>' +
        '<aside><p>Lire aussi</p></aside><noscript><p>Activez JavaScript</p></noscript><footer><p>Mentions légales</p></footer>',
    );
    expect(readHtml(html)).toEqual([
      { type: 'title', text: 'Le vrai titre' },
      { type: 'paragraph', text: 'Un paragraphe.' },
      { type: 'heading', text: 'Une partie' },
      { type: 'paragraph', text: 'Suite.' },
    ]);
  });

  it('reads only <main> when there is no <article>', () => {
    const html = page('<div><p>Bandeau cookies.</p></div><main><h1>Titre</h1><p>Texte.</p></main><div><p>Après.</p></div>');
    expect(readHtml(html).map((b) => b.text)).toEqual(['Titre', 'Texte.']);
  });

  it('falls back to <title> when there is no h1, and keeps later h1 as headings', () => {
    const html = page('<article><p class="lead">Le chapô.</p><p>Texte.</p><h2>Partie</h2></article>');
    expect(readHtml(html)).toEqual([
      { type: 'title', text: 'Titre de la page' },
      { type: 'kicker', text: 'Le chapô.' },
      { type: 'paragraph', text: 'Texte.' },
      { type: 'heading', text: 'Partie' },
    ]);
    expect(readHtml(page('<article><h1>Un</h1><p>A.</p><h1>Deux</h1></article>')).map((b) => b.type)).toEqual(['title', 'paragraph', 'heading']);
  });

  it('recognises kicker classes right after the title, and a surtitre right before it', () => {
    for (const cls of ['kicker', 'article-chapo', 'chapeau', 'Standfirst', 'lead']) {
      const blocks = readHtml(page(`<article><h1>Titre</h1><p class="x ${cls}">Rubrique</p><p>Texte.</p></article>`));
      expect(blocks[1]).toEqual({ type: 'kicker', text: 'Rubrique' });
    }
    const before = readHtml(page('<article><p class="surtitre">Santé</p><h1>Titre</h1><p>Texte.</p></article>'));
    expect(before).toEqual([
      { type: 'title', text: 'Titre' },
      { type: 'kicker', text: 'Santé' },
      { type: 'paragraph', text: 'Texte.' },
    ]);
    const late = readHtml(page('<article><h1>Titre</h1><p>Texte.</p><p class="chapo">Trop tard.</p></article>'));
    expect(late[2]).toEqual({ type: 'paragraph', text: 'Trop tard.' });
  });

  it('joins the paragraphs of a blockquote into one quote and skips empty or hidden elements', () => {
    const html = page(
      '<article><h1>T</h1><blockquote>\n<p>Première&nbsp;partie,</p><p>seconde <em>partie</em>.</p><cite>Une élue</cite></blockquote>' +
        '<p> </p><h2></h2><p hidden>Caché</p><p>Fin<span hidden> cachée</span>.</p></article>',
    );
    expect(readHtml(html)).toEqual([
      { type: 'title', text: 'T' },
      { type: 'quote', text: 'Première\u00a0partie, seconde partie. Une élue' },
      { type: 'paragraph', text: 'Fin.' },
    ]);
  });

  it('copes with sloppy markup like a browser would', () => {
    const html = '<title>Titre</title><p>Un &eacute;t&eacute; <b>chaud<p>Deuxième paragraphe &amp; fin';
    expect(readHtml(html)).toEqual([
      { type: 'title', text: 'Titre' },
      { type: 'paragraph', text: 'Un été chaud' },
      { type: 'paragraph', text: 'Deuxième paragraphe & fin' },
    ]);
  });

  it('keeps every <li> of ul and ol as a list item: paragraphs inside joined, nested lists after their item, none dropped', () => {
    const body =
      '<article><h1>Titre</h1><p>Avant la liste.</p>' +
      '<ul><li>Premier <b>point</b></li><li><p>Deuxième</p><p>point</p><ol><li>sous-point un</li><li>sous-point deux</li></ol></li>' +
      '<li>Troisième</li><li>Quatrième</li></ul><p>Après.</p></article>';
    expect(readHtml(page(body))).toEqual([
      { type: 'title', text: 'Titre' },
      { type: 'paragraph', text: 'Avant la liste.' },
      { type: 'bullet', text: 'Premier point' },
      { type: 'bullet', text: 'Deuxième point' },
      { type: 'numbered', text: 'sous-point un' },
      { type: 'numbered', text: 'sous-point deux' },
      { type: 'bullet', text: 'Troisième' },
      { type: 'bullet', text: 'Quatrième' },
      { type: 'paragraph', text: 'Après.' },
    ]);
  });
});
