// The format table (src/document/formats/registry.ts) is the one place that lists the article
// formats: input expansion, the API's file routes, /frontend/settings and the desk read it, so a
// new format is its file and one line of the table.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { EXTENSIONS, FORMATS, formatList } from '../../src/document/formats/registry.ts';
import { SRC } from './imports.ts';
import { readdirSync } from 'node:fs';

// An extension written as one (`.md`, `'.htm'`, `(.txt,`), not a file's name (`index.html`, `${lang}.md`).
const EXTENSION = /(?<=^|[\s'"`(\[,])\.(txt|md|markdown|html?|docx|odt|xml)\b/g;
// A regex alternation of extensions: `(txt|md|markdown|html?)`.
const ALTERNATION = /\b(?:txt|md|markdown|html?|docx|odt|xml)\|(?:txt|md|markdown|html?|docx|odt|xml)\b/;

/** Lines of src/ (outside the formats) naming two or more article formats by extension. */
function strayLists(): string[] {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter(
    (f) => /\.(ts|js|css|html)$/.test(f) && !f.startsWith(path.join('document', 'formats')),
  );
  return files.flatMap((f) =>
    readFileSync(path.join(SRC, f), 'utf8')
      .split('\n')
      .flatMap((line, i) => {
        const named = new Set([...line.matchAll(EXTENSION)].map((m) => m[1].replace(/^markdown$/, 'md').replace(/^htm$/, 'html')));
        return named.size >= 2 || ALTERNATION.test(line) ? [`src/${f}:${i + 1}: ${line.trim()}`] : [];
      }),
  );
}

it('lists the formats and their extensions once, in the table', () => {
  expect(Object.keys(FORMATS)).toEqual(['txt', 'md', 'html', 'docx', 'odt', 'xml']);
  expect(EXTENSIONS).toEqual(['.txt', '.md', '.markdown', '.html', '.htm', '.docx', '.odt', '.xml']);
  expect(Object.fromEntries(Object.values(FORMATS).map((f) => [f.name, f.contentType]))).toEqual({
    txt: 'text/plain',
    md: 'text/markdown',
    html: 'text/html',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    odt: 'application/vnd.oasis.opendocument.text',
    xml: 'application/xml',
  });
  expect([formatList(), formatList('ou')]).toEqual(['.txt, .md, .html, .docx, .odt or .xml', '.txt, .md, .html, .docx, .odt ou .xml']);
  expect(Object.isFrozen(FORMATS)).toBe(true);
});

it('has no other list of extensions anywhere in src/', () => {
  expect(strayLists()).toEqual([]);
});
