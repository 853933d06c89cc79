// Builds the benchmark stand-in for Xenova/opus-mt-fr-en: real OPUS-MT Marian sizes, seeded
// random weights, fp32 and q8 ONNX files in the hub's layout (or the earlier separate-lm_head
// one), configs and a SentencePiece-style Unigram tokenizer. Built on demand into bench/model/out
// (git-ignored); rebuilt when the generator's sources change.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDims, configJson, generationConfigJson, ids, OPUS_MT_DIMS, type BenchDims, type Layout } from './config.ts';
import { decoderModel } from './decoder.ts';
import { encoderModel } from './encoder.ts';
import { encodeModel, folderWriter, writeFileAtomic } from './onnx-graph.ts';
import { tokenizerConfigJson, tokenizerJson } from './tokenizer.ts';
import { drawUnforcedWeights } from './unforced.ts';
import { Weights } from './weights.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export const BENCH_MODEL_DIR = join(HERE, 'out');
export const BENCH_MODEL_ID = 'audarma-bench/opus-mt-fr-en';
/** Model ids of the two layouts: the hub's (tied) and the earlier one (separate lm_head). */
export const BENCH_MODEL_IDS: Record<Layout, string> = { tied: BENCH_MODEL_ID, separate: `${BENCH_MODEL_ID}-separate-head` };
const STAMP = '.bench-model-stamp.json';

export type Variant = 'fp32' | 'q8';
export const ONNX_FILES: Record<Variant, string[]> = {
  fp32: ['onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx'],
  q8: ['onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'],
};

export interface BuildOptions {
  /** Overrides of the OPUS-MT dimensions (tests build a tiny variant through the same code). */
  dims?: Partial<BenchDims>;
  /** Which ONNX variants to write (default both). */
  variants?: Variant[];
  /** lm_head layout (default 'tied', the hub's). */
  layout?: Layout;
}

export interface BuildResult {
  dir: string;
  seconds: number;
  /** Bytes per written file, relative to `dir`. */
  files: Record<string, number>;
}

/** Writes the whole model folder into `dir` (created if needed). Deterministic bytes. */
export async function buildBenchModel(dir: string, opts: BuildOptions = {}): Promise<BuildResult> {
  const t0 = performance.now();
  const d: BenchDims = { ...OPUS_MT_DIMS, ...opts.dims };
  checkDims(d);
  const variants = opts.variants ?? ['fp32', 'q8'];
  const { files, write } = folderWriter(dir);
  const json = (o: object) => `${JSON.stringify(o, null, 2)}\n`;
  write('config.json', json(configJson(d)));
  write('generation_config.json', json(generationConfigJson(d)));
  write('tokenizer.json', JSON.stringify(tokenizerJson(d.vocabSize)));
  write('tokenizer_config.json', json(tokenizerConfigJson()));

  const w = new Weights(d.seed);
  drawUnforcedWeights(w, d, ids(d).eos);
  const order: Variant[] = (['fp32', 'q8'] as const).filter((v) => variants.includes(v));
  // One model proto at a time, so only one encoded file is in memory at once.
  const layout = opts.layout ?? 'tied';
  for (const v of order) write(ONNX_FILES[v][0], encodeModel(encoderModel(w, d, v === 'q8')));
  w.drop('model.encoder.');
  for (const v of order) write(ONNX_FILES[v][1], encodeModel(decoderModel(w, d, v === 'q8', layout)));
  return { dir, seconds: (performance.now() - t0) / 1000, files };
}

/** Hash of the generator's sources: any change to how the model is made rebuilds it. */
export function benchModelVersion(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(HERE)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    h.update(f).update(readFileSync(join(HERE, f)));
  }
  return h.digest('hex').slice(0, 16);
}

interface Stamp {
  version: string;
  variants: Variant[];
}

function readStamp(dir: string): Stamp | null {
  try {
    return JSON.parse(readFileSync(join(dir, STAMP), 'utf8')) as Stamp;
  } catch {
    return null;
  }
}

function missingVariants(dir: string, version: string, wanted: Variant[]): Variant[] {
  const stamp = readStamp(dir);
  if (!stamp || stamp.version !== version) return wanted;
  return wanted.filter((v) => !stamp.variants.includes(v) || !ONNX_FILES[v].every((f) => existsSync(join(dir, f))));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A lock directory beside a model, so concurrent callers build it once; a lock older than
 * `staleMs` was left by a builder that died.
 */
export async function withLock<T>(lock: string, fn: () => Promise<T>, staleMs = 10 * 60_000): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > staleMs) rmSync(lock, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The folder of the real-sized bench model (q8 files, plus fp32 when asked) in `layout` (default
 * the hub's), building what is absent or stale. Load it with `env.localModelPath =
 * BENCH_MODEL_DIR` and `BENCH_MODEL_IDS[layout]`.
 */
export async function ensureBenchModel(opts: { fp32?: boolean; layout?: Layout } = {}): Promise<string> {
  const layout = opts.layout ?? 'tied';
  const dir = join(BENCH_MODEL_DIR, BENCH_MODEL_IDS[layout]);
  const version = benchModelVersion();
  const wanted: Variant[] = opts.fp32 ? ['q8', 'fp32'] : ['q8'];
  if (missingVariants(dir, version, wanted).length === 0) return dir;
  mkdirSync(dirname(dir), { recursive: true });
  await withLock(`${dir}.lock`, async () => {
    const missing = missingVariants(dir, version, wanted);
    if (missing.length === 0) return;
    const stamp = readStamp(dir);
    const kept = stamp?.version === version ? stamp.variants.filter((v) => !missing.includes(v)) : [];
    if (!stamp || stamp.version !== version) rmSync(dir, { recursive: true, force: true });
    await buildBenchModel(dir, { variants: missing, layout });
    writeFileAtomic(join(dir, STAMP), `${JSON.stringify({ version, variants: [...kept, ...missing] })}\n`);
  });
  return dir;
}
