import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DocumentError } from '../../src/document/errors.ts';
import { FORMATS, formatOf } from '../../src/document/formats/registry.ts';
import { readDocument } from '../../src/document/read.ts';

const fixtures = path.resolve(import.meta.dirname, '..', 'fixtures', 'articles');
const TITLE = 'À Lyon, une ligne de bus électrique relie enfin les quartiers de l’est';

// readFile stays the real one; single tests make it fail the way an OS would (root cannot provoke EACCES).
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, readFile: vi.fn(actual.readFile) };
});

const fsError = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: simulated`), { code });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'audarma-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<DocumentError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentError);
  return error as DocumentError;
}

describe('readDocument', () => {
  it.each(['article.txt', 'article.md', 'article.html'])('reads %s with the reader of its extension', async (name) => {
    const file = path.join(fixtures, name);
    const document = await readDocument(file);
    expect(document.file).toBe(file);
    expect(document.blocks.slice(0, 2)).toEqual([
      { type: 'title', text: TITLE },
      { type: 'kicker', text: 'Transports urbains' },
    ]);
    expect(document.blocks.filter((b) => b.type === 'heading')).toHaveLength(2);
    expect(document.blocks.filter((b) => b.type === 'quote')).toHaveLength(1);
  });

  it('picks the format from the extension, case-insensitively', () => {
    expect(['a.txt', 'a.MD', 'a.markdown', 'a.html', 'a.HTM', 'a.DOCX', 'a.odt', 'a.doc', 'a'].map((f) => formatOf(f)?.name)).toEqual([
      'txt',
      'md',
      'md',
      'html',
      'html',
      'docx',
      'odt',
      undefined,
      undefined,
    ]);
  });

  it('rejects unsupported file types before reading them', async () => {
    const error = await rejection(readDocument('rapport.pdf'));
    expect(error.message).toBe('rapport.pdf: unsupported file type ".pdf"; expected .txt, .md, .html, .docx, .odt or .xml');
    expect(error.code).toBe('unsupported');
    expect((await rejection(readDocument('LISEZMOI'))).message).toContain('unsupported file type (no extension)');
  });

  it('names missing files, directories and unreadable files', async () => {
    const missing = path.join(dir, 'absent.txt');
    expect((await rejection(readDocument(missing))).message).toBe(`${missing}: file not found`);

    const folder = path.join(dir, 'dossier.md');
    await mkdir(folder);
    const isDir = await rejection(readDocument(folder));
    expect(isDir).toMatchObject({ file: folder, code: 'unreadable' });
    expect(isDir.message).toBe(`${folder}: is a directory, expected a file`);
  });

  it('maps other fs error codes to named DocumentErrors', async () => {
    vi.mocked(readFile).mockRejectedValueOnce(fsError('EACCES'));
    expect(await rejection(readDocument('secret.txt'))).toMatchObject({
      message: 'secret.txt: permission denied',
      code: 'unreadable',
      file: 'secret.txt',
    });
    vi.mocked(readFile).mockRejectedValueOnce(fsError('EIO'));
    expect((await rejection(readDocument('disque.md'))).message).toBe('disque.md: cannot read file (EIO)');
  });

  it('decodes Windows-1252 files and CRLF line ends', async () => {
    const file = path.join(dir, 'ancien.txt');
    await writeFile(file, Buffer.from("Noël à l'école\r\nSociété\r\n\r\nLes élèves ont chanté.\r\n", 'latin1'));
    expect((await readDocument(file)).blocks).toEqual([
      { type: 'title', text: "Noël à l'école" },
      { type: 'kicker', text: 'Société' },
      { type: 'paragraph', text: 'Les élèves ont chanté.' },
    ]);
  });

  it('passes decoding errors through with the file name', async () => {
    const binary = path.join(dir, 'image.html');
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    expect((await rejection(readDocument(binary))).message).toBe(`${binary}: binary file, expected UTF-8 or Windows-1252 text`);
    const empty = path.join(dir, 'vide.md');
    await writeFile(empty, '\n\n');
    expect((await rejection(readDocument(empty))).message).toBe(`${empty}: empty file`);
  });

  it('reports a file whose reader finds no block', async () => {
    const file = path.join(dir, 'menu.html');
    await writeFile(file, '<html><body><nav><p>Accueil</p></nav><script>x()</script></body></html>');
    const error = await rejection(readDocument(file));
    expect(error.message).toBe(`${file}: no text found`);
    expect(error.code).toBe('no-text');
  });
});

describe('a format parsing text already in memory', () => {
  it('parses it whatever its line ends', async () => {
    expect(await FORMATS.md.text.parse('# Titre\r\n\r\nTexte\r\nsuite.')).toEqual([
      { type: 'title', text: 'Titre' },
      { type: 'paragraph', text: 'Texte suite.' },
    ]);
    expect(await FORMATS.html.text.parse('<h1>Titre</h1><p>Texte.</p>')).toHaveLength(2);
    expect(await FORMATS.txt.text.parse('Titre\rTexte complet.')).toHaveLength(2);
  });
});
