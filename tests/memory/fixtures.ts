// Things the memory tests share: a result.json with each kind of segment, a fresh memory file,
// and xmllint run against the shipped OASIS schemas.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openMemory, type Memory } from '../../src/memory/memory.ts';
import type { Result } from '../../src/output/result-schema.ts';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const tmp = (name = 'memory') => mkdtempSync(path.join(tmpdir(), `audarma-${name}-`));
export const freshMemory = (): Memory => openMemory(tmp());

/**
 * An article with one segment of each kind in its English edition: machine output with a flag and
 * a glossary term, an editor's correction, an approved one; characters XML must escape; a heading
 * repeated (one unit).
 */
export function sampleResult(): Result {
  const seg = (source: string, text: string, extra: object = {}) => ({ source, text, ...extra });
  const blocks = [
    {
      type: 'title' as const,
      source: ['Koshanov à Astana'],
      target: [
        seg('Koshanov à Astana', 'Koshanov to Astana', { flags: [{ kind: 'length', reason: 'output is 3 times as long' }], terms: ['Yerlan Koshanov'] }),
      ],
    },
    {
      type: 'paragraph' as const,
      source: ['Les prix < 5 % & « stables ».', 'Il a signé.'],
      target: [
        seg('Les prix < 5 % & « stables ».', 'Prices < 5 % & "stable".', { origin: 'memory' }),
        seg('Il a signé.', 'He signed.', { origin: 'memory', approved: true }),
      ],
    },
    { type: 'heading' as const, source: ['Koshanov à Astana'], target: [seg('Koshanov à Astana', 'Koshanov to Astana')] },
  ];
  return {
    version: 1,
    file: 'in/koshanov.txt',
    slug: 'koshanov',
    pipeline: 'article',
    source: { lang: 'fr', blocks: blocks.map((b) => ({ type: b.type, text: b.source.join(' '), segments: b.source })), dropped: [] },
    targets: {
      en: {
        lang: 'en',
        route: ['fr', 'en'],
        models: ['audarma-tiny/opus-mt-fr-en'],
        blocks: blocks.map((b) => ({ type: b.type, text: b.target.map((s) => s.text).join(' '), segments: b.target })),
      },
    },
  } as Result;
}

export const SCHEMAS = path.join(REPO, 'schemas/xliff');

/** xmllint's verdict on an XLIFF file against the shipped schema of its version, offline. */
export function validateXliff(file: string, version: '1.2' | '2.0'): { ok: boolean; output: string } {
  const schema = path.join(SCHEMAS, version === '1.2' ? 'xliff-core-1.2-strict.xsd' : 'xliff_core_2.0.xsd');
  const r = spawnSync('xmllint', ['--nonet', '--noout', '--schema', schema, file], {
    encoding: 'utf8',
    env: { ...process.env, XML_CATALOG_FILES: path.join(SCHEMAS, 'catalog.xml') },
  });
  if (r.error) throw new Error(`xmllint could not run (Debian package libxml2-utils): ${r.error.message}`);
  return { ok: r.status === 0, output: r.stderr + r.stdout };
}
