import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DocumentError } from './errors.ts';
import { formatList, formatOf } from './formats/registry.ts';
import { MarkupTooDeep } from './markup-depth.ts';
import type { SourceDocument } from './types.ts';

/**
 * Reads an article file into blocks, with the format its extension names (formats/registry.ts).
 * The extension is checked before any I/O so a wrong file type is reported as such even if the
 * file is also missing. Every failure is a DocumentError whose message starts with `file`.
 */
export async function readDocument(file: string): Promise<SourceDocument> {
  const format = formatOf(file);
  if (!format) {
    const extension = path.extname(file);
    const shown = extension === '' ? '(no extension)' : `"${extension}"`;
    throw new DocumentError(file, 'unsupported', `unsupported file type ${shown}; expected ${formatList()}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw readError(file, error);
  }
  let blocks;
  try {
    blocks = await format.read(bytes, file);
  } catch (error) {
    if (error instanceof MarkupTooDeep) throw new DocumentError(file, 'unreadable', error.message);
    throw error;
  }
  if (blocks.length === 0) throw new DocumentError(file, 'no-text', 'no text found');
  return { file, blocks };
}

/** Turns a Node fs error into a message a user can act on. */
function readError(file: string, error: unknown): DocumentError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new DocumentError(file, 'not-found', 'file not found', { cause: error });
    case 'EACCES':
    case 'EPERM':
      return new DocumentError(file, 'unreadable', 'permission denied', { cause: error });
    case 'EISDIR':
      return new DocumentError(file, 'unreadable', 'is a directory, expected a file', { cause: error });
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return new DocumentError(file, 'unreadable', `cannot read file (${code ?? detail})`, { cause: error });
    }
  }
}
