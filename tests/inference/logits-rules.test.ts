import {
  ForcedBOSTokenLogitsProcessor,
  ForcedEOSTokenLogitsProcessor,
  LogitsProcessorList,
  MinLengthLogitsProcessor,
  MinNewTokensLengthLogitsProcessor,
  NoBadWordsLogitsProcessor,
  NoRepeatNGramLogitsProcessor,
  RepetitionPenaltyLogitsProcessor,
  Tensor,
} from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { greedySettings, nextToken, type GreedySettings } from '../../src/inference/logits-rules.ts';

// The greedy loop's rules against transformers.js's own logits processors, built as its generate
// builds them: on many rows and random scores, both must choose the same next token.
const VOCAB = 12;

function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function library(s: GreedySettings): LogitsProcessorList {
  const list = new LogitsProcessorList();
  if (s.repetitionPenalty !== undefined) list.push(new RepetitionPenaltyLogitsProcessor(s.repetitionPenalty));
  if (s.noRepeatNgramSize !== undefined) list.push(new NoRepeatNGramLogitsProcessor(s.noRepeatNgramSize));
  if (s.badWordsIds) list.push(new NoBadWordsLogitsProcessor(s.badWordsIds, s.eos));
  if (s.minLength !== undefined) list.push(new MinLengthLogitsProcessor(s.minLength, s.eos));
  if (s.minNewTokens !== undefined) list.push(new MinNewTokensLengthLogitsProcessor(1, s.minNewTokens, s.eos));
  if (s.forcedBos !== undefined) list.push(new ForcedBOSTokenLogitsProcessor(s.forcedBos));
  if (s.forcedEos !== undefined) list.push(new ForcedEOSTokenLogitsProcessor(s.maxLength, s.forcedEos));
  return list;
}

function libraryChoice(s: GreedySettings, row: number[], scores: Float32Array): number {
  const logits = new Tensor('float32', Float32Array.from(scores), [1, VOCAB]);
  const data = (library(s)([row.map(BigInt)], logits) as Tensor).data as Float32Array;
  let best = 0;
  for (let v = 1; v < data.length; v++) if (data[v] > data[best]) best = v;
  return best;
}

const settings: Array<[string, GreedySettings]> = [
  ['repetition penalty', { decoderStart: 0, eos: [1], maxLength: 12, repetitionPenalty: 1.8 }],
  ['no repeated 2-grams', { decoderStart: 0, eos: [1], maxLength: 12, noRepeatNgramSize: 2 }],
  ['no repeated 3-grams', { decoderStart: 0, eos: [1], maxLength: 12, noRepeatNgramSize: 3 }],
  ['bad words of one and two tokens', { decoderStart: 0, eos: [1], maxLength: 12, badWordsIds: [[3], [4, 2], [2, 3, 4]] }],
  ['min_length', { decoderStart: 0, eos: [1, 2], maxLength: 12, minLength: 5 }],
  ['min_new_tokens', { decoderStart: 0, eos: [1], maxLength: 12, minNewTokens: 4 }],
  ['forced first and last tokens', { decoderStart: 0, eos: [1], maxLength: 6, forcedBos: 9, forcedEos: [1] }],
  [
    'all of them',
    {
      decoderStart: 0,
      eos: [1],
      maxLength: 7,
      repetitionPenalty: 1.3,
      noRepeatNgramSize: 2,
      badWordsIds: [[4, 2]],
      minLength: 3,
      minNewTokens: 2,
      forcedBos: 9,
      forcedEos: [1],
    },
  ],
];

describe('greedy rules', () => {
  it.each(settings)('%s: the same next token as transformers.js on 400 random rows', (_, s) => {
    const rand = random(7);
    let changed = 0;
    for (let i = 0; i < 400; i++) {
      // Rows of 1–10 tokens from an alphabet of three, so n-grams, bad words and repeats do occur.
      const row = [0, ...Array.from({ length: Math.floor(rand() * 10) }, () => 2 + Math.floor(rand() * 3))];
      // Scores favour the alphabet and the end token, so the rules' bans hit the tokens that would be chosen.
      const scores = Float32Array.from({ length: VOCAB }, (_, v) => rand() * 4 - 2 + (v >= 1 && v <= 4 ? 1 : 0));
      const plain = scores.indexOf(Math.max(...scores));
      const mine = nextToken(s, row, Float32Array.from(scores));
      expect(mine, `row ${row}`).toBe(libraryChoice(s, row, scores));
      if (mine !== plain) changed++;
    }
    // The rule did change choices: the comparison is not between two plain argmaxes.
    expect(changed).toBeGreaterThan(10);
  });

  it('leave to generate what they do not cover', () => {
    const base = { decoder_start_token_id: 0, eos_token_id: 1, max_new_tokens: 10 };
    expect(greedySettings(base)).toEqual({ decoderStart: 0, eos: [1], maxLength: 11 });
    expect(greedySettings({ ...base, do_sample: true })).toBeUndefined();
    expect(greedySettings({ ...base, num_return_sequences: 2 })).toBeUndefined();
    expect(greedySettings({ ...base, suppress_tokens: [3] })).toBeUndefined();
    expect(greedySettings({ ...base, guidance_scale: 2 })).toBeUndefined();
    expect(greedySettings({ ...base, decoder_start_token_id: null })).toBeUndefined();
  });
});
