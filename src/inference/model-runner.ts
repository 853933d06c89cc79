import { AutoTokenizer, env, LogLevel, pipeline } from '@huggingface/transformers';
import type { Generation, ModelConfig } from '../config/schema.ts';
import { modelLanguageCodes } from '../config/routes.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import { memoizeAsync } from './memoize.ts';
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

/** One batch through one model: what a queue slot (this thread or a worker) runs. Plain data. */
export interface BatchJob {
  op: 'translate' | 'summarize';
  key: string;
  texts: string[];
  langs?: { from: string; to: string };
  generation?: Generation;
}

type TextPipeline = ((texts: string[], options: Record<string, unknown>) => Promise<Record<string, string>[]>) & {
  dispose(): Promise<void>;
};
type Tokenizer = { encode(text: string): number[] };

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
const loadKey = (m: ModelConfig) => `${m.id}@${m.revision ?? 'main'}:${m.dtype}`;

export interface ModelRunner {
  /** Runs one batch; the texts are non-empty and already sorted as the caller wants. */
  run(job: BatchJob): Promise<string[]>;
  tokenCounter(key: string): Promise<(text: string) => number>;
  dispose(): Promise<void>;
}

/**
 * Loads models in this thread, once per (id, revision, dtype), and runs batches through them.
 * A failed load is forgotten, so the next call tries again.
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
      throw UserError.from(messages.modelMissing(m.id, modelFolder(opts.modelsDir, m)));
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
      throw UserError.from(messages.modelLoadFailed(m.id, firstLine(err)));
    }
  });
  const tokenizers = memoizeAsync<Tokenizer>(async (k) => {
    const m = byLoadKey.get(k)!;
    ensurePresent(m);
    return (await AutoTokenizer.from_pretrained(m.id, { revision: m.revision })) as unknown as Tokenizer;
  });

  return {
    async run(job) {
      const m = modelOf(job.key);
      const pipe = await pipes.get(loadKey(m));
      // NLLB's tokenizer keeps the last src_lang: every call names its languages.
      const codes = job.langs ? modelLanguageCodes(m, job.langs.from, job.langs.to) : {};
      const options = { max_new_tokens: Math.ceil(m.maxInputTokens * 1.5) + 8, ...m.generation, ...job.generation, ...codes };
      const result = await pipe(job.texts, options);
      const field = job.op === 'translate' ? 'translation_text' : 'summary_text';
      return result.map((r) => r[field].trim());
    },
    async tokenCounter(key) {
      const tokenizer = await tokenizers.get(loadKey(modelOf(key)));
      return (text) => tokenizer.encode(text).length;
    },
    async dispose() {
      const loaded = await Promise.allSettled(pipes.entries());
      pipes.clear();
      tokenizers.clear();
      await Promise.all(loaded.map((r) => (r.status === 'fulfilled' ? r.value.dispose() : undefined)));
    },
  };
}
