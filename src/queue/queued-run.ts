import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { runBatch, type BatchOptions } from '../runner/run-batch.ts';
import type { RunReport } from '../runner/report-schema.ts';
import { checkRedis } from './connection.ts';
import { queueDocuments } from './queue-documents.ts';

/** A new run id: sortable by time, unique across machines. */
export const newRunId = () => `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;

/**
 * `audarma run … --queue URL`: the same run as a local one (locks, unchanged check, slugs,
 * progress, report, exit code), but the changed documents go to the queue workers listening on
 * `url`. Inputs (globs too) are made absolute, so documents are named by absolute path in jobs,
 * reports and result.json alike: the workers may run elsewhere, on a shared filesystem.
 */
export async function runOnQueue(url: string, opts: Omit<BatchOptions, 'gateway' | 'remote'>): Promise<RunReport> {
  await checkRedis(url);
  const outDir = path.resolve(opts.outDir);
  const remote = queueDocuments({
    url,
    runId: newRunId(),
    settings: opts.loaded.config.queue,
    pipeline: opts.pipeline.name,
    outDir,
    noCache: Boolean(opts.noCache) || Boolean(opts.clearCache),
    warn: (message) => opts.onEvent?.({ type: 'warning', message }),
  });
  try {
    return await runBatch({ ...opts, inputs: opts.inputs.map((i) => path.resolve(i)), outDir, remote });
  } finally {
    await remote.close();
  }
}
