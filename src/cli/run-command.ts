import path from 'node:path';
import { loadConfig, type LoadedConfig } from '../config/load-config.ts';
import { loadPipeline } from '../config/load-pipeline.ts';
import { loadGlossary } from '../glossary/index.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import { createGateway } from '../inference/create-gateway.ts';
import { isModelPresent, modelFolder } from '../inference/model-store.ts';
import { prepareModel } from '../inference/q8-prepare.ts';
import { modelsUsed } from '../runner/models-used.ts';
import { runBatch } from '../runner/run-batch.ts';
import { LockedError } from '../store/lock.ts';
import { MemoryUnusableError } from '../memory/memory.ts';
import { StoreCorruptError } from '../store/store.ts';
import { createProgress, progressMode } from './progress.ts';
import { pullMissing } from './pull-models.ts';

export interface RunCommandOptions {
  config: string;
  input?: string[];
  out?: string;
  job?: string;
  concurrency?: string;
  failureThreshold?: string;
  cache?: boolean;
  clearCache?: boolean;
  cacheDir?: string;
  glossary?: string;
  quiet?: boolean;
  json?: boolean;
}

/** `--concurrency`: a whole number of documents, at least one. */
const count = (value: string | undefined, option: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 1) throw UserError.from(messages.badOptionValue(option, 'a whole number of 1 or more', value));
  return n;
};

/** `--failure-threshold`: a share of the documents, from 0 to 1. */
const share = (value: string | undefined, option: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw UserError.from(messages.badOptionValue(option, 'a share from 0 to 1 (0.1 is 10 %)', value));
  return n;
};

/**
 * Before any work: every model the pipeline needs is in the store, downloaded now when the config
 * allows it (a first run on a new machine), else named with the command that fetches it; and its
 * quantized decoder prepared for onnxruntime (q8-prepare.ts).
 */
async function ensureModels(loaded: LoadedConfig, keys: string[]): Promise<void> {
  const models = keys.map((k) => loaded.config.catalogue[k]);
  const missing = models.filter((m) => !isModelPresent(loaded.modelsDir, m));
  const errors = missing.length === 0 ? [] : loaded.config.models.allowDownload
    ? await pullMissing(loaded, missing)
    : missing.map((m) => messages.modelMissing(m.id, path.relative(process.cwd(), modelFolder(loaded.modelsDir, m)) || '.').message);
  if (errors.length) throw new UserError('MODEL_MISSING', errors.join('\naudarma: '));
  // Once here rather than in each model worker: they would all rewrite the same file at once.
  for (const m of models) prepareModel(loaded.modelsDir, m);
}

/** `audarma run [PIPELINE] --input …` or `audarma run --job NAME`; also what `translate` runs. */
export async function runCommand(pipelineArg: string | undefined, opts: RunCommandOptions, argv: string[]): Promise<number> {
  // Checked before anything is loaded: a mistyped option costs nothing.
  const concurrency = count(opts.concurrency, '--concurrency');
  const failureThreshold = share(opts.failureThreshold, '--failure-threshold');
  const loaded = await loadConfig(opts.config);
  if (opts.cacheDir) loaded.cacheDir = path.resolve(opts.cacheDir);
  // An own key only: `--job constructor` must not find Object.prototype.constructor.
  const job = opts.job && Object.hasOwn(loaded.config.jobs, opts.job) ? loaded.config.jobs[opts.job] : undefined;
  if (opts.job && !job)
    throw UserError.from(messages.unknownJob(opts.job, Object.keys(loaded.config.jobs)));
  const inputs = job ? job.inputs.map((i) => path.resolve(loaded.dir, i)) : (opts.input ?? []);
  if (inputs.length === 0) throw UserError.from(messages.noInputs());
  const outDir = job ? path.resolve(loaded.dir, job.out) : (opts.out ?? 'out');
  const pipeline = await loadPipeline(pipelineArg ?? job?.pipeline ?? loaded.config.defaultPipeline, loaded);
  await ensureModels(loaded, modelsUsed(loaded, pipeline.pipeline));
  const glossaryFile = opts.glossary ?? (loaded.config.glossary ? path.relative(process.cwd(), path.resolve(loaded.dir, loaded.config.glossary)) : undefined);
  const glossary = glossaryFile ? await loadGlossary(glossaryFile) : undefined;
  // Stopped by SIGINT or SIGTERM, runBatch ends the model workers, cleans up and releases its locks.
  const gateway = createGateway(loaded);
  try {
    const report = await runBatch({
      loaded,
      pipeline,
      inputs,
      outDir,
      gateway,
      concurrency: concurrency ?? job?.concurrency,
      failureThreshold: failureThreshold ?? job?.failureThreshold,
      noCache: opts.cache === false,
      clearCache: opts.clearCache,
      glossary,
      command: ['audarma', ...argv.slice(2)].join(' '),
      onEvent: createProgress(progressMode(opts)),
    });
    return report.exitCode;
  } catch (err) {
    if (err instanceof LockedError) throw new UserError('LOCKED', err.message);
    if (err instanceof StoreCorruptError) throw new UserError('STORE_CORRUPT', err.message);
    if (err instanceof MemoryUnusableError) throw new UserError('MEMORY_UNUSABLE', err.message);
    throw err;
  } finally {
    await gateway.dispose();
  }
}
