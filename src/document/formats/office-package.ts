import { unzipSync, zipSync, type Zippable } from 'fflate';
import { DocumentError } from '../errors.ts';

/**
 * Limits on what a zipped office file may expand to, checked on the sizes the zip declares before
 * anything is inflated (fflate inflates each part into a buffer of its declared size, so a part
 * that lies about its size cannot grow past it): a zip bomb is refused, not expanded.
 */
export const PACKAGE_LIMITS = Object.freeze({
  /** All parts together, expanded. */
  expandedBytes: 100 * 1024 * 1024,
  /** Expanded size over compressed size, for a part of more than 1 MiB expanded (XML compresses 5–20×). */
  ratio: 100,
  parts: 5000,
});

/** A zipped office file's parts, in the zip's order, by name. */
export type Package = Map<string, Uint8Array>;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
// A password-protected Word file is not a zip: it is an OLE compound file holding the encrypted package.
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** Opens a zipped office file; every failure is a DocumentError naming `file` and what `kind` of file was expected. */
export function readPackage(bytes: Uint8Array, file: string, kind: string): Package {
  if (bytes.length === 0) throw new DocumentError(file, 'empty', 'file is empty');
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new DocumentError(file, 'protected', `password-protected (or an old binary Office file), not a ${kind}; save it without a password as ${kind}`);
  }
  if (!startsWith(bytes, ZIP_MAGIC)) throw new DocumentError(file, 'damaged', `not a ${kind} (a ${kind} is a zip file; this one does not start like one)`);
  let expanded = 0;
  let count = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (info) => {
        expanded += info.originalSize;
        count++;
        const ratio = info.originalSize / Math.max(info.size, 1);
        if (expanded > PACKAGE_LIMITS.expandedBytes || count > PACKAGE_LIMITS.parts || (info.originalSize > 1024 * 1024 && ratio > PACKAGE_LIMITS.ratio)) {
          throw new DocumentError(
            file,
            'too-large',
            `refused: its zip expands to more than ${PACKAGE_LIMITS.expandedBytes / 1024 / 1024} MiB or ${PACKAGE_LIMITS.ratio} times its size (a zip bomb?)`,
          );
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    throw new DocumentError(file, 'damaged', `not a readable ${kind}: its zip is damaged or encrypted (${(error as Error).message})`, { cause: error });
  }
  return new Map(Object.entries(entries));
}

/**
 * Zips parts back, in their order. `stored` names parts written uncompressed (ODF's `mimetype`,
 * which must come first and be stored so that tools can tell the type from the first bytes).
 */
export function writePackage(parts: Package, stored: readonly string[] = []): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, data] of parts) zippable[name] = [data, { level: stored.includes(name) ? 0 : 6 }];
  return zipSync(zippable);
}
