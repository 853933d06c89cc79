import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { runBatch, type BatchOptions } from '../runner/run-batch.ts';
import type { RunReport } from '../output/report-schema.ts';
import { SetupError } from '../diagnostics/messages.ts';
import { checkRedis } from './connection.ts';
import { queueMessages } from './messages.ts';
import { queueDocuments } from './queue-documents.ts';

/** A new run id: sortable by time, unique across machines. */
export const newRunId = () => `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;

/**
 * `audarma run … --queue URL`: the same run as a local one (locks, unchanged check, slugs,
 * progress, report, exit code), but the changed documents go to the queue workers listening on
 * `url`. Inputs (globs too) are made absolute, so documents are named by absolute path in jobs,
 * reports and result.json alike: the workers may run elsewhere, on a shared filesystem.
 */
export async function runOnQueue(
  url: string,
  opts: Omit<BatchOptions, 'remote'>,
  /** `signals`: the process is this run's (the CLI), so SIGINT and SIGTERM end it; `stop`: whoever runs it inside a longer-lived process ends it so. */
  ends: { signals?: boolean; stop?: AbortSignal } = {},
): Promise<RunReport> {
  await checkRedis(url);
  const outDir = path.resolve(opts.outDir);
  const remote = queueDocuments({
    url,
    runId: newRunId(),
    settings: opts.runtime.loaded.config.queue,
    pipeline: (opts.pipeline ?? opts.runtime.pipeline!).name,
    outDir,
    noCache: Boolean(opts.noCache) || Boolean(opts.clearCache),
    warn: (message) => opts.onEvent?.({ type: 'warning', message }),
  });
  // Stopped: the documents no worker has taken yet leave the queue (within two seconds: Redis may
  // be the reason for stopping); those in workers' hands finish. A signalled CLI then ends as
  // signalled, runBatch's cleanup releasing the locks on exit; a run stopped inside a worker
  // stops as a run does when its models fail (SetupError), without a report.
  const withdraw = () => Promise.race([remote.withdraw(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    const code = 128 + (signal === 'SIGINT' ? 2 : 15);
    if (signalled) process.exit(code);
    signalled = true;
    void withdraw().finally(() => process.exit(code));
  };
  const onStop = () => void withdraw().finally(() => remote.abort(SetupError.from(queueMessages.runStopped())));
  if (ends.signals) {
    // on, not once: runBatch's own handler steps aside only while another one is listening.
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  ends.stop?.addEventListener('abort', onStop, { once: true });
  try {
    return await runBatch({ ...opts, inputs: opts.inputs.map((i) => path.resolve(i)), outDir, remote });
  } finally {
    process.removeListener('SIGTERM', onSignal);
    process.removeListener('SIGINT', onSignal);
    ends.stop?.removeEventListener('abort', onStop);
    await remote.close();
  }
}
