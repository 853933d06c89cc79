// The real-sized stand-ins of the six models the shipped config.yaml uses, built on demand into
// bench/model/out/audarma-bench/ (git-ignored) and rebuilt when their generator changes:
//   four OPUS-MT (the Marian builder, build.ts, with each model's vocabulary size),
//   NLLB-200-distilled-600M (m2m100, q8 only) and distilbart-cnn-6-6 (bart), seq2seq/.
// Sizes from the published config.json files (see seq2seq/spec.ts and MARIAN_VOCAB below).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_MODEL_DIR, BENCH_MODEL_ID, benchModelVersion, buildBenchModel, ensureBenchModel } from './build.ts';
import { writeFileAtomic } from './onnx-graph.ts';
import { buildSeq2SeqModel, ONNX_FILES } from './seq2seq/build.ts';
import { DISTILBART_SPEC, NLLB_SPEC, type Seq2SeqSpec } from './seq2seq/spec.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const STAMP = '.stand-in-stamp.json';

/**
 * Vocabulary sizes (vocab_size = pad = decoder start + 1; `</s>` 0, `<unk>` 1) of the OPUS-MT
 * models besides fr-en (59,514, the Marian stand-in's default). en-zh: 65,001, from a copy of
 * Helsinki-NLP/opus-mt-en-zh's config.json. en-ru and fr-ru: not found in a public copy; 62,518
 * is opus-mt-ru-en's (a fixture recording its config), taken for both.
 */
export const MARIAN_VOCAB = { 'opus-mt-fr-ru': 62_518, 'opus-mt-en-ru': 62_518, 'opus-mt-en-zh': 65_001 } as const;

export type StandIn = 'opus-mt-fr-en' | keyof typeof MARIAN_VOCAB | 'nllb-200-distilled-600M' | 'distilbart-cnn-6-6';

export const STAND_IN_IDS: Record<StandIn, string> = {
  'opus-mt-fr-en': BENCH_MODEL_ID,
  'opus-mt-fr-ru': 'audarma-bench/opus-mt-fr-ru',
  'opus-mt-en-ru': 'audarma-bench/opus-mt-en-ru',
  'opus-mt-en-zh': 'audarma-bench/opus-mt-en-zh',
  'nllb-200-distilled-600M': 'audarma-bench/nllb-200-distilled-600M',
  'distilbart-cnn-6-6': 'audarma-bench/distilbart-cnn-6-6',
};

const SEQ2SEQ: Partial<Record<StandIn, Seq2SeqSpec>> = { 'nllb-200-distilled-600M': NLLB_SPEC, 'distilbart-cnn-6-6': DISTILBART_SPEC };

/** Hash of the seq2seq generator: its folder and the Marian files it builds on. */
function seq2seqVersion(): string {
  const h = createHash('sha256');
  const dir = join(HERE, 'seq2seq');
  const files = [
    ...readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f)),
    ...['layers.ts', 'onnx-graph.ts', 'quantize.ts', 'random.ts', 'weights.ts', 'lexicon.ts'].map((f) => join(HERE, f)),
  ].sort();
  for (const f of files) h.update(f.slice(HERE.length)).update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A lock directory beside the model, so concurrent callers build it once. */
async function withLock<T>(lock: string, fn: () => Promise<T> | T): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 15 * 60_000) rmSync(lock, { recursive: true, force: true }); // stale: builder died
      else await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const stampOf = (dir: string): string | null => {
  try {
    return (JSON.parse(readFileSync(join(dir, STAMP), 'utf8')) as { version: string }).version;
  } catch {
    return null;
  }
};

export interface Ensured {
  dir: string;
  /** Seconds spent building now (0 when the folder was up to date). */
  builtSeconds: number;
}

/** The q8 folder of one stand-in, built if absent or stale. */
export async function ensureStandIn(name: StandIn): Promise<Ensured> {
  if (name === 'opus-mt-fr-en') {
    const t0 = performance.now();
    const dir = await ensureBenchModel();
    return { dir, builtSeconds: (performance.now() - t0) / 1000 > 1 ? (performance.now() - t0) / 1000 : 0 };
  }
  const dir = join(BENCH_MODEL_DIR, STAND_IN_IDS[name]);
  const spec = SEQ2SEQ[name];
  const version = spec ? seq2seqVersion() : benchModelVersion();
  const fresh = () => stampOf(dir) === version && ONNX_FILES.q8.every((f) => existsSync(join(dir, f)));
  if (fresh()) return { dir, builtSeconds: 0 };
  mkdirSync(dirname(dir), { recursive: true });
  return withLock(`${dir}.lock`, async () => {
    if (fresh()) return { dir, builtSeconds: 0 };
    rmSync(dir, { recursive: true, force: true });
    const t0 = performance.now();
    if (spec) buildSeq2SeqModel(dir, spec, ['q8']);
    else await buildBenchModel(dir, { dims: { vocabSize: MARIAN_VOCAB[name as keyof typeof MARIAN_VOCAB] }, variants: ['q8'] });
    writeFileAtomic(join(dir, STAMP), `${JSON.stringify({ version })}\n`);
    return { dir, builtSeconds: (performance.now() - t0) / 1000 };
  });
}

/** All six, one after the other (building NLLB takes a few GB of memory for a minute or so). */
export async function ensureStandIns(log: (line: string) => void = () => {}): Promise<Record<StandIn, Ensured>> {
  const out = {} as Record<StandIn, Ensured>;
  for (const name of Object.keys(STAND_IN_IDS) as StandIn[]) {
    out[name] = await ensureStandIn(name);
    if (out[name].builtSeconds > 0) log(`built ${STAND_IN_IDS[name]} in ${out[name].builtSeconds.toFixed(1)} s`);
  }
  return out;
}
