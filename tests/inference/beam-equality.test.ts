// audarma's decoding must choose what Hugging Face transformers' generate chooses, for the same
// weights and settings: the same sequences in the same n-best order, with the same scores and
// token log-probabilities. The expected outputs come from transformers itself
// (scripts/beam-fixtures.py, tests/fixtures/beam/<kind>.json), run on the beam test models'
// weights (tests/beam/models.ts): Marian, M2M100 (NLLB) and BART, greedy and beams 2–5 with
// length penalties, every early_stopping mode, n-best lists, and the logits rules.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelConfig } from '../../src/config/schema.ts';
import type { Hypothesis } from '../../src/inference/decode/types.ts';
import { createModelRunner, type ModelRunner } from '../../src/inference/model-runner.ts';
import { BEAM_FIXTURES_DIR, ensureBeamModels, KINDS, modelId, onnxHashes, type Kind } from '../beam/models.ts';

interface Expected {
  tokens: number[];
  ended: boolean;
  score: number;
  logprobs: number[];
}
interface Case {
  id: string;
  generation: Record<string, unknown>;
  inputs: number[][];
  pad: number;
  outputs: Expected[][];
  greedy?: number[][];
  beam_differs?: boolean[];
}
interface Fixture {
  model: string;
  onnx_sha256: Record<string, string>;
  cases: Case[];
}

const TOLERANCE = 1e-4;
const fixtures = Object.fromEntries(KINDS.map((k) => [k, JSON.parse(readFileSync(join(BEAM_FIXTURES_DIR, `${k}.json`), 'utf8')) as Fixture])) as Record<
  Kind,
  Fixture
>;

let modelsDir: string;
let runner: ModelRunner;
beforeAll(async () => {
  modelsDir = await ensureBeamModels();
  const catalogue = Object.fromEntries(
    KINDS.map((k) => [k, { id: modelId(k), task: 'translation', dtype: 'fp32', batchSize: 16, generation: {}, loopRetry: false } as ModelConfig]),
  );
  runner = createModelRunner({ modelsDir, catalogue, intraOpThreads: 1 });
});
afterAll(async () => {
  await runner?.dispose();
});

/** Where two hypothesis lists first differ, in words a failure can show; undefined when equal. */
function difference(got: Hypothesis[], want: Expected[]): string | undefined {
  if (got.length !== want.length) return `${got.length} hypotheses, expected ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i], want[i]];
    if (JSON.stringify(g.tokens) !== JSON.stringify(w.tokens))
      return `hypothesis ${i}: tokens ${JSON.stringify(g.tokens)}, expected ${JSON.stringify(w.tokens)}`;
    if (!(Math.abs(g.score - w.score) <= TOLERANCE)) return `hypothesis ${i}: score ${g.score}, expected ${w.score}`;
    if (g.logprobs.length !== w.logprobs.length) return `hypothesis ${i}: ${g.logprobs.length} log-probabilities, expected ${w.logprobs.length}`;
    const j = w.logprobs.findIndex((lp, t) => !(Math.abs(g.logprobs[t] - lp) <= TOLERANCE));
    if (j >= 0) return `hypothesis ${i}: token ${j} log-probability ${g.logprobs[j]}, expected ${w.logprobs[j]}`;
  }
  return undefined;
}

describe.each(KINDS)('%s: the same outputs as transformers', (kind) => {
  const fixture = fixtures[kind];

  it('was made from these models (else rerun scripts/beam-fixtures.py)', () => {
    expect(onnxHashes(kind, modelsDir), `tests/fixtures/beam/${kind}.json is stale: the model's ONNX files changed; rerun scripts/beam-fixtures.py`).toEqual(
      fixture.onnx_sha256,
    );
  });

  it('covers every setting of the grid, with beams that choose otherwise than greedy decoding', () => {
    const beams = fixture.cases.filter((c) => (c.generation.num_beams as number) > 1);
    const seen = (key: string) => [...new Set(fixture.cases.map((c) => JSON.stringify(c.generation[key])))].sort();
    expect(seen('num_beams')).toEqual(['1', '2', '4', '5']);
    expect(seen('length_penalty')).toEqual(['0.6', '1', '2']);
    expect(seen('early_stopping')).toEqual(['"never"', 'false', 'true']);
    expect(seen('num_return_sequences')).toEqual(expect.arrayContaining(['1', '3']));
    expect(seen('no_repeat_ngram_size')).toEqual(expect.arrayContaining(['null', '2', '3']));
    expect(seen('repetition_penalty')).toEqual(['1.3', 'null']);
    expect(fixture.cases.some((c) => new Set(c.inputs.map((r) => r.length)).size > 1)).toBe(true);
    expect(beams.filter((c) => c.beam_differs!.some(Boolean)).length).toBeGreaterThanOrEqual(20);
  });

  it.each(fixture.cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const got = await runner.generate({ key: kind, rows: c.inputs, pad: c.pad, generation: c.generation });
    expect(got).toHaveLength(c.inputs.length);
    c.outputs.forEach((want, row) => expect(difference(got[row], want), `row ${row}`).toBeUndefined());
    // Where HF's beams beat its greedy choice, audarma's do too: a decoder ignoring num_beams fails here.
    c.beam_differs?.forEach((differs, row) => {
      if (differs) expect(got[row][0].tokens).not.toEqual(c.greedy![row]);
    });
  });
});
