import type { DefaultTreeAdapterTypes as T } from 'parse5';
import { translateTree } from './html-translate.ts';
import type { TranslateTexts } from './types.ts';

// Markdown's inline markup, read into the inline elements translateTree keeps in place: code
// spans, images and URLs are kept as written; links, strong and emphasis keep their words.
const INLINE =
  /(`+)[^`]*?[^`]\1(?!`)|!\[[^\]]*\]\([^)]*\)|\[([^\]]+)\]\(([^)\s]*)((?:\s+"[^"]*")?)\)|(\*\*|__)(?=\S)(.*?\S)\5|(\*|(?<![\p{L}\p{N}])_)(?=\S)(.*?\S)\7|<https?:\/\/[^>\s]+>|https?:\/\/[^\s)>\]]+/gu;
const RAW = 'data-md-raw';

const element = (tagName: string, attrs: T.Element['attrs'], parentNode: T.ParentNode): T.Element => ({
  nodeName: tagName,
  tagName,
  attrs,
  namespaceURI: 'http://www.w3.org/1999/xhtml' as T.Element['namespaceURI'],
  childNodes: [],
  parentNode,
});

/** Appends the nodes of one line's inline Markdown to `parent`. */
function readInline(text: string, parent: T.ParentNode): void {
  let at = 0;
  const add = (s: string) => s && parent.childNodes.push({ nodeName: '#text', value: s, parentNode: parent });
  for (const m of text.matchAll(INLINE)) {
    add(text.slice(at, m.index));
    at = m.index + m[0].length;
    let el: T.Element;
    if (m[2] !== undefined) {
      el = element(
        'a',
        [
          { name: 'href', value: m[3] },
          { name: 'data-md-title', value: m[4] },
        ],
        parent,
      );
      readInline(m[2], el);
    } else if (m[5] !== undefined || m[7] !== undefined) {
      el = element(m[5] ? 'strong' : 'em', [{ name: 'data-md', value: m[5] ?? m[7] }], parent);
      readInline(m[6] ?? m[8], el);
    } else {
      el = element('code', [{ name: RAW, value: m[0] }], parent);
    }
    parent.childNodes.push(el);
  }
  add(text.slice(at));
}

const attr = (el: T.Element, name: string) => el.attrs.find((a) => a.name === name)?.value ?? '';

function writeInline(nodes: T.ChildNode[]): string {
  return nodes
    .map((n) => {
      if (n.nodeName === '#text') return (n as T.TextNode).value;
      const el = n as T.Element;
      if (el.tagName === 'a') return `[${writeInline(el.childNodes)}](${attr(el, 'href')}${attr(el, 'data-md-title')})`;
      if (el.tagName === 'code') return attr(el, RAW);
      return attr(el, 'data-md') + writeInline(el.childNodes) + attr(el, 'data-md');
    })
    .join('');
}

// Lines kept as written: thematic breaks and setext underlines, table separators, link definitions.
const KEPT_LINE = /^\s*(([-*_=]\s*){3,}|\|?\s*:?-{3,}.*|\[[^\]]+\]:\s.*)$/;
// What opens a line and is kept: quote marks, a heading's #s, a list bullet or number (and task box).
const PREFIX = /^\s*(?:>\s?)*\s*(?:#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d{1,9}[.)]\s+)?/;
const FENCE = /^\s*(```|~~~)/;

/**
 * Translates a Markdown file keeping its layout: every line stays a line, code fences and kept
 * lines are not touched, line prefixes (headings, quotes, lists) and table pipes stay, and inline
 * markup stays around the words it marked (through translateTree, as for HTML).
 */
export async function translateMarkdown(text: string, translate: TranslateTexts): Promise<string> {
  const lines = text.split(/(\r\n|\n|\r)/);
  const root: T.DocumentFragment = { nodeName: '#document-fragment', childNodes: [] };
  // Each translatable piece (a line's text, a table cell) becomes a block of its own.
  const pieces: { line: number; before: string; block: T.Element; after: string }[] = [];
  const piece = (line: number, textWithSpace: string, before: string) => {
    const [, lead, body, tail] = /^(\s*)(.*?)(\s*)$/s.exec(textWithSpace)!;
    const block = element('p', [], root);
    root.childNodes.push(block);
    readInline(body, block);
    pieces.push({ line, before: before + lead, block, after: tail });
  };
  let fenced = false;
  for (let i = 0; i < lines.length; i += 2) {
    const line = lines[i];
    if (FENCE.test(line)) fenced = !fenced;
    if (fenced || FENCE.test(line) || line.trim() === '' || KEPT_LINE.test(line)) continue;
    if (line.trimStart().startsWith('|')) {
      const cells = line.split('|');
      cells.forEach((cell, c) => c > 0 && c < cells.length - 1 && cell.trim() && piece(i, cell, ''));
      continue;
    }
    const prefix = PREFIX.exec(line)![0];
    piece(i, line.slice(prefix.length), prefix);
  }
  await translateTree(root, translate);
  const cellsDone = new Map<number, string[]>();
  for (const p of pieces) {
    const out = p.before + writeInline(p.block.childNodes) + p.after;
    if (lines[p.line].trimStart().startsWith('|')) cellsDone.set(p.line, [...(cellsDone.get(p.line) ?? []), out]);
    else lines[p.line] = out;
  }
  for (const [i, outs] of cellsDone) {
    let k = 0;
    const cells = lines[i].split('|');
    lines[i] = cells.map((cell, c) => (c > 0 && c < cells.length - 1 && cell.trim() ? outs[k++] : cell)).join('|');
  }
  return lines.join('');
}
