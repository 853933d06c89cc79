import { AutoModelForSeq2SeqLM, env, LogLevel, Tensor } from '@huggingface/transformers';
import type { Generation, ModelConfig } from '../config/schema.ts';
import { firstLine } from '../diagnostics/errors.ts';
import { messages, SetupError, UserError } from '../diagnostics/messages.ts';
import { memoizeAsync } from './memoize.ts';
import { decode, decodeSettings, seq2seqSessions, type Hypothesis, type OrtSession } from './decode/index.ts';
import type { GenerationValues } from './logits-rules.ts';
import { isModelPresent, modelFolder } from './model-store.ts';
import { prepareModel } from './q8-prepare.ts';

export interface GatewayOptions {
  modelsDir: string;
  catalogue: Record<string, ModelConfig>;
  /** Let a missing model download from the hub instead of failing. @default false */
  allowDownload?: boolean;
  /** Hub or mirror to download from when allowed. */
  hub?: string;
  /** onnxruntime threads per model session; unset lets onnxruntime use every core. */
  intraOpThreads?: number;
}

/** One batch of texts through one model: what a queue slot runs. Plain data. */
export interface BatchJob {
  op: 'translate' | 'summarize';
  key: string;
  texts: string[];
  langs?: { from: string; to: string };
  generation?: Generation;
}

/**
 * The same batch as token ids (text-codec.ts makes it): what a model worker runs. Workers never
 * load a tokenizer; its tables would only make every garbage collection of theirs longer.
 */
export interface TokenJob {
  key: string;
  /** Each text's input ids, unpadded. */
  rows: number[][];
  /** The id to pad rows with. */
  pad: number;
  /** Generation options as `generate` takes them (max_new_tokens, forced_bos_token_id, …). */
  generation: Record<string, unknown>;
}

interface Seq2SeqModel {
  sessions: Record<string, OrtSession | undefined>;
  config: { is_encoder_decoder?: boolean };
  _prepare_generation_config?(base: null, kwargs: Record<string, unknown>): GenerationValues;
  generate(inputs: Record<string, unknown>): Promise<{ tolist(): bigint[][] }>;
  dispose(): Promise<unknown>;
}

/** Points transformers.js at our model store; downloads only when allowed. */
export function configureTransformers(modelsDir: string, allowDownload: boolean, hub?: string): void {
  if (hub) env.remoteHost = hub.endsWith('/') ? hub : `${hub}/`;
  env.localModelPath = modelsDir;
  env.cacheDir = modelsDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = allowDownload;
  // Marian tokenizers warn on every load about an unsupported normalizer; that's noise for users.
  env.logLevel = LogLevel.ERROR;
}

/** A failed load as the user needs it: the model, the file (onnxruntime names it), the cause. */
function loadFailure(m: ModelConfig, folder: string, err: unknown): SetupError {
  if (err instanceof SetupError) return err;
  // Already worded for the user (a decoder q8-prepare.ts could not read): only the kind changes.
  if (err instanceof UserError) return new SetupError(err.code, err.message);
  const detail = firstLine(err);
  const ort = /^Load model from (.+?) failed:\s*(.*)$/.exec(detail);
  return SetupError.from(ort ? messages.modelLoadFailed(m.id, ort[2], ort[1]) : messages.modelLoadFailed(m.id, detail, folder));
}
export const loadKey = (m: ModelConfig) => `${m.id}@${m.revision ?? 'main'}:${m.dtype}`;

export function modelOf(opts: GatewayOptions, key: string): ModelConfig {
  const m = opts.catalogue[key];
  if (!m) throw new Error(`unknown model "${key}"`);
  return m;
}

function ensurePresent(opts: GatewayOptions, m: ModelConfig): void {
  if (!opts.allowDownload && !isModelPresent(opts.modelsDir, m)) throw SetupError.from(messages.modelMissing(m.id, modelFolder(opts.modelsDir, m)));
}

/**
 * Loads something of each catalogue model once per (id, revision, dtype) with `load`: a model
 * that is not there, or fails to load, is the SetupError the user needs (model, file, cause).
 */
export function perModel<T>(opts: GatewayOptions, load: (m: ModelConfig) => Promise<T>) {
  return memoizeAsync<T>(async (k) => {
    const m = Object.values(opts.catalogue).find((c) => loadKey(c) === k)!;
    ensurePresent(opts, m);
    try {
      return await load(m);
    } catch (err) {
      throw loadFailure(m, modelFolder(opts.modelsDir, m), err);
    }
  });
}

export interface ModelRunner {
  /** Runs one batch of token ids; returns each row's hypotheses, best first (see decode/types.ts). */
  generate(job: TokenJob): Promise<Hypothesis[][]>;
  dispose(): Promise<void>;
}

const int64 = (rows: number[][], width: number, fill: (r: number[], i: number) => number) =>
  new Tensor('int64', BigInt64Array.from(rows.flatMap((r) => Array.from({ length: width }, (_, i) => BigInt(fill(r, i))))), [rows.length, width]);

/**
 * `generate` of transformers.js, for what audarma's decoder does not cover (sampling, suppressed
 * tokens, another export layout): the rows after the decoder start, each cut at its first end
 * token (generate goes on sampling a row that has ended while others run). It reports no scores.
 */
async function generateWithLibrary(model: Seq2SeqModel, job: TokenJob, eos: number[]): Promise<Hypothesis[][]> {
  const width = Math.max(...job.rows.map((r) => r.length));
  const input_ids = int64(job.rows, width, (r, i) => (i < r.length ? r[i] : job.pad));
  const attention_mask = int64(job.rows, width, (r, i) => (i < r.length ? 1 : 0));
  const out = (await model.generate({ input_ids, attention_mask, ...job.generation })).tolist();
  return out.map((seq) => {
    const ids = seq.slice(1).map(Number);
    const end = ids.findIndex((t) => eos.includes(t));
    return [{ tokens: end < 0 ? ids : ids.slice(0, end), score: Number.NaN, logprobs: [] }];
  });
}

/**
 * Loads models in this thread, once per (id, revision, dtype), and runs batches of token ids
 * through them: audarma's own greedy or beam decoding on the exported encoder and merged decoder
 * (see decode/), or transformers.js's generate where that does not apply. A failed load is
 * forgotten, so the next call tries again; it is a SetupError, which stops a run.
 */
export function createModelRunner(opts: GatewayOptions): ModelRunner {
  configureTransformers(opts.modelsDir, Boolean(opts.allowDownload), opts.hub);
  const models = perModel(opts, async (m) => {
    const session_options = opts.intraOpThreads ? { intraOpNumThreads: opts.intraOpThreads, interOpNumThreads: 1 } : undefined;
    // A quantized decoder onnxruntime cannot load as published is rewritten once (q8-prepare.ts).
    const subfolder = isModelPresent(opts.modelsDir, m) ? prepareModel(opts.modelsDir, m) : undefined;
    return (await AutoModelForSeq2SeqLM.from_pretrained(m.id, { dtype: m.dtype, revision: m.revision, session_options, subfolder })) as unknown as Seq2SeqModel;
  });

  return {
    async generate(job) {
      const model = await models.get(loadKey(modelOf(opts, job.key)));
      // The generation config generate would use: the model's config and generation_config.json,
      // then the call's options.
      const merged = model._prepare_generation_config?.(null, job.generation);
      const settings = merged && decodeSettings(merged);
      const sessions = model.config.is_encoder_decoder ? seq2seqSessions(model.sessions) : undefined;
      if (settings && sessions) return decode(sessions, job.rows, job.pad, settings);
      const eos = [merged?.eos_token_id].flat().filter((x): x is number => typeof x === 'number');
      return generateWithLibrary(model, job, eos);
    },
    async dispose() {
      const loaded = await Promise.allSettled(models.entries());
      models.clear();
      await Promise.all(loaded.map((r) => (r.status === 'fulfilled' ? r.value.dispose() : undefined)));
    },
  };
}
