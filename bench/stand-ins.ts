// The real-sized stand-ins of the six models the shipped config.yaml uses and of M2M100-418M
// (config.commercial.yaml's Kazakh model), built on demand into bench/model/out/audarma-bench/
// (git-ignored) and rebuilt when their generator changes:
//   four OPUS-MT (the Marian builder, model/build.ts, with each model's vocabulary size),
//   NLLB-200-distilled-600M and M2M100-418M (m2m100, q8 only) and distilbart-cnn-6-6 (bart), model/seq2seq/.
// Sizes from the published config.json files (model/seq2seq/spec.ts and MARIAN_VOCAB below).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_MODEL_DIR, BENCH_MODEL_ID, benchModelVersion, buildBenchModel, ensureBenchModel, withLock } from './model/build.ts';
import { writeFileAtomic } from './model/onnx-graph.ts';
import { buildSeq2SeqModel, ONNX_FILES } from './model/seq2seq/build.ts';
import { DISTILBART_SPEC, M2M100_SPEC, NLLB_SPEC, type Seq2SeqSpec } from './model/seq2seq/spec.ts';

const MODEL_SRC = fileURLToPath(new URL('./model/', import.meta.url));
const STAMP = '.stand-in-stamp.json';

/**
 * Vocabulary sizes (vocab_size = pad = decoder start + 1; `</s>` 0, `<unk>` 1) of the OPUS-MT
 * models besides fr-en (59,514, the Marian stand-in's default), from the config.json files of
 * Xenova/opus-mt-fr-ru (64,377), Xenova/opus-mt-en-ru (62,518) and Xenova/opus-mt-en-zh (65,001).
 */
export const MARIAN_VOCAB = { 'opus-mt-fr-ru': 64_377, 'opus-mt-en-ru': 62_518, 'opus-mt-en-zh': 65_001 } as const;
type MarianVariant = keyof typeof MARIAN_VOCAB;

/**
 * Target-language tokens of the multi-target opus-mt-en-zh (its model card: a sentence-initial
 * `>>id<<` is required), ordinary pieces of its vocabulary that MarianTokenizer keeps whole.
 */
export const EN_ZH_TARGET_TOKENS = [
  'cjy_Hans',
  'cjy_Hant',
  'cmn',
  'cmn_Hans',
  'cmn_Hant',
  'gan',
  'lzh',
  'lzh_Hans',
  'nan',
  'wuu',
  'yue',
  'yue_Hans',
  'yue_Hant',
].map((t) => `>>${t}<<`);

export type StandIn = 'opus-mt-fr-en' | MarianVariant | 'nllb-200-distilled-600M' | 'm2m100_418M' | 'distilbart-cnn-6-6';

export const STAND_IN_IDS: Record<StandIn, string> = {
  'opus-mt-fr-en': BENCH_MODEL_ID,
  'opus-mt-fr-ru': 'audarma-bench/opus-mt-fr-ru',
  'opus-mt-en-ru': 'audarma-bench/opus-mt-en-ru',
  'opus-mt-en-zh': 'audarma-bench/opus-mt-en-zh',
  'nllb-200-distilled-600M': 'audarma-bench/nllb-200-distilled-600M',
  // The Kazakh model of config.commercial.yaml.
  m2m100_418M: 'audarma-bench/m2m100_418M',
  'distilbart-cnn-6-6': 'audarma-bench/distilbart-cnn-6-6',
};

const SEQ2SEQ: Partial<Record<StandIn, Seq2SeqSpec>> = {
  'nllb-200-distilled-600M': NLLB_SPEC,
  m2m100_418M: M2M100_SPEC,
  'distilbart-cnn-6-6': DISTILBART_SPEC,
};

const hash = (parts: (string | Buffer)[]) =>
  parts
    .reduce((h, p) => h.update(p), createHash('sha256'))
    .digest('hex')
    .slice(0, 16);

/**
 * Version of a stand-in's generator, so any change rebuilds it: the Marian builder's own version
 * (plus this file, which adds en-zh's tokens), or the seq2seq sources.
 */
function versionOf(name: StandIn): string {
  if (!SEQ2SEQ[name]) return hash([benchModelVersion(), readFileSync(fileURLToPath(import.meta.url))]);
  const dir = join(MODEL_SRC, 'seq2seq');
  const files = [
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(dir, f)),
    ...['embedding.ts', 'layers.ts', 'onnx-graph.ts', 'quantize.ts', 'random.ts', 'weights.ts', 'lexicon.ts'].map((f) => join(MODEL_SRC, f)),
  ].sort();
  return hash(files.flatMap((f) => [f.slice(MODEL_SRC.length), readFileSync(f)]));
}

function stampOf(dir: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(dir, STAMP), 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
}

/** Puts the target tokens on the last pieces before `<pad>` of a built Marian tokenizer.json. */
function addTargetTokens(dir: string, tokens: string[]): void {
  const file = join(dir, 'tokenizer.json');
  const tok = JSON.parse(readFileSync(file, 'utf8')) as { model: { vocab: [string, number][] } };
  const v = tok.model.vocab;
  tokens.forEach((t, i) => (v[v.length - 1 - tokens.length + i] = [t, v[v.length - 1 - tokens.length + i][1]]));
  writeFileAtomic(file, JSON.stringify(tok));
}

async function build(name: StandIn, dir: string): Promise<void> {
  const spec = SEQ2SEQ[name];
  if (spec) return void buildSeq2SeqModel(dir, spec, ['q8']);
  await buildBenchModel(dir, { dims: { vocabSize: MARIAN_VOCAB[name as MarianVariant] }, variants: ['q8'] });
  if (name === 'opus-mt-en-zh') addTargetTokens(dir, EN_ZH_TARGET_TOKENS);
}

export interface Ensured {
  dir: string;
  /** Seconds spent building now (0 when the folder was up to date). */
  builtSeconds: number;
}

/** The q8 folder of one stand-in, built if absent or stale. */
export async function ensureStandIn(name: StandIn): Promise<Ensured> {
  const t0 = performance.now();
  if (name === 'opus-mt-fr-en') {
    // The bench's own model, with its own stamp; a fresh one is found in milliseconds.
    const dir = await ensureBenchModel();
    const seconds = (performance.now() - t0) / 1000;
    return { dir, builtSeconds: seconds > 1 ? seconds : 0 };
  }
  const dir = join(BENCH_MODEL_DIR, STAND_IN_IDS[name]);
  const version = versionOf(name);
  const fresh = () => stampOf(dir) === version && ONNX_FILES.q8.every((f) => existsSync(join(dir, f)));
  if (fresh()) return { dir, builtSeconds: 0 };
  mkdirSync(dirname(dir), { recursive: true });
  return withLock(
    `${dir}.lock`,
    async () => {
      if (fresh()) return { dir, builtSeconds: 0 };
      rmSync(dir, { recursive: true, force: true });
      await build(name, dir);
      writeFileAtomic(join(dir, STAMP), `${JSON.stringify({ version })}\n`);
      return { dir, builtSeconds: (performance.now() - t0) / 1000 };
    },
    15 * 60_000,
  ); // NLLB takes minutes to build
}

/** All seven, one after the other (building NLLB or M2M100 takes about 2 GB of memory for a few minutes). */
export async function ensureStandIns(log: (line: string) => void = () => {}): Promise<Record<StandIn, Ensured>> {
  const out = {} as Record<StandIn, Ensured>;
  for (const name of Object.keys(STAND_IN_IDS) as StandIn[]) {
    out[name] = await ensureStandIn(name);
    if (out[name].builtSeconds > 0) log(`built ${STAND_IN_IDS[name]} in ${out[name].builtSeconds.toFixed(1)} s`);
  }
  return out;
}
