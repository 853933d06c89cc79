import { readFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { LoadedConfig } from '../config/load-config.ts';
import type { LoadedPipeline } from '../pipeline/load-pipeline.ts';
import { messages, SetupError } from '../diagnostics/messages.ts';
import type { Glossary } from '../glossary/index.ts';
import { createCachingGateway, type CacheCounts, type CachingGateway } from '../inference/caching-gateway.ts';
import type { Gateway } from '../inference/gateway.ts';
import { articleMemory, withMemory } from '../memory/article-memory.ts';
import { openMemory, type Memory } from '../memory/memory.ts';
import { openStore, STORE_FILE, StoreCorruptError, type Store } from '../store/store.ts';
import { fileSizeLimit } from '../document/formats/registry.ts';
import { documentHash, fingerprint, TooLargeError } from './document-hash.ts';
import { outcomeOf, type ArticleOutcome } from './report.ts';
import { runDocument, StepFailure } from './run-document.ts';

export type { CacheCounts };

/** What one document's run counted, for the report: summed over a run's documents. */
export interface DocumentTally {
  /** Segments that went through a model and segments answered from the cache, per output language. */
  counts: CacheCounts;
  /** Segments answered by the translation memory, per edition. */
  memory: Record<string, number>;
  /** Seconds spent per step kind. */
  stages: Record<string, number>;
}

/** One document to run, and where its files go (`OUT/<slug>/`). */
export interface SessionDocument {
  file: string;
  slug: string;
  outDir: string;
  /** The pipeline to run instead of the session's (a queue job names its own). */
  pipeline?: LoadedPipeline;
  /** Hash of the bytes and settings, without the editors' corrections; made here when not given. */
  inputHash?: string;
  /** Ignore cached segments (results are still stored). */
  noCache?: boolean;
  /** Called as each step starts (the desk shows it as progress). */
  onStep?(index: number, total: number, kind: string): void;
}

/** How one document's run ended, with what it counted; a queue worker sends exactly this back. */
export interface DocumentRun extends DocumentTally {
  /** `done` or `failed` (a step refused the document; the failure names the step). */
  outcome: ArticleOutcome;
  /** When done: the hash result.json records, with the corrections used. */
  inputHash?: string;
  /** When done: the files written, relative to the output folder. */
  outputs?: string[];
}

/**
 * The unit of work every face shares: the cache (store), the editors' memory, the glossary as it
 * is now and the models behind the cache. `runOne` is the one way a document is run, whether by
 * `audarma run`, the desk or a queue worker, so all three write the same files from the same
 * article, cache and memory.
 */
export interface DocumentSession {
  readonly loaded: LoadedConfig;
  readonly pipeline: LoadedPipeline;
  readonly store: Store;
  readonly memory: Memory;
  /** The glossary as it is now (see glossary/current.ts): every face sees an edit the same way. */
  glossary(): Promise<Glossary | undefined>;
  /** What decides every article's outputs besides its own bytes: config, pipeline and glossary as they are now. */
  settings(pipeline?: LoadedPipeline): Promise<string>;
  /**
   * The document's hash of bytes and settings, checked against the read step's size limit before
   * it is read: too large fails as the read step would, naming it.
   */
  inputHash(file: string, pipeline?: LoadedPipeline, settings?: string): Promise<string>;
  /** The models with the cache around them, counting their own segments (texts, not documents). */
  cachedGateway(): Promise<CachingGateway>;
  /**
   * Runs every step of the pipeline over one document and writes its files. A step's failure is
   * the document's outcome; what is not the document's fault (a SetupError: a model that cannot
   * load) is thrown.
   */
  runOne(doc: SessionDocument): Promise<DocumentRun>;
  /** Closes the cache and the memory; the models are the runtime's. */
  close(): void;
}

/** Whatever opens document sessions: the runtime (src/app/open-runtime.ts). */
export interface SessionOpener {
  readonly loaded: LoadedConfig;
  /** The face's pipeline, once prepared. */
  readonly pipeline?: LoadedPipeline;
  /** Opens a session over the cache folder; `clearCache` empties the cache first (deleting a damaged one). */
  openSession(opts?: { pipeline?: LoadedPipeline; clearCache?: boolean }): Promise<DocumentSession>;
  /** Ends the model workers at once (a process stopped by a signal). */
  kill(): void;
}

export interface SessionParts {
  loaded: LoadedConfig;
  pipeline: LoadedPipeline;
  /** The glossary as it is now; see glossary/current.ts. */
  glossary(): Promise<Glossary | undefined>;
  /** Starts the models (once): called on the first document, never when every document runs elsewhere. */
  gateway(): Promise<Gateway>;
  clearCache?: boolean;
}

/** Opens the cache and the memory in the config's cache folder; see DocumentSession. */
export function openDocumentSession(parts: SessionParts): DocumentSession {
  const { loaded } = parts;
  const store = openCache(loaded.cacheDir, Boolean(parts.clearCache));
  let memory: Memory;
  try {
    // The editors' corrections: a file of their own, which --clear-cache and the cache's recovery never touch.
    memory = openMemory(loaded.cacheDir);
  } catch (err) {
    store.close();
    throw err;
  }
  if (parts.clearCache) store.clear();
  const cached = async (bypass?: boolean) =>
    createCachingGateway(await parts.gateway(), { store, catalogue: loaded.config.catalogue, modelsDir: loaded.modelsDir, bypass });
  const settings = async (pipeline = parts.pipeline) =>
    fingerprint([
      await readFile(loaded.file, 'utf8'),
      await readFile(pipeline.file, 'utf8'),
      pipeline.name,
      JSON.stringify((await parts.glossary())?.entries ?? []),
    ]);
  const inputHash = async (file: string, pipeline = parts.pipeline, given?: string) => {
    const limit = readLimit(pipeline);
    return documentHash(file, given ?? (await settings(pipeline)), fileSizeLimit(file, limit.bytes)).catch((err) => {
      if (!(err instanceof TooLargeError)) throw err;
      throw new StepFailure(file, limit.step, messages.articleTooLarge(err.bytes / 1024, err.limit / 1024).message);
    });
  };

  return {
    loaded,
    pipeline: parts.pipeline,
    store,
    memory,
    glossary: parts.glossary,
    settings,
    inputHash,
    cachedGateway: () => cached(),
    async runOne(doc) {
      const { file, slug } = doc;
      const pipeline = doc.pipeline ?? parts.pipeline;
      const tally: DocumentTally = { counts: { translated: {}, cached: {} }, memory: {}, stages: {} };
      try {
        const base = doc.inputHash ?? (await inputHash(file, pipeline));
        const gateway = await cached(doc.noCache);
        tally.counts = gateway.counts;
        const view = articleMemory(memory, tally.memory);
        const article = await runDocument(file, slug, {
          loaded,
          pipeline,
          outDir: doc.outDir,
          gateway,
          stages: tally.stages,
          glossary: await parts.glossary(),
          inputHash: base,
          memory: view,
          onStep: doc.onStep,
        });
        // As the write step recorded it in result.json: with the corrections this run used.
        return { outcome: { file, slug, status: 'done', ...outcomeOf(article) }, inputHash: withMemory(base, view.used()), outputs: article.outputs, ...tally };
      } catch (err) {
        if (!(err instanceof StepFailure) || err.cause instanceof SetupError) throw err;
        return { outcome: { file, slug, status: 'failed', reason: err.reason, step: err.step }, ...tally };
      }
    },
    close() {
      store.close();
      memory.close();
    },
  };
}

/** Opens the store; asked to clear it, a damaged file is deleted and a new store made. */
function openCache(dir: string, clear: boolean): Store {
  try {
    return openStore(dir);
  } catch (err) {
    if (!clear || !(err instanceof StoreCorruptError)) throw err;
    for (const suffix of ['', '-wal', '-shm']) rmSync(path.join(dir, STORE_FILE + suffix), { force: true });
    return openStore(dir);
  }
}

/**
 * The read step's size limit, checked before an article is hashed or read; a failure names the
 * read step, as if the step itself had refused the file. No read step, no limit.
 */
function readLimit(pipeline: LoadedPipeline): { bytes: number; step: string } {
  const i = pipeline.pipeline.steps.findIndex((s) => s.uses === 'read');
  if (i < 0) return { bytes: Infinity, step: '' };
  const step = pipeline.pipeline.steps[i];
  return { bytes: (step.with as { maxKB: number }).maxKB * 1024, step: `steps[${i}] ${step.name ?? step.uses}` };
}
