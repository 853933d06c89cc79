import { hostname } from 'node:os';
import { UnrecoverableError, type Job } from 'bullmq';
import { loadPipeline, type LoadedPipeline } from '../pipeline/load-pipeline.ts';
import type { DocumentSession } from '../runner/document-session.ts';
import type { RemoteResult } from '../runner/remote-documents.ts';
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

/** A pipeline is named (a file in the worker's own pipelines folder), never given as a path. */
const isName = (v: unknown): v is string => typeof v === 'string' && /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(v) && !/\.\.|\.ya?ml$/i.test(v);
/** A slug is one folder name: no separators, no dot segments, no hidden folder. */
const isSlug = (v: unknown): v is string => typeof v === 'string' && v !== '' && !/[/\\\0]/.test(v) && !v.startsWith('.');

/**
 * The documents queue's processor: the document runs through the worker's document session, as
 * a local run's does (runner/document-session.ts), written atomically into the run's output
 * folder. A step's failure is the document's result, not an error: retrying cannot change it.
 * What is thrown (a model that cannot load here) is retried by BullMQ elsewhere.
 */
export function documentProcessor(session: DocumentSession): (job: Job<DocumentJobData>) => Promise<RemoteResult> {
  const pipelines = new Map<string, Promise<LoadedPipeline>>([[session.pipeline.name, Promise.resolve(session.pipeline)]]);
  const pipelineFor = (name: string) => {
    let p = pipelines.get(name);
    if (!p) pipelines.set(name, (p = loadPipeline(name, session.loaded)));
    return p;
  };

  return async (job) => {
    const d = job.data;
    // Anyone who can write to Redis can write a job: what it names is checked before anything is read.
    if (!isName(d.pipeline)) throw new UnrecoverableError(queueMessages.badJob('pipeline', 'a pipeline name, not a path'));
    if (!isSlug(d.slug)) throw new UnrecoverableError(queueMessages.badJob('slug', 'a folder name inside the output folder'));
    const pipeline = await pipelineFor(d.pipeline);
    // The settings as they are now here (a glossary edited since is seen): a run made with others is refused.
    if ((await session.settings(pipeline)) !== d.settings) throw new UnrecoverableError(queueMessages.settingsDiffer(hostname()));
    return session.runOne({ file: d.file, slug: d.slug, outDir: d.outDir, pipeline, inputHash: d.inputHash, noCache: d.noCache });
  };
}
