import { AutoTokenizer, env, LogLevel, pipeline } from '@huggingface/transformers';
import type { Generation, ModelConfig } from '../config/schema.ts';
import { modelLanguageCodes } from '../config/routes.ts';
import { messages, SetupError, UserError } from '../diagnostics/messages.ts';
import { memoizeAsync } from './memoize.ts';
import { generationFor, inputLimitOf, modelLimitsReader } from './model-limits.ts';
import { isModelPresent, modelFolder } from './model-store.ts';
import { prepareModel } from './q8-prepare.ts';
import { generateWithTargetToken, targetTokenId, type Generator, type TargetTokenizer } from './target-token.ts';

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

/** One batch through one model: what a queue slot (this thread or a worker) runs. Plain data. */
export interface BatchJob {
  op: 'translate' | 'summarize';
  key: string;
  texts: string[];
  langs?: { from: string; to: string };
  generation?: Generation;
}

type Tokenizer = TargetTokenizer & { encode(text: string): number[] };
type TextPipeline = ((texts: string[], options: Record<string, unknown>) => Promise<Record<string, string>[]>) & {
  dispose(): Promise<void>;
  model: Generator;
  tokenizer: Tokenizer;
};

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

const firstLine = (err: unknown) => String((err as Error)?.message ?? err).split('\n')[0];

/** A failed load as the user needs it: the model, the file (onnxruntime names it), the cause. */
function loadFailure(m: ModelConfig, folder: string, err: unknown): SetupError {
  if (err instanceof SetupError) return err;
  // Already worded for the user (a decoder q8-prepare.ts could not read): only the kind changes.
  if (err instanceof UserError) return new SetupError(err.code, err.message);
  const detail = firstLine(err);
  const ort = /^Load model from (.+?) failed:\s*(.*)$/.exec(detail);
  return SetupError.from(ort ? messages.modelLoadFailed(m.id, ort[2], ort[1]) : messages.modelLoadFailed(m.id, detail, folder));
}
const loadKey = (m: ModelConfig) => `${m.id}@${m.revision ?? 'main'}:${m.dtype}`;

export interface ModelRunner {
  /** Runs one batch; the texts are non-empty and already sorted as the caller wants. */
  run(job: BatchJob): Promise<string[]>;
  tokenCounter(key: string): Promise<(text: string) => number>;
  /** Longest input of a catalogue model, in its tokens (see inputLimitOf). */
  inputLimit(key: string): number;
  dispose(): Promise<void>;
}

/**
 * Loads models in this thread, once per (id, revision, dtype), and runs batches through them.
 * A failed load is forgotten, so the next call tries again; it is a SetupError, which stops a run.
 */
export function createModelRunner(opts: GatewayOptions): ModelRunner {
  configureTransformers(opts.modelsDir, Boolean(opts.allowDownload), opts.hub);
  const modelOf = (key: string): ModelConfig => {
    const m = opts.catalogue[key];
    if (!m) throw new Error(`unknown model "${key}"`);
    return m;
  };
  const byLoadKey = new Map(Object.values(opts.catalogue).map((m) => [loadKey(m), m]));
  const ensurePresent = (m: ModelConfig) => {
    if (!opts.allowDownload && !isModelPresent(opts.modelsDir, m))
      throw SetupError.from(messages.modelMissing(m.id, modelFolder(opts.modelsDir, m)));
  };
  const pipes = memoizeAsync<TextPipeline>(async (k) => {
    const m = byLoadKey.get(k)!;
    ensurePresent(m);
    try {
      const session_options = opts.intraOpThreads ? { intraOpNumThreads: opts.intraOpThreads, interOpNumThreads: 1 } : undefined;
      // A quantized decoder onnxruntime cannot load as published is rewritten once (q8-prepare.ts).
      const subfolder = isModelPresent(opts.modelsDir, m) ? prepareModel(opts.modelsDir, m) : undefined;
      return (await pipeline(m.task, m.id, { dtype: m.dtype, revision: m.revision, session_options, subfolder })) as unknown as TextPipeline;
    } catch (err) {
      throw loadFailure(m, modelFolder(opts.modelsDir, m), err);
    }
  });
  const tokenizers = memoizeAsync<Tokenizer>(async (k) => {
    const m = byLoadKey.get(k)!;
    ensurePresent(m);
    try {
      return (await AutoTokenizer.from_pretrained(m.id, { revision: m.revision })) as unknown as Tokenizer;
    } catch (err) {
      throw loadFailure(m, modelFolder(opts.modelsDir, m), err);
    }
  });
  const limitsOf = modelLimitsReader(opts.modelsDir);

  return {
    async run(job) {
      const m = modelOf(job.key);
      const pipe = await pipes.get(loadKey(m));
      // NLLB's tokenizer keeps the last src_lang: every call names its languages.
      const codes = job.langs ? modelLanguageCodes(m, job.langs.from, job.langs.to) : {};
      const options = { ...generationFor(m, limitsOf(m), job.generation), ...codes };
      const field = job.op === 'translate' ? 'translation_text' : 'summary_text';
      const out = m.targetToken
        ? await generateWithTargetToken(pipe.model, pipe.tokenizer, targetTokenId(job.key, m, pipe.tokenizer), m.targetToken, job.texts, options)
        : (await pipe(job.texts, options)).map((r) => r[field]);
      return out.map((t) => t.trim());
    },
    async tokenCounter(key) {
      const m = modelOf(key);
      const tokenizer = await tokenizers.get(loadKey(m));
      // Checked here too, so a token the model lacks stops the run before the first batch.
      if (m.targetToken) targetTokenId(key, m, tokenizer);
      // The target-language token takes one input position of every text.
      const extra = m.targetToken ? 1 : 0;
      return (text) => tokenizer.encode(text).length + extra;
    },
    inputLimit: (key) => {
      const m = modelOf(key);
      return inputLimitOf(m, limitsOf(m));
    },
    async dispose() {
      const loaded = await Promise.allSettled(pipes.entries());
      pipes.clear();
      tokenizers.clear();
      await Promise.all(loaded.map((r) => (r.status === 'fulfilled' ? r.value.dispose() : undefined)));
    },
  };
}
