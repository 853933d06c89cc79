// How markup is kept around translated words. The translator here is a word-for-word table
// (a unit test of the markup handling; the model path is tested in tests/server).
import { describe, expect, it } from 'vitest';
import { translateHtml } from '../../../src/document/formats/html-translate.ts';
import { translateMarkdown } from '../../../src/document/formats/md-translate.ts';
import { translatePlain } from '../../../src/document/formats/txt-translate.ts';

const WORDS: Record<string, string> = {
  le: 'the',
  la: 'the',
  président: 'president',
  a: 'has',
  visité: 'visited',
  chine: 'China',
  sommet: 'summit',
  un: 'a',
  accord: 'agreement',
  signé: 'signed',
};
const calls: string[][] = [];
/** Word for word, keeping a capital; `reorder` puts the last word first (as real models move words). */
const table =
  (reorder = false) =>
  async (texts: string[]) => {
    calls.push(texts);
    return texts.map((t) => {
      const words = t.split(' ').map((w) => {
        const [, word, tail] = /^(\p{L}*)(.*)$/u.exec(w)!;
        const out = WORDS[word.toLowerCase()] ?? word;
        return (word[0] && word[0] !== word[0].toLowerCase() ? out[0].toUpperCase() + out.slice(1) : out) + tail;
      });
      return (reorder && words.length > 1 ? [words.at(-1)!, ...words.slice(0, -1)] : words).join(' ');
    });
  };

describe('translateHtml', () => {
  it('sends each block as one text plus the text of each inline tag, and puts the tag back around its words', async () => {
    calls.length = 0;
    expect(await translateHtml('<p>Le président a <b>visité</b> la Chine.</p>', table())).toBe('<p>The president has <b>visited</b> the China.</p>');
    expect(calls).toEqual([['Le président a visité la Chine.', 'visité']]);
  });

  it('translates text node by text node when a tag cannot be placed, so no tag moves or is lost', async () => {
    calls.length = 0;
    // Moved words: "has visited" becomes "visited has", which the sentence does not contain.
    expect(await translateHtml('<p>Le président <b>a visité</b> la Chine.</p>', table(true))).toBe('<p>president The <b>visited has</b> China. the</p>');
    expect(calls).toEqual([
      ['Le président a visité la Chine.', 'a visité'],
      ['Le président', 'a visité', 'la Chine.'],
    ]);
  });

  it('places a tag whose words the model moved, where they went', async () => {
    expect(await translateHtml('<p>Le président a <b>visité</b> la Chine.</p>', table(true))).toBe('<p>China. The president has <b>visited</b> the</p>');
  });

  it('keeps code, scripts, comments and translate="no" as written, and attributes untranslated', async () => {
    const html =
      '<div title="le sommet"><p>Le <code>sommet</code> <span translate="no">la Chine</span> signé.</p><script>la = 1</script><!-- le sommet --></div>';
    expect(await translateHtml(html, table())).toBe(
      '<div title="le sommet"><p>The <code>sommet</code> <span translate="no">la Chine</span> signed.</p><script>la = 1</script><!-- le sommet --></div>',
    );
  });

  it('keeps the spaces and line breaks around text, entities decoded and written back escaped', async () => {
    expect(await translateHtml('<ul>\n  <li> le   sommet &amp; un accord </li>\n</ul>', table())).toBe(
      '<ul>\n  <li> the summit &amp; a agreement </li>\n</ul>',
    );
  });

  it('a line break inside a paragraph separates two texts', async () => {
    calls.length = 0;
    expect(await translateHtml('<p>le sommet<br>un accord</p>', table())).toBe('<p>the summit<br>a agreement</p>');
    expect(calls).toEqual([['le sommet', 'un accord']]);
  });
});

describe('translatePlain and translateMarkdown', () => {
  it('keep every line break, blank line and line indent', async () => {
    expect(await translatePlain('Le sommet\r\n\r\n   un accord  \n', table())).toBe('The summit\r\n\r\n   a agreement  \n');
  });

  it('keeps Markdown markers, fences, kept lines and inline marks', async () => {
    const md = '> ## Le *sommet*\n\n1. un [accord](http://a.b/la "la")\n\n~~~\nle sommet\n~~~\n---\n';
    expect(await translateMarkdown(md, table())).toBe('> ## The *summit*\n\n1. a [agreement](http://a.b/la "la")\n\n~~~\nle sommet\n~~~\n---\n');
  });
});
