import { hostname } from 'node:os';
import { UnrecoverableError, type Job } from 'bullmq';
import type { LoadedConfig } from '../config/load-config.ts';
import { SetupError } from '../diagnostics/messages.ts';
import { loadPipeline, type LoadedPipeline } from '../config/load-pipeline.ts';
import type { Glossary } from '../glossary/index.ts';
import { createCachingGateway } from '../inference/caching-gateway.ts';
import type { Gateway } from '../inference/gateway.ts';
import { articleMemory, withMemory } from '../memory/article-memory.ts';
import type { Memory } from '../memory/memory.ts';
import { outcomeOf } from '../runner/report.ts';
import type { RemoteResult } from '../runner/remote-documents.ts';
import { settingsFingerprint } from '../runner/run-batch.ts';
import { runDocument, StepFailure } from '../runner/run-document.ts';
import type { Store } from '../store/store.ts';
import { queueMessages } from './messages.ts';

/** One document of a run, as it waits in the documents queue. Paths are absolute: a shared filesystem. */
export interface DocumentJobData {
  runId: string;
  file: string;
  slug: string;
  outDir: string;
  /** Pipeline name, loaded from the worker's own config. */
  pipeline: string;
  /** The run's settings fingerprint; a worker whose config differs refuses the document. */
  settings: string;
  inputHash: string;
  noCache: boolean;
}

/** What a queue worker brings to every document: its runtime's parts, its cache and memory. */
export interface WorkerParts {
  loaded: LoadedConfig;
  gateway: Gateway;
  glossary?: Glossary;
  pipeline: LoadedPipeline;
  store: Store;
  memory: Memory;
}

/**
 * The documents queue's processor: the same steps as a local run (run-document.ts) with the
 * same cache around the models and the same editors' memory, written atomically into the run's
 * output folder. A step's failure is the document's result, not an error: retrying cannot
 * change it. What is thrown (a model that cannot load here) is retried by BullMQ elsewhere.
 */
export function documentProcessor(parts: WorkerParts): (job: Job<DocumentJobData>) => Promise<RemoteResult> {
  const pipelines = new Map<string, Promise<{ pipeline: LoadedPipeline; settings: string }>>();
  const withSettings = async (p: LoadedPipeline) => ({ pipeline: p, settings: await settingsFingerprint(parts.loaded, p, parts.glossary) });
  pipelines.set(parts.pipeline.name, withSettings(parts.pipeline));
  const pipelineFor = (name: string) => {
    let p = pipelines.get(name);
    if (!p) pipelines.set(name, (p = loadPipeline(name, parts.loaded).then(withSettings)));
    return p;
  };

  return async (job) => {
    const d = job.data;
    const { pipeline, settings } = await pipelineFor(d.pipeline);
    if (settings !== d.settings) throw new UnrecoverableError(queueMessages.settingsDiffer(hostname()));
    const gateway = createCachingGateway(parts.gateway, {
      store: parts.store,
      catalogue: parts.loaded.config.catalogue,
      modelsDir: parts.loaded.modelsDir,
      bypass: d.noCache,
    });
    const stages: Record<string, number> = {};
    const memoryCounts: Record<string, number> = {};
    const view = articleMemory(parts.memory, memoryCounts);
    const tally = () => ({ counts: gateway.counts, memory: memoryCounts, stages });
    try {
      const article = await runDocument(d.file, d.slug, {
        loaded: parts.loaded,
        pipeline,
        outDir: d.outDir,
        gateway,
        stages,
        glossary: parts.glossary,
        inputHash: d.inputHash,
        memory: view,
      });
      const outcome = { file: d.file, slug: d.slug, status: 'done' as const, ...outcomeOf(article) };
      return { outcome, inputHash: withMemory(d.inputHash, view.used()), outputs: article.outputs, ...tally() };
    } catch (err) {
      if (!(err instanceof StepFailure) || err.cause instanceof SetupError) throw err;
      return { outcome: { file: d.file, slug: d.slug, status: 'failed', reason: err.reason, step: err.step }, ...tally() };
    }
  };
}
