// A throwaway audarma project (config.yaml + pipelines/article.yaml) for CLI tests, and a way to
// watch a CLI run in the background: its JSON events and its worker processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO } from './helpers.ts';

export const tmp = (name = 'run') => mkdtempSync(path.join(tmpdir(), `audarma-${name}-`));

/** The article pipeline reduced to what a test needs: read, segment, translate into `targets`, (summarize,) write. */
export function pipelineYaml(targets: string[], summarize = false): string {
  return [
    'steps:',
    '  - uses: read',
    '  - uses: segment',
    '  - uses: translate',
    `    with: { targets: [${targets.join(', ')}] }`,
    ...(summarize ? ['  - uses: summarize'] : []),
    '  - uses: write',
    '',
  ].join('\n');
}

/** Writes config.yaml (given as lines) and the pipeline into a new folder; returns the folder. */
export function project(config: string[], pipeline = pipelineYaml(['en'])): string {
  const dir = tmp('project');
  writeFileSync(path.join(dir, 'config.yaml'), config.join('\n') + '\n');
  mkdirSync(path.join(dir, 'pipelines'));
  writeFileSync(path.join(dir, 'pipelines/article.yaml'), pipeline);
  return dir;
}

export interface BackgroundRun {
  child: ChildProcess;
  events: { type: string; status?: string; reason?: string }[];
  stderr: () => string;
  /** Resolves once `n` JSON events were printed. */
  events$(n: number): Promise<void>;
  ended: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `audarma ARGS --json` in `cwd` without waiting for it. */
export function startCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): BackgroundRun {
  const child = spawn(process.execPath, [path.join(REPO, 'bin/audarma.js'), ...args, '--json'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const events: BackgroundRun['events'] = [];
  let err = '';
  let buffer = '';
  const waiters: { n: number; resolve(): void }[] = [];
  child.stderr!.on('data', (chunk) => (err += chunk));
  child.stdout!.on('data', (chunk) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) events.push(JSON.parse(line));
    for (const w of waiters) if (events.length >= w.n) w.resolve();
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    events,
    stderr: () => err,
    events$: (n) =>
      Promise.race([
        new Promise<void>((resolve) => (events.length >= n ? resolve() : waiters.push({ n, resolve }))),
        ended.then(() => {
          throw new Error(`the run ended after ${events.length} events:\n${err}`);
        }),
      ]),
    ended,
  };
}

/** Linux process state: R running, S sleeping, Z zombie…; undefined when gone. */
export function processState(pid: number): { state: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

const commandLine = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
};

/** The model worker processes of a CLI run: its children running the worker script, from /proc. */
export function workerPids(pid: number): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((p) => processState(p)?.ppid === pid && commandLine(p).includes('model-worker-process'));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Alive and not a zombie (an exited process nobody has reaped yet). */
export const running = (pid: number) => {
  const s = processState(pid)?.state;
  return s !== undefined && s !== 'Z' && s !== 'X';
};

/** A project whose English edition comes from the tiny model made unsure of two words (tests/tiny/marian.ts). */
export function unsureProject(): string {
  return project([
    `models: { dir: ${path.join(REPO, 'tests/fixtures/tiny/models')} }`,
    'catalogue:',
    '  unsure: { id: audarma-tiny/unsure-fr-en, task: translation, pairs: [{ from: fr, to: en }], maxInputTokens: 64 }',
    'targets:',
    '  en: { model: unsure, script: Latn }',
  ]);
}
