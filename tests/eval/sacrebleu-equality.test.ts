// audarma's chrF, chrF++ and BLEU against the values sacreBLEU 2.6.0 gives on the same strings
// (tests/fixtures/sacrebleu/expected.json, written by scripts/sacrebleu-fixtures.py): cases in
// every target language under a matrix of options, and sacreBLEU's own published test cases.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Bleu, type SmoothMethod } from '../../src/eval/bleu.ts';
import { Chrf } from '../../src/eval/chrf.ts';
import { bleuSignature, chrfSignature, formatScoreLine, SACREBLEU_VERSION } from '../../src/eval/score.ts';
import type { TokenizerName } from '../../src/eval/tokenizers.ts';

/** Keyword arguments as they were passed to sacreBLEU's CHRF or BLEU. */
type PyArgs = Record<string, string | number | boolean | null>;

interface Result {
  metric: 'chrf' | 'bleu';
  args: PyArgs;
  name: string;
  score: number;
  signature: string;
  line1: string;
  line4: string;
  bleu?: { counts: number[]; totals: number[]; precisions: number[]; bp: number; sys_len: number; ref_len: number };
}
interface Case {
  id: string;
  lang: string;
  hyps: string[];
  refs: string[][];
  results: Result[];
}
interface Published extends Partial<Result> {
  group: string;
  metric: 'chrf' | 'bleu';
  args: PyArgs;
  hyps?: string[];
  refs?: string[][];
  stats?: number[];
  score: number;
  published?: number;
  published_format?: string;
  published_counts?: number[];
  published_totals?: number[];
}

const FIXTURES = path.join(import.meta.dirname, '../fixtures/sacrebleu');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as {
  sacrebleu: string;
  cases: Case[];
  published: Published[];
};

const opt = <T>(v: unknown): T | undefined => (v === null || v === undefined ? undefined : (v as T));

function chrfOf(a: PyArgs): Chrf {
  return new Chrf({
    charOrder: opt(a.char_order),
    wordOrder: opt(a.word_order),
    beta: opt(a.beta),
    lowercase: opt(a.lowercase),
    whitespace: opt(a.whitespace),
    epsSmoothing: opt(a.eps_smoothing),
  });
}

function bleuOf(a: PyArgs): Bleu {
  return new Bleu({
    tokenize: opt<TokenizerName>(a.tokenize),
    lowercase: opt(a.lowercase),
    smoothMethod: opt<SmoothMethod>(a.smooth_method),
    smoothValue: opt(a.smooth_value),
    effectiveOrder: opt(a.effective_order),
    maxNgramOrder: opt(a.max_ngram_order),
  });
}

/** Scores as audarma computes them, with the signature and the line sacreBLEU prints. */
function ours(metric: 'chrf' | 'bleu', args: PyArgs, hyps: string[], refs: string[][]) {
  if (metric === 'chrf') {
    const chrf = chrfOf(args);
    const s = { metric: chrf.name, score: chrf.corpusScore(hyps, refs), signature: chrfSignature(chrf, refs.length) };
    return { ...s, line1: formatScoreLine(s, 1), line4: formatScoreLine(s, 4), bleu: undefined };
  }
  const bleu = bleuOf(args);
  const detail = bleu.corpusScore(hyps, refs);
  const s = { metric: 'BLEU', score: detail.score, signature: bleuSignature(bleu, refs.length), bleu: detail };
  return { ...s, line1: formatScoreLine(s, 1), line4: formatScoreLine(s, 4) };
}

it('the fixtures come from the sacreBLEU release the signature names', () => {
  expect(expected.sacrebleu).toBe(SACREBLEU_VERSION);
});

describe.each(expected.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
  it.each(c.results.map((r) => [`${r.name} ${JSON.stringify(r.args)}`, r] as const))('%s', (_label, r) => {
    const got = ours(r.metric, r.args, c.hyps, c.refs);
    expect(Math.abs(got.score - r.score)).toBeLessThan(1e-4);
    expect(got.metric).toBe(r.name);
    expect(got.signature).toBe(r.signature);
    expect(got.line1).toBe(r.line1);
    expect(got.line4).toBe(r.line4);
    if (r.bleu) {
      expect(got.bleu?.counts).toEqual(r.bleu.counts);
      expect(got.bleu?.totals).toEqual(r.bleu.totals);
      expect([got.bleu?.sysLen, got.bleu?.refLen]).toEqual([r.bleu.sys_len, r.bleu.ref_len]);
    }
  });
});

it('every target language has a case', () => {
  expect(expected.cases.map((c) => c.lang)).toEqual(expect.arrayContaining(['en', 'ru', 'kk', 'kk-Latn', 'zh', 'zh-Hant']));
});

describe("sacreBLEU's published test cases", () => {
  const label = (p: Published) => `${p.group} ${JSON.stringify(p.args)} ${JSON.stringify(p.hyps ?? p.stats)}`;
  it.each(expected.published.map((p) => [label(p), p] as const))('%s', (_label, p) => {
    let score: number;
    if (p.stats) {
      const k = (p.stats.length - 2) / 2;
      score = bleuOf({ ...p.args, max_ngram_order: k }).compute(p.stats).score;
    } else {
      const got = ours(p.metric, p.args, p.hyps!, p.refs!);
      score = got.score;
      expect(got.signature).toBe(p.signature);
      if (p.published_counts) expect([got.bleu?.counts, got.bleu?.totals]).toEqual([p.published_counts, p.published_totals]);
    }
    // Equal to what sacreBLEU computes, and to what its own tests assert.
    expect(Math.abs(score - p.score)).toBeLessThan(1e-4);
    if (p.published !== undefined) expect(Math.abs(score - p.published)).toBeLessThan(1e-3);
    if (p.published_format) expect(score.toFixed(2)).toBe(p.published_format);
  });
});
