import { describe, expect, it } from 'vitest';
import type { StepLogits } from '../../src/inference/decode/batch.ts';
import { beamCandidates, greedyChoice } from '../../src/inference/decode/row-scores.ts';
import type { DecodeSettings } from '../../src/inference/decode/settings.ts';

// Decoding reads a row's log-sum-exp and best logits from the decoder's scores head, plus the few
// tokens the generation rules change. On many random rows and every rule, that must give the
// tokens and log-probabilities a walk over the whole row gives.
const VOCAB = 300;
const K = 32;

function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/**
 * A step of `rows` random rows, with the scores head's outputs (`head`) or without. With `only`,
 * a row's logits are NaN outside the head's best and the tokens in `only`: reading any other
 * (walking the whole row) spoils the result.
 */
function step(rows: Float32Array[], head: boolean, only?: Set<number>, full = true): StepLogits {
  const lse = rows.map((x) => {
    const m = Math.max(...x);
    return Math.fround(m + Math.log(x.reduce((a, v) => a + Math.exp(v - m), 0)));
  });
  const top = rows.map((x) => {
    const order = Array.from(x.keys())
      .sort((a, b) => x[b] - x[a] || a - b)
      .slice(0, K);
    return { values: Float32Array.from(order, (i) => x[i]), ids: BigInt64Array.from(order, BigInt) };
  });
  return {
    size: rows.length,
    vocab: VOCAB,
    full,
    row: (i) => Float32Array.from(rows[i], (v, t) => (!only || only.has(t) || top[i].ids.includes(BigInt(t)) ? v : Number.NaN)),
    lse: (i) => (head ? lse[i] : undefined),
    top: (i) => (head ? top[i] : undefined),
  };
}

const base: DecodeSettings = {
  decoderStart: 2,
  eos: [0],
  maxLength: 40,
  numBeams: 4,
  lengthPenalty: 1,
  earlyStopping: false,
  numReturnSequences: 1,
  renormalize: false,
};
const settings: Array<[string, DecodeSettings]> = [
  ['no rules', base],
  ['renormalize_logits', { ...base, renormalize: true }],
  ['repetition penalty 1.3', { ...base, repetitionPenalty: 1.3, renormalize: true }],
  ['repetition penalty 0.7 (raises repeated tokens)', { ...base, repetitionPenalty: 0.7 }],
  ['no-repeat n-grams of 2', { ...base, noRepeatNgramSize: 2, renormalize: true }],
  ['bad words', { ...base, badWordsIds: [[299], [5, 7]], renormalize: true }],
  ['min_length', { ...base, minLength: 30 }],
  ['forced BOS', { ...base, forcedBos: 17, renormalize: true }],
  ['forced EOS', { ...base, forcedEos: [0], maxLength: 9 }],
];

describe('row scores from the scores head', () => {
  it.each(settings)('%s: the same choices and log-probabilities as a walk over the whole row', (_, s) => {
    const rand = random(7);
    for (let trial = 0; trial < 40; trial++) {
      // Peaked and flat rows; histories that repeat the best tokens, so the rules bite.
      const spread = trial % 2 ? 12 : 3;
      const rows = Array.from({ length: 4 }, () => Float32Array.from({ length: VOCAB }, () => (rand() - 0.5) * spread));
      const history = [s.decoderStart, ...Array.from({ length: trial % 9 }, (_, i) => (i % 3 === 0 ? 7 : Math.floor(rand() * VOCAB)))];
      if (trial % 3 === 0) history.push(5);
      // The sparse path reads only the head's best and the tokens the rules may touch.
      const touched = new Set([...history, ...s.eos, 299, 7, s.forcedBos ?? 0]);
      const fast = step(rows, true, touched);
      const full = step(rows, false);
      // A step that fetched no logits: what it settles must be the same; the rest is refetched.
      const sparse = step(rows, true, touched, false);
      for (let i = 0; i < rows.length; i++) {
        const w = greedyChoice(full, i, history, s)!;
        const wb = beamCandidates(full, i, history, 8, s)!;
        for (const from of [fast, sparse]) {
          const g = greedyChoice(from, i, history, s);
          const b = beamCandidates(from, i, history, 8, s);
          if (from === fast) expect(g && b).toBeDefined();
          if (g) {
            expect(g.token).toBe(w.token);
            expect(g.score).toBeCloseTo(w.score, 5);
          }
          if (b) {
            expect(b.map((c) => c.token)).toEqual(wb.map((c) => c.token));
            b.forEach((c, j) => expect(c.score).toBeCloseTo(wb[j].score, 5));
          }
        }
      }
    }
  });
});
