// The Markdown editions as a CMS would show them: rendered by a real CommonMark renderer with raw
// HTML and every link protocol allowed (micromark with allowDangerousHtml and
// allowDangerousProtocol, the settings of a site that trusts its Markdown), then read as a DOM.
// Whatever the article or a model wrote must come out as that same text, never as markup.
import { micromark } from 'micromark';
import { parseFragment } from 'parse5';
import { describe, expect, it } from 'vitest';
import type { Edition, EditionBlock } from '../../src/document/article.ts';
import { editionMarkdown, escapeMarkdown } from '../../src/output/markdown.ts';
import { all, attr, text } from './dom.ts';

const render = (md: string) => micromark(md, { allowDangerousHtml: true, allowDangerousProtocol: true });

/** Rendered HTML as the DOM a page would get from it (a fragment: nothing is moved to <head>). */
const dom = (html: string) => parseFragment(html);

/** The elements of rendered HTML, in document order, as `tag` or `tag[attr,…]`. */
function elements(html: string): string[] {
  return all(dom(html), () => true).map((e) => (e.attrs.length ? `${e.tagName}[${e.attrs.map((a) => a.name).join(',')}]` : e.tagName));
}

const block = (type: EditionBlock['type'], t: string): EditionBlock => ({ type, text: t, segments: [{ source: t, text: t }] });
const edition = (blocks: EditionBlock[], summary?: string): Edition => ({ lang: 'en', route: ['fr', 'en'], models: [], blocks, summary });

// Each would be live markup, a link or another block if written into Markdown as it is.
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '![x](javascript:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<javascript:alert(1)>',
  '[x]: javascript:alert(1)',
  '<!-- hidden --> <svg onload=alert(1)>',
  '&lt;script&gt; &#60;b&#62; &amp;',
  '*em* _em_ **strong** ~~gone~~ `code` \\*',
  '- item',
  '+ item',
  '1. item',
  '2024) item',
  '# heading',
  '> quote',
  '---',
  '===',
  '```js',
  '    indented',
  'C# #tag #',
];

describe('Markdown editions carry no live markup from article text', () => {
  it('the renderer used here does run raw HTML and javascript: links (else the tests below prove nothing)', () => {
    expect(elements(render('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))'))).toEqual([
      'script',
      'img[src,onerror]',
      'p',
      'a[href]',
    ]);
  });

  it.each(HOSTILE)('a paragraph %j renders as exactly that text', (payload) => {
    const html = render(editionMarkdown(edition([block('paragraph', payload)])));
    expect(elements(html)).toEqual(['p']);
    expect(text(dom(html))).toBe(payload.trim() + '\n');
  });

  it('titles, kickers, headings, quotes and summaries are escaped too, each keeping its own markup', () => {
    const [a, b, c, d, e, f] = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[x](javascript:alert(1))',
      '- not a list',
      '*not em*',
      '# not a heading',
    ];
    const md = editionMarkdown(
      edition(
        [block('title', `${a} ${c}`), block('kicker', `${b} ${e}`), block('heading', `${f} ${a}`), block('paragraph', d), block('quote', `${d} ${b}`)],
        `${c} ${a} ${e}`,
      ),
    );
    const doc = dom(render(md));
    expect(elements(render(md))).toEqual(['h1', 'p', 'em', 'h2', 'p', 'blockquote', 'p', 'hr', 'p', 'strong']);
    const textOf = (tag: string) => all(doc, (el) => el.tagName === tag).map((el) => text(el).trim());
    expect(textOf('h1')).toEqual([`${a} ${c}`]);
    expect(textOf('em')).toEqual([`${b} ${e}`]);
    expect(textOf('h2')).toEqual([`${f} ${a}`]);
    expect(textOf('blockquote')).toEqual([`${d} ${b}`]);
    expect(textOf('p')).toEqual([`${b} ${e}`, d, `${d} ${b}`, `Summary: ${c} ${a} ${e}`]);
    expect(all(doc, (el) => attr(el, 'href') !== undefined)).toEqual([]);
  });

  it('a line break inside a text cannot start a new block', () => {
    const md = editionMarkdown(edition([block('paragraph', 'Il a dit :\n<script>alert(1)</script>\n# non\n- non')]));
    expect(md).toBe('Il a dit : \\<script\\>alert(1)\\</script\\> \\# non - non\n');
    expect(elements(render(md))).toEqual(['p']);
  });

  it('leaves ordinary article text readable in the raw file', () => {
    const plain = 'Le président Yerlan Koshanov a visité Astana, le 12 mars 2024 : « Partez ! », a-t-il ajouté (AFP).';
    expect(escapeMarkdown(plain, true)).toBe(plain);
    expect(escapeMarkdown('阿斯塔纳，2024年3月12日。', true)).toBe('阿斯塔纳，2024年3月12日。');
  });
});

describe('Markdown editions keep lists', () => {
  it('writes a run of items as one list, bulleted or numbered from 1, each item escaped', () => {
    const md = editionMarkdown(
      edition([
        block('title', 'Title'),
        block('bullet', 'free *transport*'),
        block('bullet', 'an energy cheque'),
        block('paragraph', 'Then:'),
        block('numbered', 'in January'),
        block('numbered', '2024. in June'),
      ]),
    );
    expect(md).toBe('# Title\n\n- free \\*transport\\*\n- an energy cheque\n\nThen:\n\n1. in January\n2. 2024\\. in June\n');
    const tree = dom(render(md));
    expect(all(tree, (e) => e.tagName === 'ul').map((ul) => all(ul, (e) => e.tagName === 'li').map(text))).toEqual([['free *transport*', 'an energy cheque']]);
    expect(all(tree, (e) => e.tagName === 'ol').map((ol) => all(ol, (e) => e.tagName === 'li').map(text))).toEqual([['in January', '2024. in June']]);
  });
});
