import path from 'node:path';
import { openRuntime } from '../app/open-runtime.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import { runBatch } from '../runner/run-batch.ts';
import { LockedError } from '../store/lock.ts';
import { StoreCorruptError } from '../store/store.ts';
import { createProgress, progressMode } from './progress.ts';

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
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

const positive = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw UserError.from(messages.notANumber(name, value));
  return n;
};

/** `audarma run [PIPELINE] --input …` or `audarma run --job NAME`; also what `translate` runs. */
export async function runCommand(pipelineArg: string | undefined, opts: RunCommandOptions, argv: string[]): Promise<number> {
  const runtime = await openRuntime({ config: opts.config, cacheDir: opts.cacheDir, glossary: opts.glossary, job: opts.job, pipeline: pipelineArg });
  const { loaded, job } = runtime;
  const inputs = job ? job.inputs.map((i) => path.resolve(loaded.dir, i)) : (opts.input ?? []);
  if (inputs.length === 0) throw UserError.from(messages.noInputs());
  const outDir = job ? path.resolve(loaded.dir, job.out) : (opts.out ?? 'out');
  const gateway = await runtime.start();
  const { pipeline, glossary } = runtime;
  // Stopped by a signal: the worker processes end with the run (none is left running), then the
  // signal is raised again so the locks are released (src/store/lock.ts) and the process ends
  // as signalled.
  const onSignal = (signal: NodeJS.Signals) => {
    gateway.kill();
    for (const s of STOP_SIGNALS) process.removeListener(s, onSignal);
    process.kill(process.pid, signal);
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  try {
    const report = await runBatch({
      loaded,
      pipeline: pipeline!,
      inputs,
      outDir,
      gateway,
      concurrency: positive(opts.concurrency, '--concurrency') ?? job?.concurrency,
      failureThreshold: positive(opts.failureThreshold, '--failure-threshold') ?? job?.failureThreshold,
      noCache: opts.cache === false,
      clearCache: opts.clearCache,
      glossary,
      command: ['audarma', ...argv.slice(2)].join(' '),
      onEvent: createProgress(progressMode(opts)),
    });
    return report.exitCode;
  } catch (err) {
    if (err instanceof LockedError) throw new UserError('LOCKED', err.message);
    if (err instanceof StoreCorruptError) throw new UserError('STORE_CORRUPT', err.message);
    throw err;
  } finally {
    for (const s of STOP_SIGNALS) process.removeListener(s, onSignal);
    await runtime.close();
  }
}
