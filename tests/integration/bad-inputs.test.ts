import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { ResultSchema, type Result } from '../../src/output/result-schema.ts';
import { RunReportSchema, type RunReport } from '../../src/output/report-schema.ts';
import { badOfficeFiles } from '../document/formats/bad-office.ts';
import { articleText } from './generate-articles.ts';
import { cli, TINY_CONFIG } from './helpers.ts';

// A folder holding every kind of bad input a desk or a nightly job meets, next to good articles.
const OFFICE_DOCX = path.resolve(import.meta.dirname, '..', 'fixtures', 'office', 'article.docx');
const OFFICE_ODT = path.resolve(import.meta.dirname, '..', 'fixtures', 'office', 'article.odt');
const dir = mkdtempSync(path.join(tmpdir(), 'audarma-bad-'));
const input = path.join(dir, 'articles');
const out = path.join(dir, 'out');
let report: RunReport;
let code: number;
const result = (slug: string): Result => ResultSchema.parse(JSON.parse(readFileSync(path.join(out, slug, 'result.json'), 'utf8')));
const failure = (name: string) => report.failures.find((f) => path.basename(f.file) === name)?.reason;

beforeAll(async () => {
  mkdirSync(input);
  const put = (name: string, data: string | Buffer) => writeFileSync(path.join(input, name), data);
  put('bon.txt', articleText(1));
  put('vide.txt', '');
  put('binaire.txt', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00]));
  put('ancien-latin1.txt', Buffer.from('Élections à Noël : le président a visité la capitale\n\nLe ministre a présenté le projet à Astana.\n', 'latin1'));
  put('avec-bom.txt', '\uFEFF' + articleText(2));
  put('windows-crlf.txt', articleText(3).replace(/\n/g, '\r\n'));
  put('enorme.txt', 'Un article démesuré\n\n' + 'Le président a visité la capitale avec le ministre. '.repeat(20_000));
  symlinkSync(path.join(input, 'absent.txt'), path.join(input, 'illisible.txt'));
  symlinkSync(input, path.join(input, 'boucle'));
  mkdirSync(path.join(input, 'a'));
  mkdirSync(path.join(input, 'b'));
  writeFileSync(path.join(input, 'a', 'meme-nom.txt'), articleText(4));
  writeFileSync(path.join(input, 'b', 'meme-nom.txt'), articleText(5));
  for (const bad of badOfficeFiles()) put(bad.name, Buffer.from(bad.bytes));
  put('correspondant.docx', readFileSync(OFFICE_DOCX));
  put('correspondante.odt', readFileSync(OFFICE_ODT));
  // A Word file with a 1 MiB photo: over the 256 KB read limit as a file, well under it as text.
  put('avec-photo.docx', Buffer.from(zipSync({ ...unzipSync(readFileSync(OFFICE_DOCX)), 'word/media/image1.jpeg': randomBytes(1024 * 1024) })));
  writeFileSync(path.join(dir, 'rapport.pdf'), '%PDF-1.7');
  const r = await cli([
    'run',
    '--input',
    input,
    path.join(dir, 'rapport.pdf'),
    '--out',
    out,
    '--config',
    TINY_CONFIG,
    '--cache-dir',
    path.join(dir, 'cache'),
    '--quiet',
  ]);
  code = r.code;
  report = RunReportSchema.parse(JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')));
});

describe('a folder of bad inputs', () => {
  it('reports each bad file by name with its reason and exits 1', async () => {
    expect(code).toBe(1);
    expect(failure('vide.txt')).toBe(path.join(input, 'vide.txt') + ': empty file');
    expect(report.failures.find((f) => f.file.endsWith('vide.txt'))?.step).toBe('steps[0] read');
    expect(failure('binaire.txt')).toContain('binary file, expected UTF-8 or Windows-1252 text');
    expect(failure('enorme.txt')).toMatch(/article is \d+ KB, over the limit of 256 KB/);
    expect(failure('illisible.txt')).toBe('broken symbolic link');
    expect(failure('boucle')).toMatch(/^folder symlink loop/);
    expect(failure('rapport.pdf')).toContain('unsupported file type ".pdf"; expected .txt, .md, .html, .docx, .odt or .xml');
    expect(report.failures).toHaveLength(6 + badOfficeFiles().length);
  });

  it('names each office file it cannot read with what is wrong with it', () => {
    for (const bad of badOfficeFiles()) {
      const f = report.failures.find((f) => path.basename(f.file) === bad.name);
      expect(f?.reason.slice(input.length + 1), bad.what).toMatch(bad.message);
    }
  });

  it('still translates and writes every good article, office files included', async () => {
    expect(report.documents.done).toBe(9);
    expect(result('avec-photo').source.blocks).toHaveLength(10);
    expect(result('correspondant').source.blocks[0].text).toBe('Le gouvernement annonce un plan pour le climat');
    expect(result('correspondante').source.blocks.map((b) => b.type)).toContain('bullet');
    for (const a of report.articles.filter((a) => a.status === 'done')) expect(result(a.slug).targets.zh.blocks.length).toBeGreaterThan(0);
  });

  it('decodes Windows-1252 French text correctly instead of producing mojibake', async () => {
    expect(result('ancien-latin1').source.blocks[0].text).toBe('Élections à Noël : le président a visité la capitale');
  });

  it('strips a UTF-8 BOM and reads CRLF files with the same structure as LF ones', async () => {
    expect(result('avec-bom').source.blocks[0].text).toBe('Article 2 : Pékin et la coopération');
    expect(result('windows-crlf').source.blocks.map((b) => b.type)).toEqual(['title', 'kicker', 'paragraph', 'heading', 'paragraph', 'paragraph']);
  });

  it('gives two inputs with the same file name two stable, distinct folders', async () => {
    const slugs = report.articles.filter((a) => a.file.endsWith('meme-nom.txt')).map((a) => a.slug);
    expect(slugs).toHaveLength(2);
    expect(new Set(slugs).size).toBe(2);
    for (const s of slugs) expect(s).toMatch(/^meme-nom-[0-9a-f]{8}$/);
  });
});
