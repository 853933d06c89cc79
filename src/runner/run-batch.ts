import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import PQueue from 'p-queue';
import { modelLicences } from '../config/licences.ts';
import type { LoadedPipeline } from '../pipeline/load-pipeline.ts';
import { SetupError } from '../diagnostics/messages.ts';
import { entriesForResult, withMemory } from '../memory/article-memory.ts';
import { STAGING_DIR, writeFileAtomic } from '../output/atomic-write.ts';
import { renderRunIndex } from '../output/html-index.ts';
import { acquireLock, type LockRelease } from '../store/lock.ts';
import { assignSlugs } from './assign-slugs.ts';
import type { DocumentSession, DocumentTally, SessionOpener } from './document-session.ts';
import { expandInputs } from './expand-inputs.ts';
import { modelsUsed } from './models-used.ts';
import { onStop } from './on-stop.ts';
import { readSlugOwners, writeOutputMarker } from './output-folder.ts';
import type { RemoteDocuments } from './remote-documents.ts';
import { buildReport, type ArticleOutcome } from './report.ts';
import type { RunReport } from '../output/report-schema.ts';
import { StepFailure } from './run-document.ts';
import { finishedBefore, previousResult } from './unchanged.ts';

export type BatchEvent =
  | { type: 'start'; total: number }
  | { type: 'document'; status: 'done' | 'failed' | 'unchanged'; file: string; slug: string; reason?: string }
  | { type: 'end'; report: RunReport }
  /** Something the person running the job should know that is not a document's failure (a stale lock taken over). */
  | { type: 'warning'; message: string };

export interface BatchOptions {
  /**
   * The runtime (src/app/open-runtime.ts), prepared: the run opens its document session there
   * (cache, memory, glossary, models) once the folders are locked.
   */
  runtime: SessionOpener;
  /** The pipeline to run instead of the runtime's (a scheduled job's own). */
  pipeline?: LoadedPipeline;
  inputs: string[];
  outDir: string;
  /** Run the changed documents there instead (`--queue`); the unchanged check stays here. */
  remote?: RemoteDocuments;
  concurrency?: number;
  failureThreshold?: number;
  /** Ignore cached segments and unchanged-document state (results are still stored). */
  noCache?: boolean;
  /** Empty the store before running. */
  clearCache?: boolean;
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
  const { loaded } = opts.runtime;
  const started = new Date();
  const command = opts.command ?? 'audarma run';
  const staging = path.join(opts.outDir, STAGING_DIR);
  const releases: LockRelease[] = [];
  // However the run ends before it returns (SIGINT, SIGTERM, an exit): the model workers stop,
  // no half-written file stays in the staging folder, and the locks go, so the next run starts
  // clean instead of finding a lock to take over.
  const forgetStop = onStop(() => {
    opts.runtime.kill();
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
  let session: DocumentSession;
  try {
    await lock(opts.outDir);
    if (path.resolve(loaded.cacheDir) !== path.resolve(opts.outDir)) await lock(loaded.cacheDir);
    session = await opts.runtime.openSession({ pipeline: opts.pipeline, clearCache: Boolean(opts.clearCache) });
  } catch (err) {
    forgetStop();
    for (const release of releases.reverse()) await release();
    throw err;
  }
  try {
    const report = await runDocuments(session, opts, started);
    await rm(staging, { recursive: true, force: true });
    opts.onEvent?.({ type: 'end', report });
    return report;
  } finally {
    forgetStop();
    session.close();
    for (const release of releases.reverse()) await release();
  }
}

/** The run inside its locks, with its session open: every input once, then the report and index. */
async function runDocuments(session: DocumentSession, opts: BatchOptions, started: Date): Promise<RunReport> {
  const { loaded, pipeline, store } = session;
  const { outDir, remote } = opts;
  // Leftovers of a crashed run: never outputs, only files that were being written.
  await rm(path.join(outDir, STAGING_DIR), { recursive: true, force: true });
  const { files, problems } = await expandInputs(opts.inputs, { skip: [outDir, loaded.cacheDir] });
  // Before any article is written: the folder is marked as output and each file's folder is kept.
  const { slugs, owners } = assignSlugs(files, readSlugOwners(outDir));
  await writeOutputMarker(outDir, owners);
  const settings = await session.settings();
  await remote?.start(settings);
  const tally: DocumentTally = { counts: { translated: {}, cached: {} }, memory: {}, stages: {} };
  // After --clear-cache nothing earlier counts, not even the outputs already on disk.
  const reuse = !opts.noCache && !opts.clearCache;
  // An empty memory costs no lookups of earlier results.
  const memoryInUse = session.memory.count() > 0;
  const outcomes: ArticleOutcome[] = problems.map((p) => ({ file: p.file, slug: '', status: 'failed', reason: p.reason }));
  opts.onEvent?.({ type: 'start', total: files.length + problems.length });
  for (const p of problems) opts.onEvent?.({ type: 'document', status: 'failed', file: p.file, slug: '', reason: p.reason });
  const queue = new PQueue({ concurrency: remote ? remote.inFlight : (opts.concurrency ?? loaded.config.run.concurrency) });
  let stopped: SetupError | undefined;

  /**
   * One document: hashed; skipped when this folder holds it made from the same input; else run
   * here or on a queue worker. The store records how it ended, under the hash its result.json has.
   */
  const runOne = async (file: string): Promise<void> => {
    const slug = slugs.get(file)!;
    const record = (inputHash: string, status: 'done' | 'failed', outputs: string[], reason?: string) =>
      store.putDocument({ slug, file, inputHash, status, outputs, ...(reason !== undefined && { reason }), updatedAt: Date.now() });
    // The hash a failure is recorded under: none when the file could not even be hashed.
    let known = '';
    let outcome: ArticleOutcome;
    try {
      const base = await session.inputHash(file, pipeline, settings);
      // The corrections that apply to the article as last made are part of its input.
      const before = reuse && memoryInUse ? previousResult(outDir, slug) : undefined;
      known = before ? withMemory(base, entriesForResult(session.memory, before)) : base;
      const done = reuse ? finishedBefore(outDir, slug, file, known, store.getDocument(slug)) : undefined;
      if (done) {
        if (done.recovered) record(known, 'done', done.outputs);
        outcome = { file, slug, status: 'unchanged' };
      } else {
        const doc = { file, slug, inputHash: base };
        const r = remote ? await remote.run(doc) : await session.runOne({ ...doc, outDir, noCache: opts.noCache });
        addTally(tally, r);
        // A remote outcome keeps the run's file and slug.
        outcome = { ...r.outcome, file, slug };
        if (outcome.status === 'failed') record(known, 'failed', [], outcome.reason ?? 'failed');
        else record(r.inputHash ?? base, 'done', r.outputs ?? []);
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
      if (known) record(known, 'failed', [], reason);
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
    counts: tally.counts,
    memory: tally.memory,
    stages: tally.stages,
    failureThreshold: opts.failureThreshold ?? loaded.config.run.failureThreshold,
    models: modelLicences(loaded.config, modelsUsed(loaded, pipeline.pipeline)),
  });
  await writeRunOutputs(outDir, report, loaded.config.source);
  return report;
}

/** Adds one document's counts to the run's. */
function addTally(into: DocumentTally, from: DocumentTally): void {
  const pairs = [
    [into.counts.translated, from.counts.translated],
    [into.counts.cached, from.counts.cached],
    [into.memory, from.memory],
    [into.stages, from.stages],
  ];
  for (const [to, add] of pairs) for (const [k, n] of Object.entries(add)) to[k] = (to[k] ?? 0) + n;
}

/** The run's own outputs: the machine-readable report and the index page linking every article. */
async function writeRunOutputs(outDir: string, report: RunReport, sourceLang: string): Promise<void> {
  const staging = { tmpDir: path.join(outDir, STAGING_DIR) };
  await writeFileAtomic(path.join(outDir, 'index.html'), renderRunIndex(report, { sourceLang }), staging);
  await writeFileAtomic(path.join(outDir, 'run-report.json'), JSON.stringify(report, null, 2) + '\n', staging);
}
