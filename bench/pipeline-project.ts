// A project folder for the pipeline bench: the shipped config.yaml with each catalogue id pointed
// at its real-sized stand-in (same models, dtypes, batch sizes, generation options, workers and
// threads), the shipped glossary and pipelines/article.yaml, and seed-sized articles.
//
// One deliberate difference: `loopRetry: false`. The stand-ins' random weights repeat tokens in a
// way a trained model rarely does, and audarma would translate those segments a second time; the
// bench measures the common case, as the runner bench does.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { BENCH_MODEL_DIR } from './model/build.ts';
import { STAND_IN_IDS, type StandIn } from './stand-ins.ts';
import { seedSizedArticle } from './pipeline-article.ts';

export const REPO = path.resolve(fileURLToPath(new URL('..', import.meta.url)));

interface ShippedModel {
  id: string;
  task: 'translation' | 'summarization';
  dtype: string;
  maxInputTokens: number;
  batchSize?: number;
  generation?: Record<string, unknown>;
  languages?: Record<string, string>;
  loopRetry?: unknown;
}

export interface ShippedConfig {
  catalogue: Record<string, ShippedModel>;
  targets: Record<string, { model?: string; from?: string; summaryModel?: string; derive?: string }>;
  summary: { model: string; language: string };
  [key: string]: unknown;
}

/** The stand-in of a shipped catalogue id: Xenova/opus-mt-fr-en -> audarma-bench/opus-mt-fr-en. */
export function standInId(shippedId: string): string {
  const name = shippedId.split('/')[1] as StandIn;
  const id = STAND_IN_IDS[name];
  if (!id) throw new Error(`no stand-in for ${shippedId}`);
  return id;
}

/**
 * How the bench decodes: as the config says, greedily everywhere, or with each model's own
 * generation_config.json (the beams the model cards ask for: OPUS-MT and distilbart 4).
 */
export type Decoding = 'shipped' | 'greedy' | 'models';

/**
 * A shipped config (config.yaml, or config.commercial.yaml) with stand-in ids: what the bench
 * project and the naive loop both use. Its licence policy goes with `models`: stand-ins have none.
 */
export function benchConfig(configFile = 'config.yaml', decoding: Decoding = 'shipped'): ShippedConfig {
  const config = parse(readFileSync(path.join(REPO, configFile), 'utf8')) as ShippedConfig;
  config.models = { dir: BENCH_MODEL_DIR, allowDownload: false };
  for (const m of Object.values(config.catalogue)) {
    m.id = standInId(m.id);
    m.loopRetry = false;
    if (decoding === 'greedy') m.generation = { ...m.generation, num_beams: 1 };
    if (decoding === 'models' && m.generation) delete m.generation.num_beams;
  }
  return config;
}

/** The clean patterns of the shipped article pipeline. */
export function shippedCleanPatterns(): string[] {
  const pipeline = parse(readFileSync(path.join(REPO, 'pipelines/article.yaml'), 'utf8')) as { steps: { uses: string; with?: { patterns?: string[] } }[] };
  return pipeline.steps.find((s) => s.uses === 'clean')?.with?.patterns ?? [];
}

/** Writes the project into `dir` (its config named after `decoding`); returns its config file. */
export function writeBenchProject(dir: string, configFile = 'config.yaml', decoding: Decoding = 'shipped'): string {
  mkdirSync(path.join(dir, 'pipelines'), { recursive: true });
  const config = benchConfig(configFile, decoding);
  const file = path.join(dir, decoding === 'shipped' ? 'config.yaml' : `config.${decoding}.yaml`);
  writeFileSync(file, stringify(config));
  if (typeof config.glossary === 'string') copyFileSync(path.join(REPO, config.glossary), path.join(dir, config.glossary));
  copyFileSync(path.join(REPO, 'pipelines/article.yaml'), path.join(dir, 'pipelines/article.yaml'));
  return file;
}

/** A folder of articles 0 … count − 1. */
export function writeArticles(dir: string, count: number): string {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(path.join(dir, `article-${String(i).padStart(2, '0')}.txt`), seedSizedArticle(i));
  return dir;
}
