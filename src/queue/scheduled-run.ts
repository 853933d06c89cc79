import path from 'node:path';
import { Queue, UnrecoverableError, type Job } from 'bullmq';
import type { Runtime } from '../app/open-runtime.ts';
import { loadPipeline } from '../pipeline/load-pipeline.ts';
import { UserError } from '../diagnostics/messages.ts';
import { checkRedis, connectionOptions, RUNS_QUEUE } from './connection.ts';
import { queueMessages } from './messages.ts';
import { runOnQueue } from './queued-run.ts';

/** A scheduled run, as BullMQ's job scheduler makes it: the config's job to run. */
export interface RunJobData {
  job: string;
}

/**
 * `audarma schedule`: a BullMQ job scheduler on the runs queue that makes a run of `job` at
 * every time `cron` names (or removes it). Upserting: scheduling a job again changes its times.
 */
export async function scheduleRun(url: string, job: string, cron: string | undefined, tz?: string): Promise<string> {
  await checkRedis(url);
  const queue = new Queue<RunJobData>(RUNS_QUEUE, { connection: connectionOptions(url) });
  try {
    if (cron === undefined) {
      const removed = await queue.removeJobScheduler(job);
      return removed ? `removed the schedule of job ${job}` : `job ${job} had no schedule`;
    }
    try {
      await queue.upsertJobScheduler(job, { pattern: cron, ...(tz && { tz }) }, { name: 'run', data: { job } });
    } catch (err) {
      throw new UserError(
        'USAGE',
        `--cron: expected a cron pattern such as "0 2 * * *" (minute hour day month weekday), got \`${cron}\`: ${(err as Error).message}`,
      );
    }
    // The scheduler's own next time: the first job's delay was reckoned from an earlier "now".
    const next = (await queue.getJobScheduler(job))?.next;
    const at = next === undefined ? 'unknown' : new Date(next).toISOString();
    return `job ${job} runs on the queue workers at "${cron}"${tz ? ` (${tz})` : ''}; next run ${at}`;
  } finally {
    await queue.close();
  }
}

/**
 * The runs queue's processor: the named job of the worker's own config, as `audarma run --job
 * NAME --queue URL` would run it, its documents going to the documents queue. `stop` (the worker
 * stopping) ends it: a worker must not wait, while closing, on documents it no longer takes.
 */
export function scheduledRunProcessor(
  runtime: Runtime,
  url: string,
  log: (line: string) => void,
  stop: AbortSignal,
): (job: Job<RunJobData>) => Promise<unknown> {
  return async (j) => {
    const { loaded } = runtime;
    const job = Object.hasOwn(loaded.config.jobs, j.data.job) ? loaded.config.jobs[j.data.job] : undefined;
    if (!job) throw new UnrecoverableError(queueMessages.unknownRunJob(j.data.job));
    const pipeline = await loadPipeline(job.pipeline ?? loaded.config.defaultPipeline, loaded);
    log(`scheduled run of job ${j.data.job} started`);
    const report = await runOnQueue(
      job.queue ?? url,
      {
        runtime,
        pipeline,
        inputs: job.inputs.map((i) => path.resolve(loaded.dir, i)),
        outDir: path.resolve(loaded.dir, job.out),
        failureThreshold: job.failureThreshold,
        command: `audarma schedule (job ${j.data.job})`,
        onEvent: (e) => e.type === 'warning' && log(`scheduled run of job ${j.data.job}: ${e.message}`),
      },
      { stop },
    );
    const d = report.documents;
    log(`scheduled run of job ${j.data.job}: ${d.done} done, ${d.failed} failed, ${d.unchanged} unchanged of ${d.total} documents`);
    return { documents: d, exitCode: report.exitCode };
  };
}
