import { officeFormat } from './office-format.ts';

const definition = async () => (await import('./docx-definition.ts')).docxDefinition;

/**
 * Word (OOXML) documents: the body, footnotes, endnotes, headers and footers are translated in
 * place; styles, numbering, images, settings and every other part are kept byte for byte.
 */
export default officeFormat(
  { name: 'docx', extensions: ['.docx'], contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  definition,
);
