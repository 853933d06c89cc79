// `audarma score` prints what `sacrebleu -f text` printed for the same files and options
// (tests/fixtures/sacrebleu/expected.json, "cli"); bad input is a clear error with exit code 2.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../integration/helpers.ts';
import { runMain } from './run-main.ts';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/sacrebleu');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as {
  cli: { case: string; hyp: string; refs: string[]; sacrebleu: string[]; audarma: string[]; line: string }[];
};
const at = (f: string) => path.join(FIXTURES, f);

const run = (args: string[]) => runMain(['score', ...args]);
const score = async (args: string[]) => {
  const { code, stdout } = await run(args);
  return { code, stdout };
};

describe('prints the line sacreBLEU printed', () => {
  it.each(expected.cli.map((c) => [c.sacrebleu.join(' '), c] as const))('%s', async (_cmd, c) => {
    const args = ['--hyp', at(c.hyp), ...c.refs.flatMap((r) => ['--ref', at(r)]), ...c.audarma];
    expect(await score(args)).toEqual({ code: 0, stdout: c.line + '\n' });
  });
});

it('--json gives the metric, the unrounded score, the signature and its fields', async () => {
  const c = expected.cli.find((x) => x.case === 'zh' && x.audarma.includes('bleu'))!;
  const { code, stdout } = await score(['--hyp', at(c.hyp), '--ref', at(c.refs[0]), '--metric', 'bleu', '--language', 'zh', '--json']);
  expect(code).toBe(0);
  const json = JSON.parse(stdout);
  // The text line: `BLEU|<signature> = <score> <p1>/<p2>/<p3>/<p4> (BP = …)`.
  const [, signature, rounded, verbose] = /^BLEU\|(\S+) = (\S+) (.*)$/.exec(c.line)!;
  expect(json).toMatchObject({
    metric: 'BLEU',
    signature,
    nrefs: '1',
    case: 'mixed',
    eff: 'no',
    tok: 'zh',
    smooth: 'exp',
    version: '2.6.0',
    verbose_score: verbose,
  });
  expect(json.score.toFixed(1)).toBe(rounded);
  expect(json.counts).toHaveLength(4);
});

describe('bad input: exit code 2 and a message naming the file or option', () => {
  const zh = ['--hyp', at('cli/zh.hyp')];
  it.each([
    [
      'a reference with fewer lines',
      [...zh, '--ref', at('cli/kk.ref1')],
      `${at('cli/kk.ref1')} has 4 lines, ${at('cli/zh.hyp')} has 5; expected one line for each line of ${at('cli/zh.hyp')}`,
    ],
    ['a missing reference', [...zh, '--ref', at('cli/missing.ref')], `cannot read ${at('cli/missing.ref')}: no such file`],
    ['a BLEU option with chrF', [...zh, '--ref', at('cli/zh.ref1'), '--tokenize', 'zh'], '--tokenize applies to bleu only, got --metric chrf'],
    ['a chrF option with BLEU', [...zh, '--ref', at('cli/zh.ref1'), '-m', 'bleu', '--beta', '3'], '--beta applies to chrf and chrf++ only, got --metric bleu'],
    ['an unknown metric', [...zh, '--ref', at('cli/zh.ref1'), '-m', 'ter'], '--metric: expected one of chrf, chrf++, bleu, got `ter`'],
    [
      'an unknown tokenizer',
      [...zh, '--ref', at('cli/zh.ref1'), '-m', 'bleu', '--tokenize', 'moses'],
      '--tokenize: expected one of 13a, zh, intl, char, none, got `moses`',
    ],
    [
      'a value for a method without one',
      [...zh, '--ref', at('cli/zh.ref1'), '-m', 'bleu', '--smooth-value', '0.1'],
      '--smooth-value: expected a --smooth-method that takes a value (floor, add-k), got `--smooth-method exp`',
    ],
  ])('%s', async (_name, args, message) => {
    expect(await run(args)).toEqual({ code: 2, stdout: '', stderr: `audarma: ${message}\n` });
  });

  it('no --ref', async () => {
    const r = await run(zh);
    expect(r.stderr).toContain("required option '--ref <file>' not specified");
    expect(r.code).toBe(2);
  });

  it('from the installed command too, without a stack trace', async () => {
    const r = await cli(['score', ...zh, '--ref', at('cli/kk.ref1')]);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: `audarma: ${at('cli/kk.ref1')} has 4 lines, ${at('cli/zh.hyp')} has 5; expected one line for each line of ${at('cli/zh.hyp')}\n`,
    });
  });
});
