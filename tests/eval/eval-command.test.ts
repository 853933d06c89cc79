// `audarma eval` on the tiny models, run as a user runs it. The outputs of both arms are the tiny
// models' known translations (tests/fixtures/eval/*expected*/: word for word from
// tests/tiny/dictionaries.ts; the pipeline arm spells the glossary's names and splits the long
// fifth line, the raw arm copies the names as written and loses that line's end at the model's
// output limit), and every score is the one sacreBLEU 2.6.0 gives those outputs
// (tests/fixtures/eval/scores.json, written by scripts/sacrebleu-fixtures.py).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, REPO, TINY_CONFIG } from '../integration/helpers.ts';

const FIXTURES = path.join(REPO, 'tests/fixtures/eval');
const sacrebleu = JSON.parse(readFileSync(path.join(FIXTURES, 'scores.json'), 'utf8')) as {
  scores: Record<string, { chrF: number; BLEU: number }>;
};

interface EvalJson {
  testset: { name: string; licence: string; origin: string; lines: number };
  margin: number;
  targets: {
    target: string;
    models: string[];
    pipeline: { chrF: { metric: string; score: number; signature: string }; BLEU: { metric: string; score: number; signature: string }; hypotheses: string };
    raw: { chrF: { metric: string; score: number; signature: string }; BLEU: { metric: string; score: number; signature: string }; hypotheses: string };
    chrfDelta: number;
    flagged: boolean;
  }[];
  flagged: string[];
}

const CHRF_SIGNATURE = 'nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0';
const bleuSignature = (tok: string) => `nrefs:1|case:mixed|eff:no|tok:${tok}|smooth:exp|version:2.6.0`;

/** Runs `audarma eval` and reads back everything it wrote. */
async function evaluate(args: string[]) {
  const out = mkdtempSync(path.join(tmpdir(), 'audarma-eval-'));
  const run = await cli(['eval', ...args, '--out', out]);
  const read = (f: string) => readFileSync(path.join(out, f), 'utf8');
  return { ...run, out, read, json: JSON.parse(read('eval.json')) as EvalJson };
}

/** Both arms' scores of a target equal sacreBLEU's for the expected outputs in `expected`. */
function expectSacrebleuScores(json: EvalJson, expected: string) {
  for (const t of json.targets) {
    for (const arm of ['pipeline', 'raw'] as const) {
      const want = sacrebleu.scores[`${expected}/${arm}.${t.target}.txt`];
      expect(Math.abs(t[arm].chrF.score - want.chrF), `${arm} ${t.target} chrF`).toBeLessThan(1e-4);
      expect(Math.abs(t[arm].BLEU.score - want.BLEU), `${arm} ${t.target} BLEU`).toBeLessThan(1e-4);
      expect([t[arm].chrF.metric, t[arm].chrF.signature]).toEqual(['chrF2', CHRF_SIGNATURE]);
      expect([t[arm].BLEU.metric, t[arm].BLEU.signature]).toEqual(['BLEU', bleuSignature(t.target.startsWith('zh') ? 'zh' : '13a')]);
    }
    expect(t.chrfDelta).toBeCloseTo(t.pipeline.chrF.score - t.raw.chrF.score, 10);
  }
}

/** Every output file equals the known translation in `expected`. */
function expectOutputs(read: (f: string) => string, files: string[], expected: string) {
  for (const f of files) expect(read(`hyp/${f}`), f).toBe(readFileSync(path.join(FIXTURES, expected, f), 'utf8'));
}

describe('the tiny models with the shipped glossary', () => {
  let r: Awaited<ReturnType<typeof evaluate>>;
  beforeAll(async () => {
    r = await evaluate(['--testset', path.join(FIXTURES, 'tiny-testset'), '--config', TINY_CONFIG]);
  });

  it('evaluates every target with a reference, pivots and derived editions included, and flags none', () => {
    expect(r.json.targets.map((t) => [t.target, t.models])).toEqual([
      ['en', ['audarma-tiny/opus-mt-fr-en']],
      ['kk', ['audarma-tiny/nllb-tiny']],
      ['ru', ['audarma-tiny/opus-mt-fr-ru']],
      ['zh', ['audarma-tiny/opus-mt-fr-en', 'audarma-tiny/opus-mt-en-zh']],
      ['kk-Latn', ['audarma-tiny/nllb-tiny', 'kk-latn-2021']],
      ['zh-Hant', ['audarma-tiny/opus-mt-fr-en', 'audarma-tiny/opus-mt-en-zh', 'opencc-cn-tw']],
    ]);
    expect(r.json.flagged).toEqual([]);
    expect(r.stderr).toContain('eval: no target flagged');
    expect(r.code).toBe(0);
  });

  it('writes the known translations of both arms', () => {
    const files = readdirSync(path.join(FIXTURES, 'tiny-expected')).sort();
    expect(readdirSync(path.join(r.out, 'hyp')).sort()).toEqual(files);
    expectOutputs(r.read, files, 'tiny-expected');
  });

  it('scores them as sacreBLEU does: the glossary and the splitting put the pipeline ahead everywhere', () => {
    expectSacrebleuScores(r.json, 'tiny-expected');
    for (const t of r.json.targets) expect(t.chrfDelta, t.target).toBeGreaterThan(3);
  });

  it('says what the test set is', () => {
    expect(r.json.testset).toEqual({
      dir: path.join(FIXTURES, 'tiny-testset'),
      name: 'tiny news lines',
      licence: 'MIT',
      origin: "written for audarma's tests (tests/fixtures/eval/tiny-testset)",
      lines: 6,
    });
    expect(r.json.margin).toBe(1);
  });

  it('prints the Markdown table it writes to eval.md', () => {
    expect(r.stdout).toBe(r.read('eval.md'));
    const s = (f: string) => sacrebleu.scores[`tiny-expected/${f}`];
    const kk = `| kk | audarma-tiny/nllb-tiny | ${s('pipeline.kk.txt').chrF.toFixed(1)} | ${s('raw.kk.txt').chrF.toFixed(1)} | +${(s('pipeline.kk.txt').chrF - s('raw.kk.txt').chrF).toFixed(1)} | ${s('pipeline.kk.txt').BLEU.toFixed(1)} | ${s('raw.kk.txt').BLEU.toFixed(1)} |  |`;
    expect(r.stdout).toContain(`${kk}\n`);
    expect(r.stdout).toContain(`- \`BLEU|${bleuSignature('zh')}\``);
  });
});

describe('a pipeline damaged on purpose: placeholders left unrestored', () => {
  let r: Awaited<ReturnType<typeof evaluate>>;
  beforeAll(async () => {
    const dir = path.join(FIXTURES, 'damaged');
    r = await evaluate(['--testset', path.join(dir, 'testset'), '--config', path.join(dir, 'config.yaml')]);
  });

  it('leaves a stray placeholder after every name in the pipeline arm only', () => {
    expectOutputs(r.read, ['pipeline.en.txt', 'raw.en.txt', 'pipeline.zh.txt', 'raw.zh.txt'], 'damaged/expected');
    expect(r.read('hyp/pipeline.en.txt').split('\n')[0]).toBe('Yerlan Koshanov GLS0 has met Zhao Leji GLS0.');
    expect(r.read('hyp/raw.en.txt')).not.toContain('GLS');
  });

  it('scores English below the raw model by more than the margin, flags it and exits 1', () => {
    expectSacrebleuScores(r.json, 'damaged/expected');
    const en = r.json.targets.find((t) => t.target === 'en')!;
    expect(en.pipeline.chrF.score).toBeLessThan(en.raw.chrF.score - 1);
    expect(en.flagged).toBe(true);
    expect(r.json.flagged).toEqual(['en']);
    const s = (f: string) => sacrebleu.scores[`damaged/expected/${f}`];
    const [p, raw] = [s('pipeline.en.txt'), s('raw.en.txt')];
    const row = `| en | audarma-tiny/gls-invent-fr-en | ${p.chrF.toFixed(1)} | ${raw.chrF.toFixed(1)} | −${(raw.chrF - p.chrF).toFixed(1)} | ${p.BLEU.toFixed(1)} | ${raw.BLEU.toFixed(1)} | **flagged** |`;
    expect(r.stdout).toContain(`${row}\n`);
    expect(r.stderr).toContain('eval: pipeline below the raw models by more than 1 chrF: en;');
    expect(r.code).toBe(1);
  });

  it('does not flag Chinese, which the glossary helps more than the stray token costs', () => {
    const zh = r.json.targets.find((t) => t.target === 'zh')!;
    expect([zh.flagged, zh.chrfDelta > 0]).toEqual([false, true]);
  });
});
