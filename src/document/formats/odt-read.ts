import { DocumentError } from '../errors.ts';
import type { Block } from '../types.ts';
import type { Package } from './office-package.ts';
import { paragraphText } from './office-paragraphs.ts';
import { childElements, elements, inside, type Document, type Element } from './office-xml.ts';
import { odtDialect, TEXT_NS } from './odt-dialect.ts';

const STYLE_NS = 'urn:oasis:names:tc:opendocument:xmlns:style:1.0';
const OFFICE_NS = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
export const ODT_MIME = 'application/vnd.oasis.opendocument.text';

/** Refuses what is not an OpenDocument text: a Word file renamed, another ODF kind, an encrypted one. */
export function checkOdt(pkg: Package, file: string): void {
  if (pkg.has('[Content_Types].xml')) throw new DocumentError(file, 'damaged', 'is a Word (.docx) file, not an .odt: rename it to .docx');
  const mime = pkg.has('mimetype') ? Buffer.from(pkg.get('mimetype')!).toString('latin1').trim() : '';
  if (mime !== ODT_MIME) throw new DocumentError(file, 'damaged', `not an OpenDocument text (.odt): its mimetype is ${mime ? `"${mime}"` : 'missing'}`);
  const manifest = pkg.get('META-INF/manifest.xml');
  if (manifest && Buffer.from(manifest).includes('encryption-data')) {
    throw new DocumentError(file, 'protected', 'password-protected; save it without a password to translate it');
  }
  if (!pkg.has('content.xml')) throw new DocumentError(file, 'damaged', 'not an OpenDocument text (.odt): content.xml is missing');
}

/** Every paragraph and heading of a part, notes' paragraphs included, in document order. */
export function odtParagraphs(doc: Document): Element[] {
  return elements(doc, TEXT_NS, '*').filter((e) => e.localName === 'p' || e.localName === 'h');
}

/** Paragraph style name → its parent's, so an automatic style (P1) is seen as the named style it derives from. */
function styleChain(parts: Map<string, Document>): (name: string) => string[] {
  const parent = new Map<string, string>();
  for (const doc of parts.values()) {
    for (const s of elements(doc, STYLE_NS, 'style')) parent.set(s.getAttribute('style:name')!, s.getAttribute('style:parent-style-name') ?? '');
  }
  return (name) => {
    const chain: string[] = [];
    for (let n = name; n && !chain.includes(n) && chain.length < 20; n = parent.get(n) ?? '') chain.push(n);
    return chain;
  };
}

/** Whether a list's level uses numbers, from its list style (a bullet list otherwise). */
function numbered(p: Element, parts: Map<string, Document>): boolean {
  let depth = 0;
  let list: Element | undefined;
  for (let n = p.parentNode; n; n = n.parentNode) {
    if (n.nodeType === 1 && (n as Element).localName === 'list' && (n as Element).namespaceURI === TEXT_NS) {
      depth++;
      list ??= n as Element;
      const name = (n as Element).getAttribute('text:style-name');
      if (name) list = n as Element;
    }
  }
  const name = list?.getAttribute('text:style-name');
  for (const doc of parts.values()) {
    for (const style of elements(doc, TEXT_NS, 'list-style')) {
      if (style.getAttribute('style:name') !== name) continue;
      const level = childElements(style).find((l) => l.getAttribute('text:level') === String(depth)) ?? childElements(style)[0];
      return level?.localName === 'list-level-style-number';
    }
  }
  return false;
}

/**
 * The article in an .odt: the Title style is the title (else the first level-1 heading, else
 * the first paragraph), the Subtitle style the kicker, headings are headings, list items bullet or
 * numbered as their list style says, other paragraphs (table cells too) paragraphs; footnotes
 * and endnotes follow the body as paragraphs. Headers and footers are page furniture: translated
 * in place, not read as the article.
 */
export function readOdt(parts: Map<string, Document>): Block[] {
  const content = parts.get('content.xml')!;
  const chain = styleChain(parts);
  const [text] = elements(content, OFFICE_NS, 'text');
  if (!text) return [];
  const all = odtParagraphs(content).filter((p) => inside(p, OFFICE_NS, 'text'));
  const body = all.filter((p) => !inside(p, TEXT_NS, 'note'));
  const notes = all.filter((p) => inside(p, TEXT_NS, 'note'));
  const blocks: Block[] = [];
  for (const p of body) {
    const t = paragraphText(odtDialect, p);
    if (t === '') continue;
    const styles = chain(p.getAttribute('text:style-name') ?? '');
    let type: Block['type'] = 'paragraph';
    if (styles.includes('Title')) type = 'title';
    else if (styles.includes('Subtitle')) type = 'kicker';
    else if (p.localName === 'h' || styles.some((s) => /^Heading(_20_\d)?$/.test(s)))
      type = p.getAttribute('text:outline-level') === '1' || styles.includes('Heading_20_1') ? 'title' : 'heading';
    else if (inside(p, TEXT_NS, 'list-item')) type = numbered(p, parts) ? 'numbered' : 'bullet';
    blocks.push({ type, text: t });
  }
  for (const p of notes) {
    const t = paragraphText(odtDialect, p);
    if (t !== '') blocks.push({ type: 'paragraph', text: t });
  }
  return oneTitle(blocks);
}

/** Exactly one title, first: the first title-like block (a later one is a heading), else the first block. */
export function oneTitle(blocks: Block[]): Block[] {
  const at = blocks.findIndex((b) => b.type === 'title');
  const out = blocks.map((b, i) => (b.type === 'title' && i !== at ? { ...b, type: 'heading' as const } : b));
  if (at > 0) out.unshift(...out.splice(at, 1));
  else if (at < 0 && out.length) out[0] = { ...out[0], type: 'title' };
  return out;
}
