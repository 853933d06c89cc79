// `audarma worker` processes for the queue tests: started as a user starts them, watched through
// the lines they log (stderr), stopped by signals.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { REPO } from '../integration/helpers.ts';

export interface QueueWorkerProcess {
  child: ChildProcess;
  log(): string;
  /** Resolves once the log matches `re`; rejects when the worker ends first or after `ms`. */
  waitFor(re: RegExp, ms?: number): Promise<void>;
  /** Slugs this worker started and has not reported finished. */
  inHand(): string[];
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startWorker(args: string[], cwd: string): QueueWorkerProcess {
  const child = spawn(process.execPath, [path.join(REPO, 'bin/audarma.js'), 'worker', ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const watchers = new Set<() => void>();
  child.stderr!.on('data', (b: Buffer) => {
    log += b.toString();
    for (const w of [...watchers]) w();
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    log: () => log,
    waitFor: (re, ms = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`worker ${child.pid}: no line matching ${re} within ${ms} ms:\n${log}`)), ms);
        const check = () => re.test(log) && done();
        const done = (err?: Error) => {
          clearTimeout(timer);
          watchers.delete(check);
          if (err) reject(err);
          else resolve();
        };
        watchers.add(check);
        void ended.then(() => done(new Error(`worker ${child.pid} ended before a line matching ${re}:\n${log}`)));
        check();
      }),
    inHand: () => {
      const held = new Set<string>();
      for (const m of log.matchAll(/: (\S+) (started|done|failed|error)/g)) {
        if (m[2] === 'started') held.add(m[1]);
        else held.delete(m[1]);
      }
      return [...held];
    },
    ended,
  };
}
