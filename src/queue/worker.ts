import { Worker, type Job } from 'bullmq';
import { redactSecrets } from '../diagnostics/redact.ts';
import type { Runtime } from '../app/open-runtime.ts';
import type { RemoteResult } from '../runner/remote-documents.ts';
import { checkRedis, connectionOptions, DOCUMENTS_QUEUE, RUNS_QUEUE } from './connection.ts';
import { documentProcessor, type DocumentJobData } from './document-job.ts';
import { watchRedis } from './redis-watch.ts';
import { scheduledRunProcessor, type RunJobData } from './scheduled-run.ts';

export interface QueueWorkerOptions {
  url: string;
  /** Documents held at once; their segments share the model batches. */
  concurrency: number;
  /** Opened, not started: the worker starts it once Redis is known to suit. */
  runtime: Runtime;
  /** One line for the worker's log (stderr). */
  log(line: string): void;
}

export interface QueueWorker {
  /** Stops taking documents, finishes those in hand (all of them now when `force`), frees everything. */
  stop(force?: boolean): Promise<void>;
  /** Resolves with the exit code once the worker has stopped, by stop() or because Redis stayed away. */
  readonly stopped: Promise<number>;
}

/**
 * `audarma worker`: takes documents (and scheduled runs) from the queues at `url` and runs them
 * through the runtime's document session, whose models run in model worker processes, so this process's
 * event loop stays free to renew BullMQ's locks. Stalled documents, retries with backoff and the
 * limit on documents that bring workers down are BullMQ's, with the config's `queue` settings.
 */
export async function startQueueWorker(opts: QueueWorkerOptions): Promise<QueueWorker> {
  const { runtime, url, log } = opts;
  const settings = runtime.loaded.config.queue;
  await checkRedis(url);
  await runtime.start();
  const session = await runtime.openSession();
  const process_ = documentProcessor(session);
  const me = `queue worker ${process.pid}`;
  const documents = new Worker<DocumentJobData, RemoteResult>(
    DOCUMENTS_QUEUE,
    async (job: Job<DocumentJobData>) => {
      log(`${me}: ${job.data.slug} started (run ${job.data.runId})`);
      const r = await process_(job);
      log(`${me}: ${job.data.slug} ${r.outcome.status}${r.outcome.reason ? `: ${r.outcome.reason}` : ''}`);
      return r;
    },
    {
      connection: connectionOptions(url),
      concurrency: opts.concurrency,
      // Unset, BullMQ's defaults apply (30 s, 30 s, 1).
      ...(settings.lockMs !== undefined && { lockDuration: settings.lockMs }),
      ...(settings.stalledIntervalMs !== undefined && { stalledInterval: settings.stalledIntervalMs }),
      ...(settings.maxStalledCount !== undefined && { maxStalledCount: settings.maxStalledCount }),
    },
  );
  // One scheduled run at a time; it enqueues its documents on the other queue and waits for them.
  const stopRuns = new AbortController();
  const runs = new Worker<RunJobData>(RUNS_QUEUE, scheduledRunProcessor(runtime, url, log, stopRuns.signal), {
    connection: connectionOptions(url),
    concurrency: 1,
  });
  for (const w of [documents, runs]) w.on('error', () => {}); // reconnections; the watchdog reports Redis gone
  documents.on('failed', (job, err) => job && log(`${me}: ${job.data.slug} error: ${err.message}`));

  let finish: (code: number) => void = () => {};
  const stopped = new Promise<number>((resolve) => (finish = resolve));
  // Redis away for longer than queue.redisDownSeconds: stop, so a supervisor sees it.
  const watch = watchRedis(url, settings, {
    warn: (m) => log(`${me}: ${m}`),
    gone: (err) => {
      log(err.message);
      void stop(true).then(() => finish(1));
    },
  });

  let stopping: Promise<void> | undefined;
  const stop = (force = false): Promise<void> => {
    if (force) runtime.kill();
    return (stopping ??= (async () => {
      stopRuns.abort();
      // Closing waits for the documents in hand, then for BullMQ's last commands. With Redis not
      // answering it would wait for Redis: a document in hand cannot be marked done without it
      // anyway, and its files are written whole or not at all, so the connections are dropped and
      // Redis hands the document out again once it is back (at least once, as for a killed worker).
      // (BullMQ's disconnect waits for the connection's end too, so it is not waited for.)
      const closing = Promise.all([documents.close(force), runs.close(force)]);
      const dropped = watch.silent().then(() => {
        for (const w of [documents, runs]) void w.disconnect().catch(() => {});
      });
      await Promise.race([closing, dropped]);
      watch.stop();
      await runtime.close();
      session.close();
    })());
  };
  await Promise.all([documents.waitUntilReady(), runs.waitUntilReady()]);
  log(
    `${me} ready on ${redactSecrets(url)} (${opts.concurrency} document${opts.concurrency === 1 ? '' : 's'} at once, ${runtime.loaded.config.inference.workers} model worker${runtime.loaded.config.inference.workers === 1 ? '' : 's'})`,
  );
  return { stop: (force) => stop(force).then(() => finish(0)), stopped };
}
