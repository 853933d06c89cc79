import type { OfficeDefinition } from './office-open.ts';
import type { DocumentFormat } from './types.ts';

/**
 * A zipped office format (docx, odt) in the format table. Its zip, XML and translation code load
 * with the first file of the format, not with every command that only lists the table.
 */
export function officeFormat(
  meta: { name: string; extensions: readonly string[]; contentType: string },
  load: () => Promise<OfficeDefinition>,
): DocumentFormat {
  const office = () => import('./office-open.ts');
  const read = async (bytes: Uint8Array, file: string) => (await office()).readOffice(await load(), bytes, file);
  return Object.freeze({
    name: meta.name,
    extensions: Object.freeze([...meta.extensions]),
    contentType: meta.contentType,
    read,
    sample: async (bytes: Uint8Array, file: string) => (await read(bytes, file)).map((b) => b.text),
    translateFile: async (bytes: Uint8Array, file: string, tr: (texts: string[]) => Promise<string[]>) =>
      (await office()).translateOffice(await load(), bytes, file, tr),
  });
}
