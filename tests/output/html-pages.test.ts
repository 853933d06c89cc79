// The pages as HTML text: self-contained, strict CSP, structure and escaping. The browser tests in
// tests/browser check the same pages as rendered and run.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { editionPlainText, renderArticlePage } from '../../src/output/html-article.ts';
import { articleHref, renderRunIndex } from '../../src/output/html-index.ts';
import { expectedCopy, GLOSSARY, loadArticle, loadRunReport, loadXssArticle } from '../browser/fixtures.ts';
import { all, attr, byTag, hasClass, parseHtml, text } from './dom.ts';

/** The sha256 of an inline element's text, base64, computed here independently of the page code. */
const sha256 = (s: string) => createHash('sha256').update(Buffer.from(s, 'utf8')).digest('base64');

/**
 * The page's CSP, directive by directive, checked against the page itself: the one hash allowed
 * for scripts is that of the executable inline script's exact text (none when there is no
 * script), the one for styles that of the <style> element; never 'unsafe-inline'.
 */
function expectStrictCsp(html: string): void {
  const doc = parseHtml(html);
  const metas = all(doc, (e) => e.tagName === 'meta' && attr(e, 'http-equiv') === 'Content-Security-Policy');
  expect(metas).toHaveLength(1);
  const csp = attr(metas[0], 'content')!;
  expect(csp).not.toContain('unsafe');
  const directives = Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k, v.join(' ')]),
  );
  const code = all(doc, byTag('script')).filter((s) => attr(s, 'type') === undefined);
  const styles = all(doc, byTag('style'));
  expect(styles).toHaveLength(1);
  expect(directives).toEqual({
    'default-src': "'none'",
    'script-src': code.length ? code.map((s) => `'sha256-${sha256(text(s))}'`).join(' ') : "'none'",
    'style-src': `'sha256-${sha256(text(styles[0]))}'`,
    'base-uri': "'none'",
    'form-action': "'none'",
    'object-src': "'none'",
  });
}

/** Self-contained: nothing that could load a resource, and the strict CSP before any style or script. */
function expectSelfContained(html: string): void {
  expect(html.startsWith('<!doctype html>\n')).toBe(true);
  expectStrictCsp(html);
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style>'));
  expect(html).not.toMatch(/https?:|\/\/[a-z]/i);
  const doc = parseHtml(html);
  const tags = new Set(all(doc, () => true).map((e) => e.tagName));
  for (const t of ['link', 'img', 'iframe', 'object', 'embed', 'video', 'audio', 'source', 'base', 'form']) expect(tags.has(t), t).toBe(false);
  const attrs = new Set(all(doc, () => true).flatMap((e) => e.attrs.map((a) => a.name)));
  for (const a of ['src', 'srcset', 'action', 'formaction', 'poster', 'background']) expect(attrs.has(a), a).toBe(false);
  for (const style of all(doc, byTag('style'))) expect(text(style)).not.toMatch(/@import|url\(/i);
  for (const a of all(doc, byTag('a'))) expect(attr(a, 'href')).not.toMatch(/^[a-z][a-z0-9+.-]*:|^\/\//i);
}

describe('renderArticlePage', () => {
  const result = loadArticle();
  const html = renderArticlePage(result, { glossaryTerms: GLOSSARY });
  const doc = parseHtml(html);

  it('is self-contained, with the strict CSP', () => {
    expectSelfContained(html);
    expect(all(doc, byTag('script')).filter((s) => attr(s, 'type') === undefined)).toHaveLength(1);
  });

  it('has one table row per source block with a cell for the source and every edition', () => {
    const rows = all(doc, (e) => e.tagName === 'tr' && hasClass(e, 'row'));
    expect(rows).toHaveLength(9);
    rows.forEach((row, i) => {
      const cells = all(row, byTag('td'));
      expect(cells.map((c) => attr(c, 'data-col'))).toEqual(['source', 'en', 'kk', 'kk-Latn', 'ru', 'zh', 'zh-Hant']);
      expect(cells.map((c) => attr(c, 'data-type'))).toEqual(Array(7).fill(result.source.blocks[i].type));
      expect(text(all(cells[2], (e) => hasClass(e, 'text'))[0])).toBe(result.targets.kk.blocks[i].text);
    });
  });

  it('gives the copy buttons the edition text then the summary, as JSON the browser parses back', () => {
    const [data] = all(doc, (e) => attr(e, 'id') === 'audarma-data');
    const copy = JSON.parse(text(data)).copy as Record<string, string>;
    expect(Object.keys(copy)).toEqual(['source', 'en', 'kk', 'kk-Latn', 'ru', 'zh', 'zh-Hant']);
    const zh = result.targets.zh;
    expect(copy.zh).toBe(expectedCopy(zh.blocks, zh.summary));
    expect(copy.zh.endsWith(`\n\n${zh.summary}`)).toBe(true);
    expect(copy.source).toBe(result.source.blocks.map((b) => b.text).join('\n\n'));
    expect(editionPlainText([{ text: 'A' }, { text: '' }, { text: 'B' }], 'S')).toBe('A\n\nB\n\nS');
  });

  it('renders without glossary terms or summaries', () => {
    const bare = structuredClone(result);
    for (const e of Object.values(bare.targets)) delete e.summary;
    const page = renderArticlePage(bare);
    expect(page).not.toContain('class="term"');
    expect(page).not.toContain('class="summaries"');
    expectSelfContained(page);
  });

  it('shows list items as lists in every column, numbered as in the source', () => {
    const listed = structuredClone(result);
    const types = ['bullet', 'bullet', 'numbered', 'numbered'] as const;
    for (const blocks of [listed.source.blocks, ...Object.values(listed.targets).map((e) => e.blocks)]) types.forEach((t, i) => (blocks[i + 2].type = t));
    const rows = all(parseHtml(renderArticlePage(listed)), (e) => e.tagName === 'tr' && hasClass(e, 'row'));
    const lists = (row: (typeof rows)[number]) => all(row, (e) => hasClass(e, 'list')).map((l) => `${l.tagName}${attr(l, 'start') ?? ''}`);
    expect(lists(rows[2])).toEqual(Array(7).fill('ul'));
    expect(lists(rows[4])).toEqual(Array(7).fill('ol1'));
    expect(lists(rows[5])).toEqual(Array(7).fill('ol2'));
    expect(text(all(all(rows[5], byTag('li'))[2], (e) => hasClass(e, 'text'))[0])).toBe(listed.targets.kk.blocks[5].text);
  });

  it('keeps rows aligned when an edition is short of blocks', () => {
    const short = structuredClone(result);
    short.targets.ru.blocks.pop();
    const rows = all(parseHtml(renderArticlePage(short)), (e) => e.tagName === 'tr' && hasClass(e, 'row'));
    expect(rows).toHaveLength(9);
    expect(all(rows[8], (e) => e.tagName === 'td' && hasClass(e, 'missing')).map((c) => attr(c, 'data-col'))).toEqual(['ru']);
  });
});

describe('renderArticlePage with hostile text', () => {
  const xss = loadXssArticle();
  const html = renderArticlePage(xss, { glossaryTerms: ['<script>', '" onmouseover="alert(1)'] });

  it('escapes every piece of text, attribute values included', () => {
    expectSelfContained(html);
    expect(html).not.toMatch(/<script>alert|<img|<a href="javascript|<\/script><script>alert|<!--/);
    expect(html.match(/<script\b/g)).toHaveLength(2); // the data block and the page script
    const doc = parseHtml(html);
    expect(all(doc, byTag('script')).map((s) => attr(s, 'type') ?? 'code')).toEqual(['application/json', 'code']);
    expect(all(doc, byTag('img'))).toHaveLength(0);
    const [title] = all(doc, byTag('title'));
    expect(text(title)).toBe('Un titre <script>alert(1)</script> piégé · audarma');
    // No attribute other than the page's own: a quote in a reason does not open a new one.
    const names = new Set(all(doc, () => true).flatMap((e) => e.attrs.map((a) => a.name)));
    for (const n of names) expect(n).not.toMatch(/^on/);
  });
});

describe('renderRunIndex', () => {
  const report = loadRunReport();
  const html = renderRunIndex(report, { sourceLang: 'fr' });
  const doc = parseHtml(html);

  it('is self-contained, with the strict CSP and no script at all', () => {
    expectSelfContained(html);
    expect(all(doc, byTag('script'))).toHaveLength(0);
    expect(html).not.toMatch(/<script>alert|<img/);
  });

  it('lists every article with a relative link, except the failed one', () => {
    const rows = all(doc, (e) => e.tagName === 'tr' && attr(e, 'data-slug') !== undefined);
    expect(rows.map((r) => attr(r, 'data-slug'))).toEqual(report.articles.map((a) => a.slug));
    expect(rows.map((r) => all(r, byTag('a')).map((a) => attr(a, 'href'))[0])).toEqual([
      'astana-sommet-eau/index.html',
      'xss-article/index.html',
      'almaty-metro/index.html',
      undefined,
    ]);
    // An edition an article does not have is a dash, a clean one a zero.
    const xssCells = all(rows[1], (e) => e.tagName === 'td' && attr(e, 'data-edition') !== undefined);
    expect(xssCells.map((c) => text(c))).toEqual(['length 1', '—', '—', '—', 'script 1', '—']);
  });

  it('keeps slugs inside OUT/<slug>/', () => {
    expect(articleHref('a b/../c')).toBe('a%20b%2F..%2Fc/index.html');
    expect(articleHref('..')).toBeUndefined();
    expect(articleHref('')).toBeUndefined();
  });

  it('renders an empty run', () => {
    const empty = { ...report, articles: [], failures: [], targets: {}, stages: {} };
    expectSelfContained(renderRunIndex(empty));
  });
});
