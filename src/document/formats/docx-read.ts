import { DocumentError } from '../errors.ts';
import type { Block } from '../types.ts';
import { docxDialect, W_NS } from './docx-dialect.ts';
import { oneTitle } from './odt-read.ts';
import type { Package } from './office-package.ts';
import { paragraphText } from './office-paragraphs.ts';
import { child, childElements, elements, inside, type Document, type Element } from './office-xml.ts';

const val = (el: Element | undefined) => el?.getAttributeNS(W_NS, 'val') ?? el?.getAttribute('w:val') ?? '';

/** Refuses what is not a Word document: an OpenDocument file renamed, a workbook, a zip of something else. */
export function checkDocx(pkg: Package, file: string): void {
  if (pkg.has('mimetype') && !pkg.has('[Content_Types].xml')) {
    throw new DocumentError(
      file,
      'damaged',
      `is an OpenDocument file (${Buffer.from(pkg.get('mimetype')!).toString('latin1').trim()}), not a .docx: rename it to .odt`,
    );
  }
  if (!pkg.has('word/document.xml')) throw new DocumentError(file, 'damaged', 'not a Word document (.docx): word/document.xml is missing');
}

/** The parts with text: the body, notes, headers and footers (comments are not touched). */
export function docxTextParts(pkg: Package): string[] {
  return [...pkg.keys()].filter((name) => /^word\/(document|footnotes|endnotes|header\d*|footer\d*)\.xml$/.test(name));
}

export const docxParagraphs = (doc: Document): Element[] => elements(doc, W_NS, 'p');

/** Style id → style name ("Heading1" → "heading 1"), from styles.xml. */
function styleNames(styles: Document | undefined): Map<string, string> {
  const names = new Map<string, string>();
  for (const s of styles ? elements(styles, W_NS, 'style') : []) names.set(s.getAttributeNS(W_NS, 'styleId') ?? '', val(child(s, W_NS, 'name')).toLowerCase());
  return names;
}

/** numId → level → whether the level is numbered (not bullets), from numbering.xml. */
function numberedLevels(numbering: Document | undefined): (numId: string, level: string) => boolean {
  if (!numbering) return () => false;
  const abstract = new Map(elements(numbering, W_NS, 'abstractNum').map((a) => [a.getAttributeNS(W_NS, 'abstractNumId'), a]));
  const nums = new Map(elements(numbering, W_NS, 'num').map((n) => [n.getAttributeNS(W_NS, 'numId'), abstract.get(val(child(n, W_NS, 'abstractNumId')))]));
  return (numId, level) => {
    const lvl = childElements(nums.get(numId) ?? ({ childNodes: [] } as unknown as Element)).find((l) => l.getAttributeNS(W_NS, 'ilvl') === level);
    const fmt = val(lvl && child(lvl, W_NS, 'numFmt'));
    return fmt !== '' && fmt !== 'bullet' && fmt !== 'none';
  };
}

/**
 * The article in a .docx: the Title style is the title (else the first Heading 1, else the first
 * paragraph), Subtitle the kicker, headings are headings, numbered paragraphs bullet or numbered
 * items as numbering.xml says, others (table cells too) paragraphs; footnotes and endnotes follow
 * as paragraphs. Headers and footers are page furniture: translated in place, not read.
 */
export function readDocx(parts: Map<string, Document>, parse: (name: string) => Document | undefined): Block[] {
  const names = styleNames(parse('word/styles.xml'));
  const isNumbered = numberedLevels(parse('word/numbering.xml'));
  const blocks: Block[] = [];
  const add = (p: Element, role: () => Block['type']) => {
    const text = paragraphText(docxDialect, p);
    if (text !== '') blocks.push({ type: role(), text });
  };
  for (const p of docxParagraphs(parts.get('word/document.xml')!)) {
    if (inside(p, W_NS, 'txbxContent')) continue; // text boxes belong to drawings
    add(p, () => {
      const pPr = child(p, W_NS, 'pPr');
      const name = names.get(val(child(pPr ?? p, W_NS, 'pStyle'))) ?? '';
      const numPr = pPr && child(pPr, W_NS, 'numPr');
      if (name === 'title') return 'title';
      if (name === 'subtitle') return 'kicker';
      if (/^heading \d$/.test(name)) return name === 'heading 1' ? 'title' : 'heading';
      if (numPr) return isNumbered(val(child(numPr, W_NS, 'numId')), val(child(numPr, W_NS, 'ilvl')) || '0') ? 'numbered' : 'bullet';
      if (/^list (bullet|number)/.test(name)) return name.startsWith('list number') ? 'numbered' : 'bullet';
      return 'paragraph';
    });
  }
  for (const part of ['word/footnotes.xml', 'word/endnotes.xml']) {
    const doc = parts.get(part);
    if (doc) for (const p of docxParagraphs(doc)) add(p, () => 'paragraph');
  }
  return oneTitle(blocks);
}
