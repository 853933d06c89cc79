import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { checkDepth } from '../markup-depth.ts';
import type { Block } from '../types.ts';
import { normaliseInline } from './read-common.ts';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** Page furniture and non-rendered content: nothing inside is article text. */
const SKIPPED = new Set([
  ...['script', 'style', 'nav', 'header', 'footer', 'aside', 'form', 'noscript'],
  ...['template', 'svg', 'math', 'iframe', 'object', 'button', 'select', 'textarea'],
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Class fragments newsrooms use for the standfirst / rubric paragraph (FR and EN CMS conventions). */
const KICKER_CLASS = /kicker|chapo|chapeau|surtitre|lead|standfirst/i;
/** Elements whose boundaries separate words even when the markup has no whitespace between them. */
const BREAKING = new Set([
  ...['br', 'hr', 'p', 'div', 'section', 'blockquote', 'cite', 'figcaption'],
  ...['ul', 'ol', 'li', 'dd', 'dt', 'tr', 'td', 'th', ...HEADINGS],
]);

interface Item {
  tag: string;
  text: string;
  kickerClass: boolean;
  /** For a list item: the list it is in is an `<ol>`. */
  ordered?: boolean;
}

const LISTS = new Set(['ul', 'ol', 'menu']);

/**
 * Reads an HTML article with parse5 (a spec-compliant parser, so broken markup
 * and entities behave as in a browser). Text comes from h1–h6, p and
 * blockquote in document order; if the page has an `<article>` (else a
 * `<main>`), only that element is read, which leaves out menus, teasers and
 * comment threads that are not inside skip-listed elements.
 *
 * - the first h1 is the title; with no h1, the `<title>` is;
 * - a p whose class names a kicker/chapô right after the title is the kicker
 *   (a surtitre placed right before the h1 counts too and is moved after it,
 *   so every reader yields title first);
 * - other headings are headings, p are paragraphs, a blockquote is one quote;
 * - each `<li>` of a ul/ol is a list item (bullet or numbered), its nested lists' items after it;
 * - a `<header>` *inside* the chosen article/main is the article's own header
 *   (it usually holds the h1 and chapô), so only page-level headers are
 *   skipped; footers (tags, share buttons, author bios) are always skipped.
 */
export function readHtml(text: string): Block[] {
  const document = parse(text);
  checkDepth<Node>(document, (n) => childrenOf(n));
  const root = findFirst(document, (el) => el.tagName === 'article') ?? findFirst(document, (el) => el.tagName === 'main');
  const items: Item[] = [];
  collect(root ?? document, root !== null, items);
  return toBlocks(items, () => documentTitle(document));
}

function toBlocks(items: Item[], fallbackTitle: () => string): Block[] {
  const titleIndex = items.findIndex((item) => item.tag === 'h1');
  const head = titleIndex < 0 ? [] : items.slice(0, titleIndex);
  const tail = items.slice(titleIndex + 1); // whole list when there is no h1
  const title = titleIndex < 0 ? fallbackTitle() : items[titleIndex].text;
  let kicker: Item | undefined;
  if (tail[0]?.kickerClass) kicker = tail.shift();
  else if (head.at(-1)?.kickerClass) kicker = head.pop();

  const blocks: Block[] = head.map(toBlock);
  if (title !== '') blocks.push({ type: 'title', text: title });
  if (kicker) blocks.push({ type: 'kicker', text: kicker.text });
  blocks.push(...tail.map(toBlock));
  return blocks;
}

function toBlock(item: Item): Block {
  return { type: blockType(item), text: item.text };
}

function blockType(item: Item): Block['type'] {
  if (HEADINGS.has(item.tag)) return 'heading';
  if (item.tag === 'li') return item.ordered ? 'numbered' : 'bullet';
  return item.tag === 'blockquote' ? 'quote' : 'paragraph';
}

/**
 * Walks the tree in document order and records the text of each content
 * element. Content elements are not descended into: a p inside a blockquote is
 * part of the quote, not a paragraph of its own.
 */
function collect(node: Node, insideArticle: boolean, items: Item[]): void {
  for (const child of childrenOf(node)) {
    if (isElement(child) && child.tagName === 'li' && isElement(node) && LISTS.has(node.tagName) && child.namespaceURI === HTML_NS) {
      if (hasAttr(child, 'hidden')) continue;
      // The item's own words (its paragraphs included), then the items of lists nested in it.
      const text = normaliseInline(textOf(child, LISTS));
      if (text !== '') items.push({ tag: 'li', text, kickerClass: false, ordered: node.tagName === 'ol' });
      for (const nested of childrenOf(child)) if (isElement(nested) && LISTS.has(nested.tagName)) collect(nested, insideArticle, items);
      continue;
    }
    if (!isElement(child)) continue;
    const tag = child.tagName;
    if (SKIPPED.has(tag) && !(insideArticle && tag === 'header')) continue;
    if (child.namespaceURI !== HTML_NS || hasAttr(child, 'hidden')) continue;
    if (HEADINGS.has(tag) || tag === 'p' || tag === 'blockquote') {
      const text = normaliseInline(textOf(child));
      if (text !== '') items.push({ tag, text, kickerClass: tag === 'p' && KICKER_CLASS.test(attr(child, 'class')) });
      continue;
    }
    collect(child, insideArticle, items);
  }
}

/**
 * Text content with word breaks at block boundaries and `<br>`; skipped elements (and those named
 * in `leave`) contribute nothing.
 */
function textOf(node: Node, leave?: ReadonlySet<string>): string {
  let out = '';
  for (const child of childrenOf(node)) {
    if (child.nodeName === '#text') out += (child as DefaultTreeAdapterTypes.TextNode).value;
    else if (isElement(child) && !SKIPPED.has(child.tagName) && !leave?.has(child.tagName) && !hasAttr(child, 'hidden')) {
      const breaking = BREAKING.has(child.tagName);
      out += (breaking ? ' ' : '') + textOf(child, leave) + (breaking ? ' ' : '');
    }
  }
  return out;
}

function documentTitle(document: Node): string {
  const title = findFirst(document, (el) => el.tagName === 'title' && el.namespaceURI === HTML_NS);
  return title ? normaliseInline(textOf(title)) : '';
}

/** First element (document order) matching the predicate, outside skip-listed elements. */
function findFirst(node: Node, predicate: (el: Element) => boolean): Element | null {
  for (const child of childrenOf(node)) {
    if (!isElement(child)) continue;
    if (predicate(child)) return child;
    if (SKIPPED.has(child.tagName)) continue;
    const found = findFirst(child, predicate);
    if (found) return found;
  }
  return null;
}

function childrenOf(node: Node): Node[] {
  return 'childNodes' in node ? node.childNodes : [];
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function attr(el: Element, name: string): string {
  return el.attrs.find((a) => a.name === name)?.value ?? '';
}

function hasAttr(el: Element, name: string): boolean {
  return el.attrs.some((a) => a.name === name);
}
