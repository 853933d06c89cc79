import { rmSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import PQueue from 'p-queue';
import type { LoadedConfig } from '../config/load-config.ts';
import type { LoadedPipeline } from '../config/load-pipeline.ts';
import type { Article } from '../document/article.ts';
import { createCachingGateway, type CacheCounts } from '../inference/caching-gateway.ts';
import type { Gateway } from '../inference/gateway.ts';
import type { Glossary } from '../glossary/index.ts';
import { STAGING_DIR, writeFileAtomic } from '../output/atomic-write.ts';
import { renderRunIndex } from '../output/html-index.ts';
import { messages, SetupError } from '../diagnostics/messages.ts';
import { articleMemory, entriesForResult, withMemory } from '../memory/article-memory.ts';
import { openMemory, type Memory } from '../memory/memory.ts';
import { acquireLock, type LockRelease } from '../store/lock.ts';
import { openStore, STORE_FILE, StoreCorruptError, type Store } from '../store/store.ts';
import { assignSlugs } from './assign-slugs.ts';
import { readSlugOwners, writeOutputMarker } from './output-folder.ts';
import { documentHash, fingerprint, TooLargeError } from './document-hash.ts';
import { expandInputs } from './expand-inputs.ts';
import { buildReport, outcomeOf, type ArticleOutcome } from './report.ts';
import type { RunReport } from './report-schema.ts';
import type { RemoteDocuments } from './remote-documents.ts';
import { runDocument, StepFailure } from './run-document.ts';
import { onStop } from './on-stop.ts';
import { finishedBefore, previousResult } from './unchanged.ts';

export type BatchEvent =
  | { type: 'start'; total: number }
  | { type: 'document'; status: 'done' | 'failed' | 'unchanged'; file: string; slug: string; reason?: string }
  | { type: 'end'; report: RunReport }
  /** Something the person running the job should know that is not a document's failure (a stale lock taken over). */
  | { type: 'warning'; message: string };

export interface BatchOptions {
  loaded: LoadedConfig;
  pipeline: LoadedPipeline;
  inputs: string[];
  outDir: string;
  /** Runs the models (and batches segments across documents); the batch adds the cache around it. Unused with `remote`. */
  gateway?: Gateway;
  /** Run the changed documents there instead (`--queue`); the unchanged check stays here. */
  remote?: RemoteDocuments;
  concurrency?: number;
  failureThreshold?: number;
  /** Ignore cached segments and unchanged-document state (results are still stored). */
  noCache?: boolean;
  /** Empty the store before running. */
  clearCache?: boolean;
  /** Terms every edition must spell as the glossary says. */
  glossary?: Glossary;
  /** The command line, recorded in the lock so a refused run can say who holds it. */
  command?: string;
  onEvent?(event: BatchEvent): void;
}

/**
 * Runs a pipeline over many articles as the nightly job needs: one run at a time per output
 * folder and store, unchanged articles skipped, finished segments cached, every document's
 * failure recorded while the others go on, a report at the end. A SetupError (a model that
 * cannot load, a worker that cannot start) would fail every document alike: the run stops at
 * the first one and throws it, and documents already finished stay finished.
 */
export async function runBatch(opts: BatchOptions): Promise<RunReport> {
  const { loaded, pipeline } = opts;
  const started = new Date();
  const command = opts.command ?? 'audarma run';
  const staging = path.join(opts.outDir, STAGING_DIR);
  const releases: LockRelease[] = [];
  // However the run ends before it returns (SIGINT, SIGTERM, an exit): the model workers stop,
  // no half-written file stays in the staging folder, and the locks go, so the next run starts
  // clean instead of finding a lock to take over.
  const forgetStop = onStop(() => {
    opts.gateway?.kill();
    try {
      rmSync(staging, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // the next run empties it; the locks must go all the same
    }
    for (const release of [...releases].reverse()) release.releaseSync();
  });
  const lock = async (dir: string): Promise<void> => {
    const staleAfterMs = loaded.config.run.lockStaleSeconds * 1000;
    const release = await acquireLock(dir, { command, staleAfterMs, staleSetting: 'run.lockStaleSeconds' });
    releases.push(release);
    if (release.tookOver) opts.onEvent?.({ type: 'warning', message: release.tookOver });
  };
  let store: Store | undefined;
  let memory: Memory;
  try {
    await lock(opts.outDir);
    if (path.resolve(loaded.cacheDir) !== path.resolve(opts.outDir)) await lock(loaded.cacheDir);
    store = openCache(loaded.cacheDir, Boolean(opts.clearCache));
    // The editors' corrections: a file of their own, which --clear-cache and the cache's recovery never touch.
    memory = openMemory(loaded.cacheDir);
  } catch (err) {
    store?.close();
    forgetStop();
    for (const release of releases.reverse()) await release();
    throw err;
  }
  try {
    if (opts.clearCache) store.clear();
    // Leftovers of a crashed run: never outputs, only files that were being written.
    await rm(staging, { recursive: true, force: true });
    const { files, problems } = await expandInputs(opts.inputs, { skip: [opts.outDir, loaded.cacheDir] });
    // Before any article is written: the folder is marked as output and each file's folder is kept.
    const { slugs, owners } = assignSlugs(files, readSlugOwners(opts.outDir));
    await writeOutputMarker(opts.outDir, owners);
    const sizeLimit = readLimit(pipeline);
    const settings = await settingsFingerprint(loaded, pipeline, opts.glossary);
    const { remote } = opts;
    const gateway = remote
      ? undefined
      : createCachingGateway(opts.gateway!, { store, catalogue: loaded.config.catalogue, modelsDir: loaded.modelsDir, bypass: opts.noCache });
    const counts: CacheCounts = gateway?.counts ?? { translated: {}, cached: {} };
    await remote?.start(settings);
    const stages: Record<string, number> = {};
    // Segments answered by the memory, per edition; an empty memory costs no lookups of earlier results.
    const memoryCounts: Record<string, number> = {};
    const memoryInUse = memory.count() > 0;
    const outcomes: ArticleOutcome[] = problems.map((p) => ({ file: p.file, slug: '', status: 'failed', reason: p.reason }));
    opts.onEvent?.({ type: 'start', total: files.length + problems.length });
    for (const p of problems) opts.onEvent?.({ type: 'document', status: 'failed', file: p.file, slug: '', reason: p.reason });
    const queue = new PQueue({ concurrency: remote ? remote.inFlight : (opts.concurrency ?? loaded.config.run.concurrency) });
    let stopped: SetupError | undefined;
    const runOne = async (file: string): Promise<void> => {
      const slug = slugs.get(file)!;
      let hash = '';
      let outcome: ArticleOutcome;
      try {
        hash = await documentHash(file, settings, sizeLimit.bytes).catch((err) => {
          if (!(err instanceof TooLargeError)) throw err;
          throw new StepFailure(file, sizeLimit.step, messages.articleTooLarge(err.bytes / 1024, sizeLimit.bytes / 1024).message);
        });
        // After --clear-cache nothing earlier counts, not even the outputs already on disk.
        const reuse = !opts.noCache && !opts.clearCache;
        // The corrections that apply to the article as last made are part of its input.
        const before = reuse && memoryInUse ? previousResult(opts.outDir, slug) : undefined;
        const base = hash;
        if (before) hash = withMemory(base, entriesForResult(memory, before));
        const done = reuse ? finishedBefore(opts.outDir, slug, file, hash, store.getDocument(slug)) : undefined;
        if (done) {
          if (done.recovered) store.putDocument({ slug, file, inputHash: hash, status: 'done', outputs: done.outputs, updatedAt: Date.now() });
          outcome = { file, slug, status: 'unchanged' };
        } else if (remote) {
          const r = await remote.run({ file, slug, inputHash: base });
          for (const [into, from] of [[counts.translated, r.counts.translated], [counts.cached, r.counts.cached], [memoryCounts, r.memory], [stages, r.stages]])
            for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
          // A failed document is recorded as a local failure is (below).
          if (r.outcome.status === 'failed') throw r.outcome.step ? new StepFailure(file, r.outcome.step, r.outcome.reason ?? 'failed') : new Error(r.outcome.reason);
          hash = r.inputHash ?? base;
          store.putDocument({ slug, file, inputHash: hash, status: 'done', outputs: r.outputs ?? [], updatedAt: Date.now() });
          outcome = { ...r.outcome, file, slug };
        } else {
          const view = articleMemory(memory, memoryCounts);
          const article: Article = await runDocument(file, slug, {
            loaded,
            pipeline,
            outDir: opts.outDir,
            gateway: gateway!,
            stages,
            glossary: opts.glossary,
            inputHash: base,
            memory: view,
          });
          // As the write step recorded it in result.json: with the corrections this run used.
          hash = withMemory(base, view.used());
          store.putDocument({ slug, file, inputHash: hash, status: 'done', outputs: article.outputs, updatedAt: Date.now() });
          outcome = { file, slug, status: 'done', ...outcomeOf(article) };
        }
      } catch (err) {
        const cause = err instanceof StepFailure ? err.cause : err;
        if (cause instanceof SetupError) {
          // Not this document's fault: the run stops, and the document is neither done nor failed.
          stopped ??= cause;
          queue.clear();
          return;
        }
        const reason = err instanceof StepFailure ? err.reason : String((err as Error)?.message ?? err);
        const step = err instanceof StepFailure ? err.step : undefined;
        if (hash) store.putDocument({ slug, file, inputHash: hash, status: 'failed', outputs: [], reason, updatedAt: Date.now() });
        outcome = { file, slug, status: 'failed', reason, step };
      }
      outcomes.push(outcome);
      opts.onEvent?.({ type: 'document', status: outcome.status, file, slug, reason: outcome.reason });
    };
    // Cleared documents never settle their add() promise, so the queue's idleness is awaited.
    let crashed: unknown;
    for (const f of files) queue.add(() => runOne(f)).catch((err) => (crashed ??= err));
    await queue.onIdle();
    if (crashed) throw crashed;
    if (stopped) throw stopped;
    const report = buildReport({
      pipeline: pipeline.name,
      started,
      outcomes,
      counts,
      memory: memoryCounts,
      stages,
      failureThreshold: opts.failureThreshold ?? loaded.config.run.failureThreshold,
    });
    await writeRunOutputs(opts.outDir, report, loaded.config.source);
    await rm(staging, { recursive: true, force: true });
    opts.onEvent?.({ type: 'end', report });
    return report;
  } finally {
    forgetStop();
    store.close();
    memory.close();
    for (const release of releases.reverse()) await release();
  }
}


/** What decides every article's outputs besides its own bytes: config, pipeline and glossary. */
export async function settingsFingerprint(loaded: LoadedConfig, pipeline: LoadedPipeline, glossary?: Glossary): Promise<string> {
  return fingerprint([await readFile(loaded.file, 'utf8'), await readFile(pipeline.file, 'utf8'), pipeline.name, JSON.stringify(glossary?.entries ?? [])]);
}

/** The run's own outputs: the machine-readable report and the index page linking every article. */
async function writeRunOutputs(outDir: string, report: RunReport, sourceLang: string): Promise<void> {
  const staging = { tmpDir: path.join(outDir, STAGING_DIR) };
  await writeFileAtomic(path.join(outDir, 'index.html'), renderRunIndex(report, { sourceLang }), staging);
  await writeFileAtomic(path.join(outDir, 'run-report.json'), JSON.stringify(report, null, 2) + '\n', staging);
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
