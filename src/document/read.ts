import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Block, SourceDocument } from './types.ts';
import { decodeText } from './decode.ts';
import { DocumentError } from './errors.ts';
import { readHtml } from './read-html.ts';
import { readMarkdown } from './read-md.ts';
import { readTxt } from './read-txt.ts';

export type DocumentFormat = 'txt' | 'md' | 'html';

const FORMAT_BY_EXTENSION: Record<string, DocumentFormat> = {
  '.txt': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
};

/** The format implied by a file name, or null when we have no reader for it. */
export function formatOf(file: string): DocumentFormat | null {
  return FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()] ?? null;
}

/**
 * Reads an article file into blocks. The extension is checked before any I/O
 * so a wrong file type is reported as such even if the file is also missing.
 * Every failure is a DocumentError whose message starts with `file`.
 */
export async function readDocument(file: string): Promise<SourceDocument> {
  const format = formatOf(file);
  if (format === null) {
    const extension = path.extname(file);
    const shown = extension === '' ? '(no extension)' : `"${extension}"`;
    throw new DocumentError(file, 'unsupported', `unsupported file type ${shown}; expected .txt, .md or .html`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw readError(file, error);
  }
  const blocks = parseDocument(decodeText(bytes, file), format);
  if (blocks.length === 0) throw new DocumentError(file, 'no-text', 'no text found');
  return { file, blocks };
}

/** Parses already-decoded text; used by readDocument and by callers holding text in memory. */
export function parseDocument(text: string, format: DocumentFormat): Block[] {
  const normalised = text.replace(/\r\n?/g, '\n').normalize('NFC');
  switch (format) {
    case 'txt':
      return readTxt(normalised);
    case 'md':
      return readMarkdown(normalised);
    case 'html':
      return readHtml(normalised);
  }
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
