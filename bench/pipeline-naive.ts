// The baseline of the pipeline bench: what a user would write with transformers.js and the same
// six models — every segment through every model one pipeline call at a time, in one process with
// onnxruntime's default threads, over the same routes as the shipped config (fr→en, fr→kk with
// NLLB, fr→ru, en→zh from the English; the English summary, then its sentences into kk, ru, zh)
// and with the same generation options audarma passes. Segments are those audarma makes (its own
// reader, clean patterns and sentence splitter), so both sides translate the same text.
import path from 'node:path';
import { env, LogLevel, pipeline } from '@huggingface/transformers';
import { cleanBlocks, compilePatterns } from '../src/document/clean.ts';
import { readTxt } from '../src/document/formats/txt-read.ts';
import { segmentFrench } from '../src/document/segment-fr.ts';
import { preparedSubfolder } from '../src/inference/q8-prepare.ts';
import { BENCH_MODEL_DIR } from './model/build.ts';
import { seedSizedArticle } from './pipeline-article.ts';
import { benchConfig, shippedCleanPatterns, type ShippedConfig } from './pipeline-project.ts';

type Pipe = ((texts: string | string[], options?: object) => Promise<Record<string, string>[]>) & {
  tokenizer: { encode(text: string): number[] };
  dispose(): Promise<void>;
};

export interface NaiveResult {
  articles: number;
  /** Translating and summarizing, loads excluded. */
  seconds: number;
  loadSeconds: number;
  /** Model calls and their seconds, per catalogue key. */
  perModel: Record<string, { calls: number; seconds: number }>;
  segmentsPerArticle: number;
}

/** Model key and language codes of each route, read from the shipped config's targets. */
function routes(config: ShippedConfig) {
  const target = (lang: string) => config.targets[lang];
  const direct = ['en', 'kk', 'ru'].map((lang) => ({ lang, key: target(lang).model! }));
  const pivot = { lang: 'zh', from: target('zh').from!, key: target('zh').model! };
  const summaryKeys = ['kk', 'ru', 'zh'].map((lang) => ({ lang, key: target(lang).summaryModel ?? target(lang).model! }));
  return { direct, pivot, summaryKeys, summarizer: config.summary.model };
}

export async function naivePipelineLoop(count: number, configFile = 'config.yaml'): Promise<NaiveResult> {
  const config = benchConfig(configFile);
  env.localModelPath = BENCH_MODEL_DIR;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.logLevel = LogLevel.ERROR;
  const t0 = performance.now();
  const pipes: Record<string, Pipe> = {};
  for (const [key, m] of Object.entries(config.catalogue)) {
    const subfolder = preparedSubfolder(path.join(BENCH_MODEL_DIR, m.id), m.dtype);
    pipes[key] = (await pipeline(m.task, m.id, { dtype: m.dtype as 'q8', subfolder })) as unknown as Pipe;
  }
  const loadSeconds = (performance.now() - t0) / 1000;

  const perModel: NaiveResult['perModel'] = {};
  const call = async (key: string, text: string, langs?: { from: string; to: string }): Promise<string> => {
    const m = config.catalogue[key];
    const codes = langs && m.languages ? { src_lang: m.languages[langs.from], tgt_lang: m.languages[langs.to] } : {};
    const options = { max_new_tokens: Math.ceil(m.maxInputTokens * 1.5) + 8, ...m.generation, ...codes };
    const t = performance.now();
    const [out] = await pipes[key](text, options);
    const stat = (perModel[key] ??= { calls: 0, seconds: 0 });
    stat.calls++;
    stat.seconds += (performance.now() - t) / 1000;
    return (out.translation_text ?? out.summary_text).trim();
  };

  const r = routes(config);
  const patterns = compilePatterns(shippedCleanPatterns());
  let segments = 0;
  const t1 = performance.now();
  for (let i = 0; i < count; i++) {
    const blocks = cleanBlocks(readTxt(seedSizedArticle(i)), patterns).blocks;
    const english: { type: string; text: string }[] = [];
    for (const block of blocks) {
      for (const segment of segmentFrench(block.text)) {
        segments++;
        for (const { lang, key } of r.direct) {
          const out = await call(key, segment, { from: 'fr', to: lang });
          if (lang === 'en') english.push({ type: block.type, text: out });
        }
        await call(r.pivot.key, english[english.length - 1].text, { from: r.pivot.from, to: 'zh' });
      }
    }
    // The summary, from the English body up to the summarizer's input limit, as audarma feeds it.
    const body = english.filter((e) => e.type === 'paragraph').map((e) => e.text);
    const limit = config.catalogue[r.summarizer].maxInputTokens;
    let used = 0;
    while (used < body.length && pipes[r.summarizer].tokenizer.encode(body.slice(0, used + 1).join(' ')).length <= limit) used++;
    const summary = await call(r.summarizer, body.slice(0, Math.max(used, 1)).join(' '));
    for (const sentence of segmentFrench(summary)) {
      for (const { lang, key } of r.summaryKeys) await call(key, sentence, { from: config.summary.language, to: lang });
    }
  }
  const seconds = (performance.now() - t1) / 1000;
  for (const p of Object.values(pipes)) await p.dispose();
  return { articles: count, seconds, loadSeconds, perModel, segmentsPerArticle: segments / count };
}
