import type { OfficeDefinition } from './office-open.ts';
import { odtDialect } from './odt-dialect.ts';
import { checkOdt, odtParagraphs, readOdt } from './odt-read.ts';

export const odtDefinition: OfficeDefinition = {
  kind: '.odt',
  check: checkOdt,
  textParts: (pkg) => ['content.xml', 'styles.xml'].filter((name) => pkg.has(name)),
  dialect: odtDialect,
  paragraphs: odtParagraphs,
  blocks: (parts) => readOdt(parts),
  stored: ['mimetype'],
};
