import type { DefaultTreeAdapterTypes as T } from 'parse5';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { DocumentError } from '../errors.ts';
import type { Block } from '../types.ts';
import { isAtom, mirrorElement, mirrorText, originOf, paragraphText, translateParagraphs, type Dialect } from './office-paragraphs.ts';
import { childElements, type Document, type Element, type Node } from './office-xml.ts';
import { oneTitle } from './odt-read.ts';
import type { TranslateTexts } from './types.ts';

const G2_NS = 'http://iptc.org/std/nar/2006-10-01/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Inline elements of NITF and XHTML bodies whose words belong to the sentence around them. */
const INLINE = new Set([
  'em',
  'strong',
  'b',
  'i',
  'u',
  'a',
  'q',
  'span',
  'cite',
  'abbr',
  'sub',
  'sup',
  'person',
  'org',
  'location',
  'chron',
  'num',
  'money',
  'event',
  'object.title',
  'function',
  'classifier',
  'virtloc',
  'copyrite',
  'lang',
  'pronounce',
]);

const el = (n: Node): n is Element => n.nodeType === 1;
const named = (n: Node, ...locals: string[]): boolean => el(n) && locals.includes(n.localName!);

/** Every element below `root` (document order) with one of these local names, whatever its namespace. */
function below(root: Node, ...locals: string[]): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    for (const c of Array.from(n.childNodes)) {
      if (!el(c)) continue;
      if (locals.includes(c.localName!)) out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}
const first = (root: Node, local: string) => below(root, local)[0];

function mirrorChildren(node: Node, parent: T.Element): void {
  for (const c of Array.from(node.childNodes)) {
    if (c.nodeType === 3 || c.nodeType === 4) mirrorText(parent, c.nodeValue ?? '');
    else if (!el(c)) continue;
    else if (INLINE.has(c.localName!)) mirrorChildren(c, mirrorElement(parent, [c], false));
    // Line breaks, notes, media, anything else: kept as they are, where they are.
    else mirrorElement(parent, [c], true);
  }
}

function restoreChildren(target: Node, mirror: T.Element): void {
  const doc = target.ownerDocument!;
  for (const n of mirror.childNodes) {
    if (n.nodeName === '#text') {
      if ((n as T.TextNode).value) target.appendChild(doc.createTextNode((n as T.TextNode).value));
      continue;
    }
    const [origin] = originOf(n as T.Element);
    if (isAtom(n as T.Element)) target.appendChild(origin);
    else {
      const copy = origin.cloneNode(false);
      restoreChildren(copy, n as T.Element);
      target.appendChild(copy);
    }
  }
}

/** A paragraph of NITF or XHTML: text with inline elements (em, a, person…), the rest kept. */
const dialect: Dialect = {
  mirror: mirrorChildren,
  restore(paragraph, mirror) {
    while (paragraph.firstChild) paragraph.removeChild(paragraph.firstChild);
    restoreChildren(paragraph, mirror);
  },
};

/**
 * Parses a news item. NITF files often name their DTD (`<!DOCTYPE nitf SYSTEM "nitf-3-6.dtd">`):
 * such a DOCTYPE is accepted and never fetched; one with an internal subset or any entity
 * declaration is refused before parsing, so nothing is ever expanded.
 */
function parse(bytes: Uint8Array, file: string): Document {
  const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  if (/<!ENTITY/i.test(text)) throw new DocumentError(file, 'damaged', 'refused: it declares XML entities, which a news item never needs');
  const doctype = /<!DOCTYPE[^>[]*(\[)?/i.exec(text);
  if (doctype?.[1]) throw new DocumentError(file, 'damaged', 'refused: its DOCTYPE has an internal subset, which a news item never needs');
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(message);
      },
    }).parseFromString(text, 'text/xml');
  } catch (error) {
    throw new DocumentError(file, 'damaged', `is not well-formed XML (${(error as Error).message})`, { cause: error });
  }
  return doc;
}

type Kind = 'nitf' | 'newsml';

/** Tells an NITF document from a NewsML-G2 news item by its root element: both are `.xml`. */
function kindOf(doc: Document, file: string): Kind {
  const root = doc.documentElement;
  if (root?.localName === 'nitf') return 'nitf';
  if (root?.localName === 'newsItem' && root.namespaceURI === G2_NS) return 'newsml';
  throw new DocumentError(file, 'damaged', `not an NITF document or a NewsML-G2 news item (its root element is <${root?.nodeName ?? 'none'}>)`);
}

interface Part {
  el: Element;
  type: Block['type'];
}

/**
 * An NITF or XHTML body's text elements, in order: hl1 the title, hedline's hl2 the kicker,
 * abstract and body paragraphs, hl2 (or h1–h6) in the body headings, list items bullets or
 * numbered. Byline, dateline and the head's metadata are not read: kept as they are.
 */
function bodyParts(root: Element): Part[] {
  const parts: Part[] = [];
  const walk = (n: Node) => {
    for (const c of Array.from(n.childNodes)) {
      if (!el(c)) continue;
      const name = c.localName!;
      if (name === 'byline' || name === 'dateline' || name === 'head' || name === 'docdata' || name === 'body.end') continue;
      if (name === 'hl1' || name === 'h1') parts.push({ el: c, type: 'title' });
      else if (name === 'hl2') parts.push({ el: c, type: named(c.parentNode!, 'hedline') ? 'kicker' : 'heading' });
      else if (/^h[2-6]$/.test(name)) parts.push({ el: c, type: 'heading' });
      else if (name === 'li') parts.push({ el: c, type: named(c.parentNode!, 'ol') ? 'numbered' : 'bullet' });
      else if (name === 'p' || name === 'title' || name === 'headline') parts.push({ el: c, type: 'paragraph' });
      else walk(c);
    }
  };
  walk(root);
  return parts;
}

/** The item's text elements: a news item's headline first, then its inline body (NITF or XHTML). */
function parts(doc: Document, kind: Kind): Part[] {
  const root = doc.documentElement!;
  if (kind === 'nitf') return bodyParts(first(root, 'body') ?? root);
  const meta = childElements(root).find((e) => e.localName === 'contentMeta');
  const headline = meta && childElements(meta).find((e) => e.localName === 'headline');
  const inline = first(root, 'inlineXML');
  const body = inline ? bodyParts(inline) : [];
  if (!headline) return body;
  // The body's own headline repeats the item's: read once, translated in both places.
  const text = paragraphText(dialect, headline);
  return [
    { el: headline, type: 'title' },
    ...body.map((p) => (p.type === 'title' && paragraphText(dialect, p.el) === text ? { ...p, type: 'repeat' as Block['type'] } : p)),
  ];
}

function blocksOf(all: Part[]): Block[] {
  const blocks = all.filter((p) => (p.type as string) !== 'repeat').map((p) => ({ type: p.type, text: paragraphText(dialect, p.el) }));
  return oneTitle(blocks.filter((b) => b.text !== ''));
}

export function readNews(bytes: Uint8Array, file: string): Block[] {
  const doc = parse(bytes, file);
  return blocksOf(parts(doc, kindOf(doc, file)));
}

/**
 * The edition's language on the root and on each element around the translated texts that names
 * one (an inline body's nitf or html, a headline); metadata in other languages (a subject's name)
 * keeps its own.
 */
function relabel(doc: Document, translated: Element[], lang: string): void {
  const around = new Set<Element>();
  for (const e of translated) for (let n: Node | null = e; n && el(n); n = n.parentNode) around.add(n);
  for (const e of around) {
    if (e.hasAttributeNS(XML_NS, 'lang')) e.setAttributeNS(XML_NS, 'xml:lang', lang);
    if (e.hasAttribute('lang')) e.setAttribute('lang', lang);
  }
  doc.documentElement!.setAttributeNS(XML_NS, 'xml:lang', lang);
}

/**
 * The edition as an item of its own in `lang`. NITF: the doc-id is the source's plus the language.
 * NewsML-G2: its own guid (the source's plus the language), version 1, contentMeta's language,
 * and a link to the source item with rel `irel:translationOf` in itemMeta, as the NewsML-G2
 * Guidelines say a translation is tied to its original.
 */
function mark(doc: Document, kind: Kind, translated: Element[], lang: string): void {
  relabel(doc, translated, lang);
  const root = doc.documentElement!;
  for (const id of below(root, 'doc-id')) if (id.getAttribute('id-string')) id.setAttribute('id-string', `${id.getAttribute('id-string')}-${lang}`);
  if (kind !== 'newsml') return;
  const guid = root.getAttribute('guid') ?? '';
  const version = root.getAttribute('version') ?? '1';
  root.setAttribute('guid', `${guid}-${lang}`);
  root.setAttribute('version', '1');
  for (const l of below(root, 'language')) if (named(l.parentNode!, 'contentMeta')) l.setAttribute('tag', lang);
  const itemMeta = childElements(root).find((e) => e.localName === 'itemMeta');
  if (!itemMeta) return;
  const link = doc.createElementNS(G2_NS, 'link');
  link.setAttribute('rel', 'irel:translationOf');
  link.setAttribute('residref', guid);
  link.setAttribute('version', version);
  // itemMeta's links come after its other standard properties; the link takes the indentation
  // of the element before it.
  const after =
    childElements(itemMeta)
      .filter((e) => e.namespaceURI === G2_NS && e.localName === 'link')
      .at(-1) ?? childElements(itemMeta).at(-1);
  const indent = after?.previousSibling?.nodeType === 3 ? after.previousSibling.nodeValue! : '\n';
  const next = after ? after.nextSibling : null;
  itemMeta.insertBefore(doc.createTextNode(indent), next);
  itemMeta.insertBefore(link, next);
}

/**
 * A NewsML-G2 item's descriptions (its summary, a caption): text for readers, not the article,
 * so translated in place with the item but not read as blocks.
 */
function descriptions(doc: Document, kind: Kind): Element[] {
  const meta = kind === 'newsml' ? childElements(doc.documentElement!).find((e) => e.localName === 'contentMeta') : undefined;
  return meta ? childElements(meta).filter((e) => e.localName === 'description') : [];
}

/** Translates a news item in place into `lang`: its markup and metadata kept, its words translated, marked as an edition. */
export async function translateNews(bytes: Uint8Array, file: string, translate: TranslateTexts, lang?: string): Promise<Uint8Array> {
  const doc = parse(bytes, file);
  const kind = kindOf(doc, file);
  const all = parts(doc, kind);
  if (blocksOf(all).length === 0) throw new DocumentError(file, 'no-text', 'no text found');
  const translated = [...all.map((p) => p.el), ...descriptions(doc, kind)];
  await translateParagraphs(dialect, translated, translate);
  if (lang) mark(doc, kind, translated, lang);
  return Buffer.from(new XMLSerializer().serializeToString(doc), 'utf8');
}
