import { constants } from 'node:os';
import { openRuntime } from '../app/open-runtime.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import { parseQueueUrl } from '../queue/connection.ts';
import { startQueueWorker } from '../queue/worker.ts';
import { wholeOption } from './whole-option.ts';

export interface WorkerCommandOptions {
  config: string;
  queue?: string;
  concurrency?: string;
  modelWorkers?: string;
  cacheDir?: string;
  glossary?: string;
}

/** `audarma worker --queue URL`: a queue worker, until SIGTERM or SIGINT (which let it finish the documents in hand). */
export async function workerCommand(opts: WorkerCommandOptions): Promise<number> {
  const given = opts.queue ?? process.env.AUDARMA_REDIS_URL;
  if (!given) throw UserError.from(messages.badOptionValue('--queue', 'a Redis URL (or the AUDARMA_REDIS_URL environment variable)', '(none)'));
  const url = parseQueueUrl(given, opts.queue === undefined ? 'AUDARMA_REDIS_URL' : '--queue');
  const concurrency = wholeOption(opts.concurrency, '--concurrency', 1);
  const modelWorkers = wholeOption(opts.modelWorkers, '--model-workers', 1);
  const runtime = await openRuntime({ config: opts.config, cacheDir: opts.cacheDir, glossary: opts.glossary });
  // The pipeline, glossary and licence policy first: a worker that may not load its models says so
  // before it waits for Redis.
  await runtime.prepare();
  // Models always run in model worker processes here: a model holding this thread would keep
  // BullMQ from renewing its locks, and the queue would hand the documents to another worker.
  const inference = runtime.loaded.config.inference;
  inference.workers = modelWorkers ?? Math.max(1, inference.workers);
  const log = (line: string) => process.stderr.write(`audarma: ${line}\n`);
  const worker = await startQueueWorker({ url, concurrency: concurrency ?? runtime.loaded.config.run.concurrency, runtime, log });
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal: stop now; the documents in hand go back to the queue as stalled.
    if (++signals > 1) {
      // As `serve` does: at once. The documents in hand go back to the queue as stalled.
      log(`${signal} again: stopping now`);
      runtime.kill();
      process.exit(128 + constants.signals[signal]);
    }
    log(`${signal}: finishing the documents in hand, then stopping (send it again to stop now)`);
    void worker.stop();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  const code = await worker.stopped;
  process.removeListener('SIGTERM', onSignal);
  process.removeListener('SIGINT', onSignal);
  // Stopped with Redis away, its client's reconnection timers would keep the process alive: once
  // everything of ours is closed, the process ends with its code even so.
  setTimeout(() => process.exit(code), 1000).unref();
  return code;
}
