import { AutoTokenizer, env, LogLevel, pipeline } from '@huggingface/transformers';
import type { Generation, ModelConfig } from '../config/schema.ts';
import { modelLanguageCodes } from '../config/routes.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import type { Gateway } from './gateway.ts';
import { memoizeAsync } from './memoize.ts';
import { isModelPresent, modelFolder } from './model-store.ts';

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

/** Runs models in this thread. Each model loads once per (id, revision, dtype) and serves every caller. */
export function createLocalGateway(opts: GatewayOptions): Gateway {
  configureTransformers(opts.modelsDir, Boolean(opts.allowDownload), opts.hub);
  const byLoadKey = new Map<string, ModelConfig>();
  const modelOf = (key: string): ModelConfig => {
    const m = opts.catalogue[key];
    if (!m) throw new Error(`unknown model "${key}"`);
    byLoadKey.set(loadKey(m), m);
    return m;
  };
  const ensurePresent = (m: ModelConfig) => {
    if (!opts.allowDownload && !isModelPresent(opts.modelsDir, m))
      throw UserError.from(messages.modelMissing(m.id, modelFolder(opts.modelsDir, m)));
  };
  const pipes = memoizeAsync<TextPipeline>(async (k) => {
    const m = byLoadKey.get(k)!;
    ensurePresent(m);
    try {
      const session_options = opts.intraOpThreads ? { intraOpNumThreads: opts.intraOpThreads, interOpNumThreads: 1 } : undefined;
      return (await pipeline(m.task, m.id, { dtype: m.dtype, revision: m.revision, session_options })) as unknown as TextPipeline;
    } catch (err) {
      throw UserError.from(messages.modelLoadFailed(m.id, firstLine(err)));
    }
  });
  const tokenizers = memoizeAsync<Tokenizer>(async (k) => {
    const m = byLoadKey.get(k)!;
    ensurePresent(m);
    return (await AutoTokenizer.from_pretrained(m.id, { revision: m.revision })) as unknown as Tokenizer;
  });
  // One call at a time per model: session.run blocks this thread anyway, and NLLB's tokenizer
  // keeps the last src_lang, so interleaved calls must not share a tokenizer mid-call.
  const lanes = new Map<string, Promise<unknown>>();
  const inLane = <T>(k: string, job: () => Promise<T>): Promise<T> => {
    const next = (lanes.get(k) ?? Promise.resolve()).then(job, job);
    lanes.set(k, next.catch(() => undefined));
    return next;
  };
  const calls: Record<string, number> = {};

  async function generate(key: string, texts: string[], extra: Record<string, unknown>, field: string, generation?: Generation) {
    const m = modelOf(key);
    const out = new Array<string>(texts.length).fill('');
    const todo = texts.map((t, i) => i).filter((i) => texts[i].trim() !== '');
    if (todo.length === 0) return out;
    const pipe = await pipes.get(loadKey(m));
    // Sorting by length keeps rows of a batch alike, so little compute is spent on padding.
    todo.sort((a, b) => texts[a].length - texts[b].length);
    const options = { max_new_tokens: Math.ceil(m.maxInputTokens * 1.5) + 8, ...m.generation, ...generation, ...extra };
    for (let i = 0; i < todo.length; i += m.batchSize) {
      const batch = todo.slice(i, i + m.batchSize);
      const result = await inLane(loadKey(m), () => pipe(batch.map((j) => texts[j]), options));
      batch.forEach((j, n) => (out[j] = result[n][field].trim()));
      calls[key] = (calls[key] ?? 0) + batch.length;
    }
    return out;
  }

  return {
    calls,
    translate(key, texts, { from, to }, generation) {
      return generate(key, texts, modelLanguageCodes(modelOf(key), from, to), 'translation_text', generation);
    },
    summarize(key, texts, generation) {
      return generate(key, texts, {}, 'summary_text', generation);
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
