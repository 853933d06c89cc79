// The stand-ins for the two non-Marian models audarma ships, by architecture family:
//   m2m100 — facebook/nllb-200-distilled-600M (Xenova/nllb-200-distilled-600M): pre-LayerNorm with
//            final encoder/decoder norms, ReLU, embeddings × √d_model, fairseq sinusoidal positions
//            (offset 2, pad positions on the zero row), tied lm_head, no final_logits_bias.
//   bart   — sshleifer/distilbart-cnn-6-6 (Xenova/distilbart-cnn-6-6): post-LayerNorm with
//            layernorm_embedding, GELU, unscaled embeddings, learned positions (offset 2), tied
//            lm_head + final_logits_bias.
// Sizes as their published config.json files; weights random (seeded), so each token costs what
// the real model's does.
import type { BenchDims } from '../config.ts';

export type Family = 'm2m100' | 'bart';
/** Whose tokenizer files the stand-in has (tokenizers.ts): NLLB's, M2M100's or BART's. */
export type TokenizerKind = 'nllb' | 'm2m100' | 'bart';

export interface SpecialIds {
  bos: number;
  pad: number;
  eos: number;
  unk: number;
  decoderStart: number;
}

export interface Seq2SeqSpec extends BenchDims {
  family: Family;
  tokenizer: TokenizerKind;
  /** The hub id it stands in for, recorded in config.json. */
  standsFor: string;
  ids: SpecialIds;
  /**
   * `</s>` comes after exactly n_b generated tokens (the decoder start token not counted; it is
   * banned before, forced then), n_b = min(eosMax, ceil(eosOffset + eosRatio × (source tokens − 1))):
   * translations follow the source length, summaries a real summarizer's 60–140 tokens.
   */
  eosOffset: number;
  eosMax: number;
  /** Features of the hidden state entering the lm_head that carry the ban/force (see shared.ts). */
  eosFeatures: number;
  /**
   * Standard deviation of the shared embedding table (every other weight: 0.02). m2m100 uses
   * 0.005: its embeddings are scaled by √d_model and, pre-LN, stay in the residual stream up to the
   * tied lm_head, so at 0.02 every step's best logit is its own input token (the forced language
   * code, repeated to the end: an empty translation).
   */
  embedStd: number;
  /**
   * Standard deviation of the attention query and key projections: 0.1 gives peaked attention, so
   * what a step writes depends on the source (at 0.02 attention is nearly uniform and every source
   * gets the same output).
   */
  attnStd: number;
}

const M2M_IDS: SpecialIds = { bos: 0, pad: 1, eos: 2, unk: 3, decoderStart: 2 };
const BART_IDS: SpecialIds = { bos: 0, pad: 1, eos: 2, unk: 3, decoderStart: 2 };

/** facebook/nllb-200-distilled-600M's config.json: 615 M parameters. */
export const NLLB_SPEC: Seq2SeqSpec = {
  family: 'm2m100',
  standsFor: 'facebook/nllb-200-distilled-600M',
  tokenizer: 'nllb',
  vocabSize: 256_206,
  dModel: 1024,
  encoderLayers: 12,
  decoderLayers: 12,
  heads: 16,
  ffnDim: 4096,
  maxPositions: 1024,
  ids: M2M_IDS,
  // French -> Kazakh: about as many tokens out as in (the language code counts on both sides).
  eosRatio: 1.0,
  eosOffset: 0,
  eosMax: Infinity,
  eosFeatures: 128,
  embedStd: 0.005,
  attnStd: 0.1,
  seed: 2,
};

/**
 * facebook/m2m100_418M's config.json: NLLB's architecture and sizes (d_model 1024, 12+12 layers,
 * 16 heads, FFN 4096, 1024 positions) with half its vocabulary, 128,112 (128,004 SentencePiece
 * pieces and specials, 100 `__xx__` language tokens, 8 `madeupword` fillers).
 */
export const M2M100_SPEC: Seq2SeqSpec = { ...NLLB_SPEC, standsFor: 'facebook/m2m100_418M', tokenizer: 'm2m100', vocabSize: 128_112, seed: 4 };

/** sshleifer/distilbart-cnn-6-6's config.json: 230 M parameters. */
export const DISTILBART_SPEC: Seq2SeqSpec = {
  family: 'bart',
  standsFor: 'sshleifer/distilbart-cnn-6-6',
  tokenizer: 'bart',
  vocabSize: 50_264,
  dModel: 1024,
  encoderLayers: 6,
  decoderLayers: 6,
  heads: 16,
  ffnDim: 4096,
  maxPositions: 1024,
  ids: BART_IDS,
  // ~60 tokens for a 200-token input, ~100 for a 600-token one, at most 130 (CNN/DM-style lengths).
  eosRatio: 0.08,
  eosOffset: 45,
  eosMax: 130,
  eosFeatures: 64,
  embedStd: 0.02,
  attnStd: 0.1,
  seed: 3,
};

/** Tiny variants for tests: the same graphs and tokenizers, built in well under a second. */
export const TINY_SPECS: Record<Family, Seq2SeqSpec> = {
  m2m100: { ...NLLB_SPEC, vocabSize: 256_206, dModel: 16, encoderLayers: 2, decoderLayers: 2, heads: 2, ffnDim: 32, eosFeatures: 4 },
  bart: { ...DISTILBART_SPEC, vocabSize: 50_264, dModel: 16, encoderLayers: 2, decoderLayers: 2, heads: 2, ffnDim: 32, eosFeatures: 4 },
};

/** The tiny variant of the M2M100 stand-in (same graphs and tokenizer). */
export const TINY_M2M100_SPEC: Seq2SeqSpec = { ...TINY_SPECS.m2m100, standsFor: M2M100_SPEC.standsFor, tokenizer: 'm2m100', vocabSize: M2M100_SPEC.vocabSize };

export function checkSpec(s: Seq2SeqSpec): void {
  if (s.dModel % s.heads !== 0) throw new Error(`d_model ${s.dModel} not divisible by ${s.heads} heads`);
  if (s.dModel % 4 !== 0) throw new Error('d_model must be a multiple of 4');
  if (!(s.eosFeatures >= 1 && s.eosFeatures <= s.dModel / 4)) throw new Error(`eosFeatures must be in [1, d_model/4], got ${s.eosFeatures}`);
  if (!(s.eosRatio >= 0) || !(s.eosMax >= 1)) throw new Error('bad </s> rule');
}

/** Rows of the positions table: fairseq and BART both start real positions at 2. */
export const POSITION_OFFSET = 2;
