// The little XML that XLIFF and TMX need: writing escaped text, reading a file into a plain tree
// with fast-xml-parser, and the plain text of an element whatever inline markup a CAT tool put in it.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An element with its attributes (namespace prefixes removed) and children in document order. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: (XmlElement | string)[];
}

/** The file is not well-formed XML; `line` and `col` locate the problem. */
export class XmlSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly col: number,
    detail: string,
  ) {
    super(`${file}:${line}:${col}: not well-formed XML: ${detail}`);
    this.name = 'XmlSyntaxError';
  }
}

// Characters XML 1.0 cannot carry at all, even as character references.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

/** Text or attribute value escaped for XML; characters XML cannot hold are dropped. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Entities and character references decoded in one pass (so `&amp;#20013;` stays `&#20013;`):
 * fast-xml-parser leaves numeric references as written.
 */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref];
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

type Raw = Record<string, unknown>;

function toElement(raw: Raw): XmlElement | string | undefined {
  if ('#text' in raw) return decodeEntities(String(raw['#text']));
  const name = Object.keys(raw).find((k) => k !== ':@');
  if (!name || name.startsWith('?')) return undefined;
  const kids = raw[name] as Raw[];
  // CDATA is text as written, entities and all.
  if (name === '#cdata') return kids.map((k) => String(k['#text'] ?? '')).join('');
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries((raw[':@'] as Record<string, unknown>) ?? {})) attrs[k] = decodeEntities(String(v));
  const children = kids.map(toElement).filter((c): c is XmlElement | string => c !== undefined);
  return { name, attrs, children };
}

/** Parses an XML file's text; the root element, or an XmlSyntaxError naming `file`, line and column. */
export function parseXml(text: string, file: string): XmlElement {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlSyntaxError(file, valid.err.line, valid.err.col, valid.err.msg);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false,
    cdataPropName: '#cdata',
  });
  const nodes = (parser.parse(text) as Raw[]).map(toElement).filter((n): n is XmlElement => typeof n === 'object');
  if (nodes.length !== 1) throw new XmlSyntaxError(file, 1, 1, `expected one root element, found ${nodes.length}`);
  return nodes[0];
}

/** Child elements named `name` (namespace prefix already removed). */
export const childrenNamed = (el: XmlElement, name: string): XmlElement[] =>
  el.children.filter((c): c is XmlElement => typeof c === 'object' && c.name === name);

export const childNamed = (el: XmlElement, name: string): XmlElement | undefined => childrenNamed(el, name)[0];

/**
 * Inline elements whose content is native code, not text (XLIFF 1.2 `bpt`/`ept`/`ph`/`it`/`x`…,
 * XLIFF 2.0 `ph`/`sc`/`ec`/`cp`, TMX `bpt`/`ept`/`ph`/`it`/`ut`, and `sub` inside them): left out
 * of the text. Markup around text (`g`, `mrk`, `pc`, `hi`) keeps its text.
 */
const CODE = new Set(['bpt', 'ept', 'ph', 'it', 'ut', 'sub', 'x', 'bx', 'ex', 'sc', 'ec', 'sm', 'em', 'cp']);

/** The text of an element and its descendants, inline codes left out. */
export function textOf(el: XmlElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : CODE.has(c.name) ? '' : textOf(c))).join('');
}
