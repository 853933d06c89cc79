import path from 'node:path';
import { loadConfig, type LoadedConfig } from '../config/load-config.ts';
import { loadPipeline, type LoadedPipeline } from '../pipeline/load-pipeline.ts';
import { checkLicences } from '../config/licences.ts';
import type { Job } from '../config/schema.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import { currentGlossary } from '../glossary/current.ts';
import type { Glossary } from '../glossary/index.ts';
import { createGateway } from '../inference/create-gateway.ts';
import type { Gateway } from '../inference/gateway.ts';
import { openDocumentSession, type DocumentSession, type SessionOpener } from '../runner/document-session.ts';
import { modelsUsed } from '../runner/models-used.ts';
import { ensureModels, modelsForTargets } from './ensure-models.ts';

export interface RuntimeOptions {
  /** The face answers people live (`serve`): the config's `interactive.generation` applies. */
  interactive?: boolean;
  /** Config file. */
  config: string;
  /** Folder of the cache and run state, instead of the config's `cache.dir`. */
  cacheDir?: string;
  /** Glossary file (YAML), instead of the config's glossary. */
  glossary?: string;
  /** Run this named job of the config (its pipeline unless `pipeline` is given). */
  job?: string;
  /** Pipeline name or file. @default the job's, else the config's defaultPipeline */
  pipeline?: string;
  /**
   * The face translates texts into any target as well as running the pipeline over documents
   * (`serve`, whose desk runs articles): the models are those of every target and the pipeline's.
   */
  texts?: boolean;
  /** The face runs no pipeline over documents (eval): no pipeline is loaded. @default true */
  documents?: boolean;
}

/**
 * What every face works with: the config, the job and pipeline it names, the glossary and the
 * models. Opening reads the config only; `start()` loads the pipeline and glossary, makes sure
 * the models are present (downloading them when the config allows) and starts the gateway, so a
 * face can refuse bad arguments before anything is downloaded or loaded.
 */
export interface Runtime extends SessionOpener {
  readonly loaded: LoadedConfig;
  readonly job?: Job;
  /** Set by start(). */
  readonly pipeline?: LoadedPipeline;
  /** The glossary as last read (set by start()); readGlossary() gives it as it is now. */
  readonly glossary?: Glossary;
  /**
   * The glossary as it is now: read again when its file changed since the last read, so every
   * face (runs, `/translate`, the desk, queue workers) sees an edit the same way, without a restart.
   */
  readGlossary(): Promise<Glossary | undefined>;
  /**
   * Loads the pipeline and glossary only, once: for a face that runs no model itself (a run
   * whose documents go to queue workers). start() does this too.
   */
  prepare(): Promise<void>;
  /**
   * Makes everything ready and starts the gateway, once; later calls give the same gateway.
   * `targets` (eval): the models of these targets' routes only, instead of the face's.
   */
  start(targets?: string[]): Promise<Gateway>;
  /**
   * Opens the document session (cache, memory, this glossary, these models): how every face runs
   * documents and translates texts. Prepares the runtime first; the models start with the first document.
   */
  openSession(opts?: { pipeline?: LoadedPipeline; clearCache?: boolean }): Promise<DocumentSession>;
  /** Frees the models and stops the model workers. */
  close(): Promise<void>;
  /** Ends the model workers at once (a process stopped by a signal). */
  kill(): void;
}

/**
 * Puts the config's `interactive.generation` over every model's own generation options, so a
 * face answering live decodes with them: the cache key and the model calls read the catalogue.
 */
function useInteractiveGeneration(loaded: LoadedConfig): void {
  const over = loaded.config.interactive.generation;
  if (!over) return;
  for (const m of Object.values(loaded.config.catalogue)) m.generation = { ...m.generation, ...over };
}

/** Opens the runtime a face (run, translate, serve) works with; see Runtime. */
export async function openRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const loaded = await loadConfig(opts.config);
  if (opts.cacheDir) loaded.cacheDir = path.resolve(opts.cacheDir);
  if (opts.interactive) useInteractiveGeneration(loaded);
  // An own key only: `--job constructor` must not find Object.prototype.constructor.
  const job = opts.job && Object.hasOwn(loaded.config.jobs, opts.job) ? loaded.config.jobs[opts.job] : undefined;
  if (opts.job && !job) throw UserError.from(messages.unknownJob(opts.job, Object.keys(loaded.config.jobs)));

  let preparing: Promise<string[]> | undefined;
  let starting: Promise<Gateway> | undefined;
  let gateway: Gateway | undefined;
  let readGlossary: () => Promise<Glossary | undefined> = async () => undefined;
  const runtime: { -readonly [K in keyof Runtime]: Runtime[K] } = {
    loaded,
    job,
    prepare: async () => void (await (preparing ??= prepare())),
    start: (targets) => (starting ??= start(targets)),
    readGlossary: async () => {
      await (preparing ??= prepare());
      return (runtime.glossary = await readGlossary());
    },
    openSession: async (o = {}) => {
      await (preparing ??= prepare());
      const pipeline = o.pipeline ?? runtime.pipeline;
      if (!pipeline) throw new Error('openSession: this runtime runs no pipeline');
      return openDocumentSession({ loaded, pipeline, glossary: runtime.readGlossary, gateway: runtime.start, clearCache: o.clearCache });
    },
    close: async () => gateway?.dispose(),
    kill: () => gateway?.kill(),
  };
  // The models the face needs, once the pipeline and glossary are loaded.
  const prepare = async (): Promise<string[]> => {
    let models: string[] = [];
    if (opts.documents !== false) {
      runtime.pipeline = await loadPipeline(opts.pipeline ?? job?.pipeline ?? loaded.config.defaultPipeline, loaded);
      models = modelsUsed(loaded, runtime.pipeline.pipeline);
    }
    if (opts.texts) models = [...new Set([...modelsForTargets(loaded.config, Object.keys(loaded.config.targets)), ...models])];
    // Here too, not only when the models start: a run whose documents go to queue workers starts none.
    if (opts.documents !== false) checkLicences(loaded.config, models);
    const glossaryFile = opts.glossary ?? (loaded.config.glossary ? path.relative(process.cwd(), path.resolve(loaded.dir, loaded.config.glossary)) : undefined);
    if (glossaryFile) readGlossary = currentGlossary(glossaryFile);
    runtime.glossary = await readGlossary();
    return models;
  };
  const start = async (targets?: string[]): Promise<Gateway> => {
    const models = await (preparing ??= prepare());
    await ensureModels(loaded, targets ? modelsForTargets(loaded.config, targets) : models);
    return (gateway = createGateway(loaded));
  };
  return runtime;
}
