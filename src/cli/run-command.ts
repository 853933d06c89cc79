import path from 'node:path';
import { openRuntime } from '../app/open-runtime.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import { runBatch } from '../runner/run-batch.ts';
import { createProgress, progressMode } from './progress.ts';
import { wholeOption } from './whole-option.ts';

export interface RunCommandOptions {
  config: string;
  input?: string[];
  out?: string;
  job?: string;
  concurrency?: string;
  failureThreshold?: string;
  cache?: boolean;
  clearCache?: boolean;
  cacheDir?: string;
  glossary?: string;
  quiet?: boolean;
  json?: boolean;
  /** Redis URL: the changed documents go to the queue workers there. */
  queue?: string;
}

/** `--failure-threshold`: a share of the documents, from 0 to 1. */
const share = (value: string | undefined, option: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw UserError.from(messages.badOptionValue(option, 'a share from 0 to 1 (0.1 is 10 %)', value));
  return n;
};

/** `audarma run [PIPELINE] --input …` or `audarma run --job NAME`; also what `translate` runs. */
export async function runCommand(pipelineArg: string | undefined, opts: RunCommandOptions, argv: string[]): Promise<number> {
  // Checked before anything is loaded: a mistyped option costs nothing.
  const concurrency = wholeOption(opts.concurrency, '--concurrency', 1);
  const failureThreshold = share(opts.failureThreshold, '--failure-threshold');
  const runtime = await openRuntime({ config: opts.config, cacheDir: opts.cacheDir, glossary: opts.glossary, job: opts.job, pipeline: pipelineArg });
  const { loaded, job } = runtime;
  const inputs = job ? job.inputs.map((i) => path.resolve(loaded.dir, i)) : (opts.input ?? []);
  if (inputs.length === 0) throw UserError.from(messages.noInputs());
  const outDir = job ? path.resolve(loaded.dir, job.out) : (opts.out ?? 'out');
  const queue = opts.queue ?? job?.queue;
  if (queue) (await import('../queue/connection.ts')).parseQueueUrl(queue, opts.queue ? '--queue' : `jobs.${opts.job}.queue`);
  // Stopped by SIGINT or SIGTERM, runBatch ends the model workers, cleans up and releases its locks.
  // Through a queue, this process runs no model: the queue workers do.
  await (queue ? runtime.prepare() : runtime.start());
  try {
    const batch = {
      runtime,
      inputs,
      outDir,
      concurrency: concurrency ?? job?.concurrency,
      failureThreshold: failureThreshold ?? job?.failureThreshold,
      noCache: opts.cache === false,
      clearCache: opts.clearCache,
      command: ['audarma', ...argv.slice(2)].join(' '),
      onEvent: createProgress(progressMode(opts)),
    };
    const report = queue ? await (await import('../queue/queued-run.ts')).runOnQueue(queue, batch, { signals: true }) : await runBatch(batch);
    return report.exitCode;
  } finally {
    await runtime.close();
  }
}
