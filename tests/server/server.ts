// A real `audarma serve` child process on a free port (--port 0: the port comes from its log).
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cliAsync } from '../integration/helpers.ts';

export interface Served {
  child: ChildProcess;
  url: string;
  /** The JSON log lines printed so far (stderr lines that are not JSON are skipped). */
  logs(): Record<string, unknown>[];
  /** The first log line matching, waiting for it up to 10 s (lines arrive through a pipe). */
  logLine(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown> | undefined>;
  /** Resolves when the process ends. */
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Sends SIGTERM and waits for the end. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export async function serve(args: string[], cwd?: string): Promise<Served> {
  const { child, done } = cliAsync(['serve', '--port', '0', ...args], cwd);
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  // The log goes to stderr, or to the --log-file given.
  const logFile = args.includes('--log-file') ? args[args.indexOf('--log-file') + 1] : undefined;
  const logText = () => (logFile ? (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '') : stderr);
  const logs = () =>
    logText()
      .split('\n')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  const port = await new Promise<number>((resolve, reject) => {
    const look = () => {
      const listening = logs().find((l) => l.msg === 'listening');
      if (!listening) return;
      clearInterval(timer);
      clearTimeout(limit);
      resolve(listening.port as number);
    };
    child.stderr!.on('data', look);
    const timer = setInterval(look, 50);
    // Never wait forever: a server that does not listen in time fails the file, and is stopped.
    const limit = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`audarma serve did not listen within 90 s:\n${stderr}`));
    }, 90_000);
    done.finally(() => {
      clearInterval(timer);
      clearTimeout(limit);
    });
    done.then((r) => reject(new Error(`audarma serve ended (${r.code ?? r.signal}) before listening:\n${r.stderr}`)));
  });
  const ended = done.then((r) => ({ code: r.code, signal: r.signal, stderr: r.stderr }));
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    logs,
    async logLine(match) {
      for (let waited = 0; waited < 10_000; waited += 50) {
        const line = logs().find(match);
        if (line) return line;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return undefined;
    },
    ended,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return ended;
    },
  };
}

/** POSTs JSON and gives the status and the parsed answer. */
export async function post(url: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

export async function get(url: string): Promise<{ status: number; json: any }> {
  const res = await fetch(url);
  return { status: res.status, json: await res.json() };
}
