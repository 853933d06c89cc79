import { docxDialect } from './docx-dialect.ts';
import { checkDocx, docxParagraphs, docxTextParts, readDocx } from './docx-read.ts';
import type { OfficeDefinition } from './office-open.ts';
import { parseXml } from './office-xml.ts';

export const docxDefinition: OfficeDefinition = {
  kind: '.docx',
  check: checkDocx,
  textParts: docxTextParts,
  dialect: docxDialect,
  paragraphs: docxParagraphs,
  blocks: (parts, pkg, file) => readDocx(parts, (name) => (pkg.has(name) ? parseXml(pkg.get(name)!, file, name) : undefined)),
};
