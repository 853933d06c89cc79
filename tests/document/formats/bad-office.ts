// Office files a desk meets that cannot be read, each with the start of the message it must get
// (after the file's name). Made from the LibreOffice fixtures.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'fixtures', 'office');

export interface BadOffice {
  what: string;
  /** File name: bad-<n>.docx / .odt. */
  name: string;
  format: 'docx' | 'odt';
  bytes: Uint8Array;
  /** The whole message, file name first. */
  message: RegExp;
}

const edit = (bytes: Uint8Array, part: string, change: (xml: string) => string) => {
  const parts = unzipSync(bytes);
  parts[part] = Buffer.from(change(Buffer.from(parts[part]).toString('utf8')));
  return zipSync(parts);
};

export function badOfficeFiles(): BadOffice[] {
  const docx = readFileSync(path.join(FIXTURES, 'article.docx'));
  const odt = readFileSync(path.join(FIXTURES, 'article.odt'));
  const cases: [string, 'docx' | 'odt', Uint8Array, string][] = [
    ['not a zip', 'docx', Buffer.from('Le ministre a présenté le plan.'), 'not a \\.docx \\(a \\.docx is a zip file; this one does not start like one\\)'],
    ['a truncated zip', 'docx', Buffer.from('PK\u0003\u0004'), 'not a readable \\.docx: its zip is damaged or encrypted \\(.*\\)'],
    ['empty', 'docx', Buffer.alloc(0), 'file is empty'],
    [
      'password-protected .docx (an OLE file)',
      'docx',
      Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]),
      'password-protected \\(or an old binary Office file\\), not a \\.docx; save it without a password as \\.docx',
    ],
    [
      'password-protected .odt',
      'odt',
      edit(odt, 'META-INF/manifest.xml', (x) => x.replace('</manifest:manifest>', '<manifest:encryption-data/></manifest:manifest>')),
      'password-protected; save it without a password to translate it',
    ],
    ['an .odt that is a .docx', 'odt', docx, 'is a Word \\(\\.docx\\) file, not an \\.odt: rename it to \\.docx'],
    ['a .docx that is an .odt', 'docx', odt, 'is an OpenDocument file \\(application/vnd\\.oasis\\.opendocument\\.text\\), not a \\.docx: rename it to \\.odt'],
    [
      'a zip bomb (2 MiB of zeros in 2 KiB)',
      'docx',
      zipSync({ ...unzipSync(docx), 'word/media/bomb.bin': Buffer.alloc(2 * 1024 * 1024) }),
      'refused: its zip expands to more than 100 MiB or 100 times its size \\(a zip bomb\\?\\)',
    ],
    [
      'a DOCTYPE with an external entity',
      'docx',
      edit(docx, 'word/document.xml', (x) =>
        x.replace('?>', '?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('Politique', '&xxe;'),
      ),
      'refused: word/document\\.xml declares a DOCTYPE or entities, which office files never do',
    ],
    ['a document with no text', 'odt', edit(odt, 'content.xml', (x) => x.replace(/<office:text>[\s\S]*<\/office:text>/, '<office:text/>')), 'no text found'],
  ];
  return cases.map(([what, format, bytes, message], i) => {
    const name = `bad-${i + 1}.${format}`;
    return { what, name, format, bytes, message: new RegExp(`^${name.replace('.', '\\.')}: ${message}$`) };
  });
}
