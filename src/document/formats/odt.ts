import { officeFormat } from './office-format.ts';

const definition = async () => (await import('./odt-definition.ts')).odtDefinition;

/**
 * OpenDocument text (LibreOffice Writer): content.xml (body, tables, lists, notes) and styles.xml
 * (headers and footers) are translated in place; every other part is kept byte for byte.
 */
export default officeFormat({ name: 'odt', extensions: ['.odt'], contentType: 'application/vnd.oasis.opendocument.text' }, definition);
