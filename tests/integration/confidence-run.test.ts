// A nightly run on the model made to be unsure (tests/tiny/marian.ts): result.json carries each
// segment's confidence, the run report lists the least confident segments and counts the
// low-confidence flag, and the XLIFF export gives the confidence as the match quality.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src/output/result-schema.ts';
import { RunReportSchema, type RunReport } from '../../src/output/report-schema.ts';
import { cli } from './helpers.ts';
import { unsureProject } from './project.ts';

const dir = unsureProject();
const out = path.join(dir, 'out');
let report: RunReport;
let result: Result;

beforeAll(async () => {
  writeFileSync(
    path.join(dir, 'delegation.fr.txt'),
    'Le président a visité la capitale\n\nLa délégation du parlement a visité la capitale. Le ministre a visité la Chine.\n\nLa délégation.\n',
  );
  const r = await cli(['run', '--input', 'delegation.fr.txt', '--out', out, '--quiet'], dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  report = RunReportSchema.parse(JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')));
  result = JSON.parse(readFileSync(path.join(out, 'delegation-fr/result.json'), 'utf8'));
});

describe('confidence in a run', () => {
  it('writes each segment’s confidence and its unsure words in result.json', () => {
    const segs = result.targets.en.blocks.flatMap((b) => b.segments);
    expect(segs.map((s) => [s.text, s.confidence, s.lowWords])).toEqual([
      ['The president has visited the capital', 1, undefined],
      [
        'The delegation of the parliament has visited the capital.',
        0.549,
        [
          [4, 14],
          [22, 32],
        ],
      ],
      ['The minister has visited the China.', 1, undefined],
      ['The delegation.', 0.473, [[4, 14]]],
    ]);
  });

  it('lists the least confident segments in the run report and counts the low-confidence flag', () => {
    expect(report.lowestConfidence).toEqual([
      { file: 'delegation.fr.txt', slug: 'delegation-fr', lang: 'en', block: 2, seg: 0, confidence: 0.473, source: 'La délégation.', text: 'The delegation.' },
      {
        file: 'delegation.fr.txt',
        slug: 'delegation-fr',
        lang: 'en',
        block: 1,
        seg: 0,
        confidence: 0.549,
        source: 'La délégation du parlement a visité la capitale.',
        text: 'The delegation of the parliament has visited the capital.',
      },
    ]);
    expect(report.flags).toEqual({ 'low-confidence': 1 });
  });

  it('exports the confidence as the XLIFF match quality of the machine targets', async () => {
    const r = await cli(['xliff', 'export', path.join(out, 'delegation-fr'), '--target', 'en'], dir);
    expect(r.code).toBe(0);
    expect([...r.stdout.matchAll(/<alt-trans match-quality="(\d+)"/g)].map((m) => m[1])).toEqual(['100', '55', '100', '47']);
  });
});
