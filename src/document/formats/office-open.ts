import { DocumentError } from '../errors.ts';
import type { Block } from '../types.ts';
import { readPackage, writePackage, type Package } from './office-package.ts';
import { translateParagraphs, type Dialect } from './office-paragraphs.ts';
import { parseXml, serializeXml, type Document, type Element } from './office-xml.ts';
import type { TranslateTexts } from './types.ts';

/** One zipped office format (docx, odt): how to tell it, read its article and find its paragraphs. */
export interface OfficeDefinition {
  /** What a reader calls the file (".docx"), in messages. */
  kind: string;
  /** Throws a DocumentError when the package is another kind of file (an .odt that is a .docx) or protected. */
  check(pkg: Package, file: string): void;
  /** The parts whose paragraphs hold text to translate (body, notes, headers, footers). */
  textParts(pkg: Package): string[];
  dialect: Dialect;
  /** Every paragraph of a parsed part that holds text, in document order. */
  paragraphs(doc: Document): Element[];
  /** The article's blocks, with their roles, from the parsed parts. */
  blocks(parts: Map<string, Document>, pkg: Package, file: string): Block[];
  /** Parts written uncompressed (ODF's mimetype). */
  stored?: readonly string[];
}

/** Reads a zipped office file into its article's blocks. */
export function readOffice(def: OfficeDefinition, bytes: Uint8Array, file: string): Block[] {
  const { pkg, parts } = open(def, bytes, file);
  return def.blocks(parts, pkg, file);
}

/**
 * Translates a zipped office file in place: only the parts that hold text are parsed and written
 * again; every other part (images, styles, settings) is carried over as it was.
 */
export async function translateOffice(def: OfficeDefinition, bytes: Uint8Array, file: string, translate: TranslateTexts): Promise<Uint8Array> {
  const { pkg, parts } = open(def, bytes, file);
  if (def.blocks(parts, pkg, file).length === 0) throw new DocumentError(file, 'no-text', 'no text found');
  await translateParagraphs(
    def.dialect,
    [...parts.values()].flatMap((doc) => def.paragraphs(doc)),
    translate,
  );
  for (const [name, doc] of parts) pkg.set(name, serializeXml(doc));
  return writePackage(pkg, def.stored);
}

function open(def: OfficeDefinition, bytes: Uint8Array, file: string) {
  const pkg = readPackage(bytes, file, def.kind);
  def.check(pkg, file);
  const parts = new Map(def.textParts(pkg).map((name) => [name, parseXml(pkg.get(name)!, file, name)]));
  return { pkg, parts };
}
