// The beam-search equality test models: one tiny model per architecture audarma decodes (Marian,
// M2M100/NLLB, BART), in the hub's file layout, computing exactly what Hugging Face's
// MarianMTModel / M2M100ForConditionalGeneration / BartForConditionalGeneration compute (no
// `</s>` forcing nodes; see bench/model/config.ts `UnforcedWeights`). Built by the bench stand-ins'
// builders, seeded, so a rebuild is byte-identical; scripts/beam-fixtures.py maps their weights
// into transformers and writes tests/fixtures/beam/<kind>.json from its `generate`.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBenchModel, withLock } from '../../bench/model/build.ts';
import type { BenchDims } from '../../bench/model/config.ts';
import { buildSeq2SeqModel } from '../../bench/model/seq2seq/build.ts';
import { DISTILBART_SPEC, NLLB_SPEC, type Seq2SeqSpec } from '../../bench/model/seq2seq/spec.ts';

/** Where the models are built (git-ignored); the catalogue's `modelsDir`. */
export const BEAM_MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/beam/models');
export const BEAM_FIXTURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/beam');

export type Kind = 'marian' | 'm2m100' | 'bart';
export const KINDS: Kind[] = ['marian', 'm2m100', 'bart'];
export const modelId = (kind: Kind) => `audarma-beam/${kind}`;
export const ONNX = ['onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx'];

const MARIAN: BenchDims = {
  vocabSize: 128,
  dModel: 16,
  encoderLayers: 2,
  decoderLayers: 2,
  heads: 2,
  ffnDim: 32,
  maxPositions: 128,
  eosRatio: 1,
  eosFeatures: 1,
  seed: 20,
  unforced: { embedStd: 0.3, attnStd: 0.3, mixStd: 0.3, decoderSelfStd: 0.03, positionStd: 1, eosBias: 1 },
};

const SMALL = { eosFeatures: 1, dModel: 16, encoderLayers: 2, decoderLayers: 2, heads: 2, ffnDim: 32, maxPositions: 128 };

const M2M100: Seq2SeqSpec = {
  ...NLLB_SPEC,
  ...SMALL,
  vocabSize: 160,
  seed: 21,
  unforced: { embedStd: 0.3, attnStd: 0.3, mixStd: 0.3, decoderSelfStd: 0.03, eosBias: 1 },
};

const BART: Seq2SeqSpec = {
  ...DISTILBART_SPEC,
  ...SMALL,
  vocabSize: 144,
  seed: 22,
  unforced: { embedStd: 0.3, attnStd: 0.3, mixStd: 0.3, decoderSelfStd: 0.03, positionStd: 1, eosBias: 1 },
};

/**
 * A word-level tokenizer.json naming each id (`<s> <pad> </s> <unk>`, then `t4`, `t5`, …): the
 * tests feed ids, but a model folder needs the file.
 */
function idTokenizer(s: Seq2SeqSpec): string {
  const specials = ['<s>', '<pad>', '</s>', '<unk>'];
  const vocab = Object.fromEntries(Array.from({ length: s.vocabSize }, (_, i) => [specials[i] ?? `t${i}`, i]));
  const added = specials.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }));
  const model = { type: 'WordLevel', vocab, unk_token: '<unk>' };
  return JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: null,
    pre_tokenizer: { type: 'WhitespaceSplit' },
    post_processor: null,
    decoder: null,
    model,
  });
}

function seq2seq(dir: string, s: Seq2SeqSpec): void {
  buildSeq2SeqModel(dir, s, ['fp32'], { tokenizer: false });
  writeFileSync(join(dir, 'tokenizer.json'), idTokenizer(s));
}

/** Builds the three folders (fp32) under `dir`. */
export async function buildBeamModels(dir = BEAM_MODELS_DIR): Promise<void> {
  await buildBenchModel(join(dir, modelId('marian')), { dims: MARIAN, variants: ['fp32'], layout: 'tied' });
  seq2seq(join(dir, modelId('m2m100')), M2M100);
  seq2seq(join(dir, modelId('bart')), BART);
}

/** Hash of the sources the models are made from: a change rebuilds them. */
function buildersVersion(): string {
  const h = createHash('sha256');
  for (const dir of ['../../bench/model', '../../bench/model/seq2seq', '.']) {
    const abs = resolve(dirname(fileURLToPath(import.meta.url)), dir);
    for (const f of readdirSync(abs)
      .filter((f) => f.endsWith('.ts'))
      .sort())
      h.update(f).update(readFileSync(join(abs, f)));
  }
  return h.digest('hex').slice(0, 16);
}

/** The models' folder, built when absent or made by other sources (git-ignored). */
export async function ensureBeamModels(dir = BEAM_MODELS_DIR): Promise<string> {
  const stamp = join(dir, '.version');
  const version = buildersVersion();
  const current = () => existsSync(stamp) && readFileSync(stamp, 'utf8') === version && built(dir);
  if (current()) return dir;
  mkdirSync(dir, { recursive: true });
  await withLock(`${dir}.lock`, async () => {
    if (current()) return;
    await buildBeamModels(dir);
    writeFileSync(stamp, version);
  });
  return dir;
}

/** sha256 of each model's ONNX files, as the fixtures record them. */
export function onnxHashes(kind: Kind, dir = BEAM_MODELS_DIR): Record<string, string> {
  return Object.fromEntries(
    ONNX.map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, modelId(kind), f)))
        .digest('hex'),
    ]),
  );
}

export const built = (dir = BEAM_MODELS_DIR) => KINDS.every((k) => ONNX.every((f) => existsSync(join(dir, modelId(k), f))));
