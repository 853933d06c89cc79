import path from 'node:path';
import docx from './docx.ts';
import html from './html.ts';
import md from './md.ts';
import odt from './odt.ts';
import txt from './txt.ts';
import xml from './xml.ts';
import type { DocumentFormat, TextDocumentFormat } from './types.ts';

/**
 * Every format audarma reads, by name: the one place that lists formats and their extensions.
 * Adding a format is its file and one line here. Frozen: nothing registers itself.
 */
export const FORMATS = Object.freeze({ txt, md, html, docx, odt, xml } satisfies Record<string, DocumentFormat>);

/** The formats' names: the one vocabulary the API, the text service and the readers use. */
export type FormatName = keyof typeof FORMATS;

/** The formats that translate text held in memory too (`POST /translate`, the text service). */
export type TextFormatName = { [K in FormatName]: (typeof FORMATS)[K] extends TextDocumentFormat ? K : never }[FormatName];

/** Every extension read, in the table's order (what `/frontend/settings` lists and the desk accepts). */
export const EXTENSIONS: readonly string[] = Object.freeze(Object.values(FORMATS).flatMap((f) => f.extensions));

/** The format of a file by its name's extension (any case), or undefined when none reads it. */
export function formatOf(file: string): DocumentFormat | undefined {
  const ext = path.extname(file).toLowerCase();
  return Object.values(FORMATS).find((f) => f.extensions.includes(ext));
}

/** The formats as a reader is told them: `.txt, .md or .html` (`or` in the reader's language). */
export function formatList(or = 'or'): string {
  const names = Object.values(FORMATS).map((f) => f.extensions[0]);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} ${or} ${names.at(-1)}` : names.join('');
}

/**
 * The largest file accepted before it is read, for a read limit of `textBytes`: a text file is its
 * article, but a zipped office file carries its photos and styles too, so it may be up to 50 MiB
 * and its text is held to the limit once read (the read step checks it).
 */
export function fileSizeLimit(file: string, textBytes: number): number {
  const format = formatOf(file);
  return format && !format.text ? Math.max(textBytes, 50 * 1024 * 1024) : textBytes;
}
