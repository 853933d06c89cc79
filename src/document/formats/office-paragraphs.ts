import type { DefaultTreeAdapterTypes as T } from 'parse5';
import { translateTree } from './html-translate.ts';
import type { Element, Node } from './office-xml.ts';
import { normaliseInline } from './read-common.ts';
import type { TranslateTexts } from './types.ts';

/**
 * What a paragraph of an office file is, seen as the HTML translator sees a `<p>`: text, inline
 * elements (a bold run, a link) holding text, and atoms kept as they are (a footnote mark, a
 * tab, an image). Each mirror element points at the XML it stands for, so the translated
 * paragraph is written back with the same runs, styles and links around the words they marked.
 */
export interface Mirror {
  /** The paragraph's content as a parse5 `<p>`: text nodes, `<span>`s (inline), kept atoms. */
  p: T.Element;
}

/** How one office dialect (OOXML, ODF) shows its paragraphs to the translator and takes them back. */
export interface Dialect {
  /** The paragraph's children as mirror nodes, appended to `parent`. */
  mirror(paragraph: Element, parent: T.Element): void;
  /** Replaces the paragraph's content by the translated mirror's. */
  restore(paragraph: Element, mirror: T.Element): void;
}

/** The XML node a mirror element stands for (the first XML node is the outermost). */
const ORIGIN = new WeakMap<T.Element, Node[]>();

export function mirrorElement(parent: T.Element, origin: Node[], atom: boolean): T.Element {
  const el: T.Element = {
    nodeName: 'span',
    tagName: 'span',
    // translate="no" makes the HTML translator keep it as it is, wherever it is.
    attrs: atom ? [{ name: 'translate', value: 'no' }] : [],
    namespaceURI: 'http://www.w3.org/1999/xhtml' as T.Element['namespaceURI'],
    childNodes: [],
    parentNode: parent,
  };
  ORIGIN.set(el, origin);
  parent.childNodes.push(el);
  return el;
}

export function mirrorText(parent: T.Element, value: string): void {
  const last = parent.childNodes.at(-1);
  if (last?.nodeName === '#text') (last as T.TextNode).value += value;
  else parent.childNodes.push({ nodeName: '#text', value, parentNode: parent });
}

export function originOf(el: T.Element): Node[] {
  return ORIGIN.get(el) ?? [];
}

export function isAtom(el: T.Element): boolean {
  return el.attrs.some((a) => a.name === 'translate');
}

const paragraph = (): T.Element => ({
  nodeName: 'p',
  tagName: 'p',
  attrs: [],
  namespaceURI: 'http://www.w3.org/1999/xhtml' as T.Element['namespaceURI'],
  childNodes: [],
  parentNode: null,
});

/** The plain text of a paragraph (atoms left out), as a block's text. */
export function paragraphText(dialect: Dialect, paragraph_: Element): string {
  const p = paragraph();
  dialect.mirror(paragraph_, p);
  const walk = (nodes: T.ChildNode[]): string =>
    nodes.map((n) => (n.nodeName === '#text' ? (n as T.TextNode).value : isAtom(n as T.Element) ? ' ' : walk((n as T.Element).childNodes))).join('');
  return normaliseInline(walk(p.childNodes));
}

/**
 * Translates paragraphs in place, all in one batch: each paragraph's text is translated as one
 * text (a sentence split over several runs is one sentence), and its inline formatting is put
 * back around the words it marked, as for HTML (html-translate.ts).
 */
export async function translateParagraphs(dialect: Dialect, paragraphs: Element[], translate: TranslateTexts): Promise<void> {
  const root: T.DocumentFragment = { nodeName: '#document-fragment', childNodes: [] };
  const mirrors = paragraphs.map((xml) => {
    const p = paragraph();
    p.parentNode = root;
    dialect.mirror(xml, p);
    root.childNodes.push(p);
    return p;
  });
  const before = mirrors.map(hasWords);
  await translateTree(root, translate);
  paragraphs.forEach((xml, i) => {
    dialect.restore(xml, mirrors[i]);
    // A paragraph whose words all went (a newsletter line the clean step removed) goes too, unless
    // it is the only paragraph where it stands (a table cell needs one).
    const siblings = xml.parentNode ? Array.from(xml.parentNode.childNodes).filter((n) => n.nodeType === 1 && (n as Element).localName === xml.localName) : [];
    if (before[i] && !hasWords(mirrors[i]) && !mirrors[i].childNodes.some((n) => n.nodeName !== '#text' && isAtom(n as T.Element)) && siblings.length > 1)
      xml.parentNode!.removeChild(xml);
  });
}

/** Whether a mirror holds any word (atoms aside). */
function hasWords(el: T.Element): boolean {
  return el.childNodes.some((n) => (n.nodeName === '#text' ? (n as T.TextNode).value.trim() !== '' : !isAtom(n as T.Element) && hasWords(n as T.Element)));
}
