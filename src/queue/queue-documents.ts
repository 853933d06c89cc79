import { setTimeout as sleep } from 'node:timers/promises';
import { Job, Queue } from 'bullmq';
import type { QueueSettings } from '../config/schema.ts';
import { SetupError } from '../diagnostics/messages.ts';
import type { RemoteDocument, RemoteDocuments, RemoteResult } from '../runner/remote-documents.ts';
import { connectionOptions, DOCUMENTS_QUEUE } from './connection.ts';
import type { DocumentJobData } from './document-job.ts';
import { queueMessages } from './messages.ts';
import { watchRedis } from './redis-watch.ts';

export interface QueueDocumentsOptions {
  url: string;
  runId: string;
  settings: QueueSettings;
  pipeline: string;
  outDir: string;
  noCache: boolean;
  /** Where to say that Redis went away, came back, or lost documents. */
  warn(message: string): void;
  /** How often the run asks after its unfinished documents. @default 200 */
  pollMs?: number;
}

export interface QueuedDocuments extends RemoteDocuments {
  /** Takes this run's documents that no worker has taken yet off the queue; resolves to how many. */
  withdraw(): Promise<number>;
  /** Gives up waiting: every unfinished document (and any handed over later) rejects with `err`. */
  abort(err: SetupError): void;
  close(): Promise<void>;
}

// BullMQ's own wording for a job whose workers stopped more than maxStalledCount times.
const STALLED_REASON = 'job stalled more than allowable limit';
const empty = () => ({ counts: { translated: {}, cached: {} }, memory: {}, stages: {} });

/**
 * The run's side of the documents queue: each changed document becomes a job tagged with the
 * run id (its job id is `<run id>.<slug>`, so adding it again is a no-op while it exists), and
 * the run asks after its unfinished jobs until each is completed or failed for good. Asking,
 * rather than listening to BullMQ's event stream, survives a Redis restart: a job Redis lost
 * (a restart without persistence) is simply queued again. Delivery is at least once, and the
 * result of each job is taken once, so the report has one entry per article.
 */
export function queueDocuments(opts: QueueDocumentsOptions): QueuedDocuments {
  const queue = new Queue<DocumentJobData, RemoteResult>(DOCUMENTS_QUEUE, { connection: connectionOptions(opts.url) });
  // ioredis reports every failed reconnection; the watchdog below says what matters, once.
  queue.on('error', () => {});
  const jobOptions = {
    attempts: opts.settings.attempts,
    backoff: { type: 'exponential' as const, delay: opts.settings.backoffMs },
    // Taken by the run as soon as it sees them; kept a while for a run that stopped before.
    removeOnComplete: { age: 24 * 3600 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
  const pending = new Map<string, { data: DocumentJobData; resolve(r: RemoteResult): void }>();
  let settings = '';
  let closed = false;
  let gone: SetupError | undefined;
  let failGone: (err: SetupError) => void = () => {};
  const goneP = new Promise<never>((_, reject) => (failGone = reject));
  goneP.catch(() => {});
  const rejecters = new Set<(err: unknown) => void>();

  const add = (id: string, data: DocumentJobData) => queue.add('document', data, { ...jobOptions, jobId: id });

  const resultOf = (job: Job<DocumentJobData, RemoteResult>, data: DocumentJobData): RemoteResult => {
    if (job.returnvalue && typeof job.returnvalue === 'object') return job.returnvalue;
    const why = job.failedReason ?? 'failed';
    const reason =
      why === STALLED_REASON ? queueMessages.stalledTooOften(opts.settings.maxStalledCount ?? 1) : queueMessages.attemptsFailed(job.attemptsMade, why);
    return { outcome: { file: data.file, slug: data.slug, status: 'failed', reason }, ...empty() };
  };

  const round = async (): Promise<void> => {
    const ids = [...pending.keys()];
    const jobs = await Promise.all(ids.map((id) => Job.fromId<DocumentJobData, RemoteResult>(queue, id)));
    let lost = 0;
    for (const [i, id] of ids.entries()) {
      const p = pending.get(id)!;
      const job = jobs[i];
      if (!job) {
        lost++;
        await add(id, p.data);
      } else if (job.finishedOn) {
        pending.delete(id);
        p.resolve(resultOf(job, p.data));
        // At least once: a late duplicate finishing after this finds no job and is ignored.
        void job.remove().catch(() => {});
      }
    }
    if (lost) opts.warn(queueMessages.requeued(lost));
  };

  const abort = (err: SetupError) => {
    if (gone) return;
    gone = err;
    failGone(err);
    for (const reject of rejecters) reject(err);
  };
  const watch = watchRedis(opts.url, opts.settings, { warn: opts.warn, gone: abort });

  const loop = (async () => {
    while (!closed && !gone) {
      try {
        await round();
      } catch {
        // A command that failed while Redis restarts: the next round asks again.
      }
      await sleep(opts.pollMs ?? 200);
    }
  })();

  return {
    inFlight: 1000,
    async start(fingerprint) {
      settings = fingerprint;
    },
    async run(doc: RemoteDocument) {
      if (gone) throw gone;
      const id = `${opts.runId}.${doc.slug}`;
      const data: DocumentJobData = { runId: opts.runId, ...doc, outDir: opts.outDir, pipeline: opts.pipeline, settings, noCache: opts.noCache };
      await Promise.race([add(id, data), goneP]);
      return new Promise<RemoteResult>((resolve, reject) => {
        const settle = () => rejecters.delete(reject);
        rejecters.add(reject);
        pending.set(id, { data, resolve: (r) => (settle(), resolve(r)) });
      });
    },
    async withdraw() {
      // A job in a worker's hands is locked: remove() leaves it, and it finishes.
      const removed = await Promise.all([...pending.keys()].map((id) => queue.remove(id).catch(() => 0)));
      return removed.filter((n) => n === 1).length;
    },
    abort,
    async close() {
      closed = true;
      watch.stop();
      // Redis gone: nothing to wait for, and closing would wait on commands that never return.
      if (gone) return void queue.disconnect();
      await loop;
      await queue.close();
    },
  };
}
