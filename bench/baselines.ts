// Raw transformers.js baselines on the bench model: what a user would write (one pipeline call
// per segment) and the obvious improvement (segments sorted by token length, fixed
// batches, results back in input order). Both load their own pipeline and dispose it after, from
// the same files as audarma's runner: the hub's layout, its q8 decoder prepared as audarma
// prepares it (src/inference/q8-prepare.ts), since onnxruntime runs the published one slowly.
// Both run with onnxruntime's default threads (every core), as a user gets them.
import { env, LogLevel, pipeline, type TranslationPipeline } from '@huggingface/transformers';
import { preparedSubfolder } from '../src/inference/q8-prepare.ts';
import { BENCH_MODEL_DIR, BENCH_MODEL_ID, ensureBenchModel } from './model/build.ts';

export type BenchDtype = 'q8' | 'fp32';

export interface BaselineResult {
  /** Wall time of the translation loop (tokenizing for the sort included, load and warm-up not). */
  seconds: number;
  /** CPU time (user + system, all threads) of the loop: steadier than wall time on a busy machine. */
  cpuSeconds: number;
  /** Tokens of the translations, counted with the model's tokenizer (no special tokens). */
  outputTokens: number;
  /** Number of segments translated. */
  segments: number;
  /** Time of `pipeline('translation', …)`: reading files, creating both ORT sessions. */
  loadSeconds: number;
  /** One untimed call on the first segment before the loop (ORT's first run allocates). */
  warmupSeconds: number;
  /** Translations, in input order. */
  texts: string[];
  /**
   * Batched runs: share of decoder token slots spent on rows that had already finished
   * (1 − Σ(tokens+1) / Σ(rows × (longest+1)) per batch), from the output token counts.
   */
  slotWaste?: number;
}

export interface BaselineOptions {
  /** Extra generation options for every call, e.g. `{ num_beams: 1 }`. */
  generate?: Record<string, unknown>;
}

type Pipe = TranslationPipeline & ((texts: string | string[], options?: object) => Promise<{ translation_text: string }[]>);

async function load(dtype: BenchDtype): Promise<{ pipe: Pipe; loadSeconds: number }> {
  const dir = await ensureBenchModel({ fp32: dtype === 'fp32' });
  env.localModelPath = BENCH_MODEL_DIR;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.logLevel = LogLevel.ERROR; // MarianTokenizer warns on every load
  const t0 = performance.now();
  const subfolder = preparedSubfolder(dir, dtype);
  const pipe = (await pipeline('translation', BENCH_MODEL_ID, { dtype, subfolder })) as unknown as Pipe;
  return { pipe, loadSeconds: (performance.now() - t0) / 1000 };
}

async function warmUp(pipe: Pipe, segments: string[], opts: BaselineOptions): Promise<number> {
  const t0 = performance.now();
  if (segments.length > 0) await pipe(segments[0], opts.generate);
  return (performance.now() - t0) / 1000;
}

const countTokens = (pipe: Pipe, text: string) => pipe.tokenizer.encode(text, { add_special_tokens: false }).length;

function cpuSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1e6;
}

async function finish(pipe: Pipe, r: Omit<BaselineResult, 'outputTokens'>, batches?: number[][]): Promise<BaselineResult> {
  const counts = r.texts.map((t) => countTokens(pipe, t));
  await pipe.dispose();
  const outputTokens = counts.reduce((a, b) => a + b, 0);
  if (!batches) return { ...r, outputTokens };
  let used = 0;
  let slots = 0;
  for (const idx of batches) {
    const steps = idx.map((j) => counts[j] + 1); // + </s>
    used += steps.reduce((a, b) => a + b, 0);
    slots += idx.length * Math.max(...steps);
  }
  return { ...r, outputTokens, slotWaste: 1 - used / slots };
}

/** One `pipe(segment)` call per segment, in order. */
export async function naiveLoop(segments: string[], dtype: BenchDtype, opts: BaselineOptions = {}): Promise<BaselineResult> {
  const { pipe, loadSeconds } = await load(dtype);
  const warmupSeconds = await warmUp(pipe, segments, opts);
  const texts: string[] = [];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const s of segments) {
    const [out] = await pipe(s, opts.generate);
    texts.push(out.translation_text);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuSince(c0);
  return finish(pipe, { seconds, cpuSeconds, segments: segments.length, loadSeconds, warmupSeconds, texts });
}

/** Indices of `segments` ordered by token length (ties keep input order). */
export function sortByTokenLength(lengths: number[]): number[] {
  return lengths.map((_, i) => i).sort((a, b) => lengths[a] - lengths[b] || a - b);
}

/** Sorted by token length, `batchSize` segments per call, results put back in input order. */
export async function batchedSorted(segments: string[], dtype: BenchDtype, batchSize: number, opts: BaselineOptions = {}): Promise<BaselineResult> {
  if (!(batchSize >= 1)) throw new Error(`batchSize must be >= 1, got ${batchSize}`);
  const { pipe, loadSeconds } = await load(dtype);
  const warmupSeconds = await warmUp(pipe, segments, opts);
  const texts = new Array<string>(segments.length);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const lengths = segments.map((s) => pipe.tokenizer.encode(s).length);
  const order = sortByTokenLength(lengths);
  const batches: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) {
    const idx = order.slice(i, i + batchSize);
    batches.push(idx);
    const out = await pipe(
      idx.map((j) => segments[j]),
      opts.generate,
    );
    if (out.length !== idx.length) throw new Error(`pipeline returned ${out.length} results for ${idx.length} inputs`);
    idx.forEach((j, k) => (texts[j] = out[k].translation_text));
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuSince(c0);
  return finish(pipe, { seconds, cpuSeconds, segments: segments.length, loadSeconds, warmupSeconds, texts }, batches);
}
