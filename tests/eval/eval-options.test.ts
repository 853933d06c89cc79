// `audarma eval` options and bad input, run in this process; and the test set shipped in testsets/.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTestset } from '../../src/eval/testset.ts';
import { REPO, TINY_CONFIG } from '../integration/helpers.ts';
import { runMain } from './run-main.ts';

const TINY_SET = path.join(REPO, 'tests/fixtures/eval/tiny-testset');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'audarma-eval-'));

/** A test set folder with these files (name → lines, or text for manifest.yaml). */
function testset(files: Record<string, string[] | string>): string {
  const dir = tmp();
  for (const [name, content] of Object.entries(files))
    writeFileSync(path.join(dir, name), typeof content === 'string' ? content : content.map((l) => l + '\n').join(''));
  return dir;
}
const MANIFEST = 'name: two lines\nlicence: MIT\norigin: written here\nsource: fr\n';

it('--limit and --targets: the first lines, into the listed targets only (a derived one made through its pivot)', async () => {
  const out = tmp();
  const r = await runMain(['eval', '--testset', TINY_SET, '--config', TINY_CONFIG, '--limit', '2', '--targets', 'kk-Latn,zh-Hant', '--out', out]);
  expect(r.code).toBe(0);
  const files = readdirSync(path.join(out, 'hyp')).sort();
  expect(files).toEqual(['pipeline.kk-Latn.txt', 'pipeline.zh-Hant.txt', 'raw.kk-Latn.txt', 'raw.zh-Hant.txt']);
  for (const f of files) {
    const full = readFileSync(path.join(REPO, 'tests/fixtures/eval/tiny-expected', f), 'utf8').split('\n');
    expect(readFileSync(path.join(out, 'hyp', f), 'utf8')).toBe(full.slice(0, 2).join('\n') + '\n');
  }
  const json = JSON.parse(readFileSync(path.join(out, 'eval.json'), 'utf8'));
  expect([json.testset.lines, json.targets.map((t: { target: string }) => t.target)]).toEqual([2, ['kk-Latn', 'zh-Hant']]);
});

describe('bad input: exit code 2 and a message naming the file, target or option', () => {
  const two = { 'manifest.yaml': MANIFEST, 'source.fr': ['Le président.', 'La Chine.'], 'ref.en': ['The president.', 'China.'] };
  const cases: [string, () => string[], string][] = [
    [
      'no such folder',
      () => ['--testset', '/nonexistent/set'],
      'audarma: /nonexistent/set is not a test set: no such folder (expected a folder with manifest.yaml, source.<lang> and ref.<target> files)\n',
    ],
    [
      'no manifest',
      () => {
        const d = testset({ 'source.fr': ['x'] });
        return ['--testset', d];
      },
      'is not a test set: no manifest.yaml',
    ],
    [
      'no source file',
      () => {
        const d = testset({ 'manifest.yaml': MANIFEST, 'ref.en': ['x'] });
        return ['--testset', d];
      },
      'is not a test set: no source.fr (the manifest\'s source language is "fr")',
    ],
    [
      'a reference of another length',
      () => {
        const d = testset({ ...two, 'ref.kk': ['Президент.'] });
        return ['--testset', d];
      },
      'ref.kk has 1 line, ',
    ],
    [
      'a target the config lacks',
      () => ['--testset', testset(two), '--targets', 'en,xx'],
      'audarma: unknown target "xx"; expected one of en, kk, ru, zh, kk-Latn, zh-Hant\n',
    ],
    [
      'a target without a reference',
      () => {
        const d = testset(two);
        return ['--testset', d, '--targets', 'kk'];
      },
      'no reference for target "kk" in ',
    ],
    [
      'another source language',
      () => ['--testset', testset({ ...two, 'manifest.yaml': MANIFEST.replace('source: fr', 'source: en'), 'source.en': ['x', 'y'] })],
      'translates from "en", the config from "fr"',
    ],
    ['--limit 0', () => ['--testset', TINY_SET, '--limit', '0'], 'audarma: --limit: expected a whole number of 1 or more, got `0`\n'],
    ['--margin -1', () => ['--testset', TINY_SET, '--margin', '-1'], 'audarma: --margin: expected a number of 0 or more, got `-1`\n'],
  ];
  it.each(cases)('%s', async (_name, args, message) => {
    const r = await runMain(['eval', ...args(), '--config', TINY_CONFIG, '--out', tmp()]);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(2);
  });

  it('a manifest missing a key and with an unknown one: each problem at its line', async () => {
    const dir = testset({ ...two, 'manifest.yaml': 'name: two lines\norigin: written here\nsource: fr\nlicense: MIT\n' });
    const r = await runMain(['eval', '--testset', dir, '--config', TINY_CONFIG, '--out', tmp()]);
    const file = path.join(dir, 'manifest.yaml');
    expect(r.stderr).toContain(`${file}:1:1 licence: missing required key "licence"`);
    expect(r.stderr).toContain(`${file}:4:1 license: unknown key "license"; expected one of name, licence, origin, source, attribution`);
    expect(r.code).toBe(2);
  });
});

describe('the shipped NTREX-128 sample', () => {
  const dir = path.join(REPO, 'testsets/ntrex128-news-fr');

  it('is a test set from French into every model-made target but kk-Latn, with its licence and attribution beside it', async () => {
    const t = await loadTestset(dir);
    expect(t.source).toHaveLength(34);
    expect(Object.keys(t.refs)).toEqual(['en', 'kk', 'ru', 'zh', 'zh-Hant']);
    expect(t.manifest).toMatchObject({ licence: 'CC-BY-SA-4.0', source: 'fr', attribution: 'ATTRIBUTION.md' });
    expect(t.manifest.origin).toContain('https://github.com/MicrosoftTranslator/NTREX');
    expect(readFileSync(path.join(dir, 'LICENSE.md'), 'utf8')).toMatch(/^Attribution-ShareAlike 4\.0 International/);
    expect(readFileSync(path.join(dir, 'ATTRIBUTION.md'), 'utf8')).toContain('Federmann');
    for (const lines of [t.source, ...Object.values(t.refs)]) expect(lines.every((l) => l.trim() !== '')).toBe(true);
  });

  it('holds whole documents, each line where documents.tsv says it came from', () => {
    const rows = readFileSync(path.join(dir, 'documents.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'));
    expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
    // A document's lines are consecutive in NTREX, and no document appears twice.
    const docs = new Map<string, number[]>();
    for (const [, doc, ntrexLine] of rows) docs.set(doc, [...(docs.get(doc) ?? []), Number(ntrexLine)]);
    for (const [doc, lines] of docs) expect(lines, doc).toEqual(lines.map((_, i) => lines[0] + i));
    expect(docs.size).toBe(6);
  });
});

it('a test set folder can hold other files (documents.tsv, licences) beside the text', async () => {
  const dir = testset({ 'manifest.yaml': MANIFEST, 'source.fr': ['a'], 'ref.en': ['b'], 'NOTES.md': 'notes' });
  mkdirSync(path.join(dir, 'extra'));
  expect(Object.keys((await loadTestset(dir)).refs)).toEqual(['en']);
});

it('a test set of links to files elsewhere (a local FLORES copy, as the README shows)', async () => {
  const dir = testset({ 'manifest.yaml': MANIFEST });
  symlinkSync(path.join(TINY_SET, 'source.fr'), path.join(dir, 'source.fr'));
  symlinkSync(path.join(TINY_SET, 'ref.zh-Hant'), path.join(dir, 'ref.zh-Hant'));
  const t = await loadTestset(dir);
  expect([t.source.length, Object.keys(t.refs)]).toEqual([6, ['zh-Hant']]);
});
