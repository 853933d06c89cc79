import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { messages, SetupError, UserError } from '../diagnostics/messages.ts';
import { WorkerDiedError } from './batch-queue.ts';
import type { Hypothesis } from './decode/types.ts';
import type { GatewayOptions, TokenJob } from './model-runner.ts';
import type { WorkerReply, WorkerRequest } from './model-worker.ts';

const ENTRY = fileURLToPath(new URL('./model-worker-process.mjs', import.meta.url));
/** How long a worker asked to stop may take to free its models before it is killed. */
const DISPOSE_WAIT_MS = 10_000;
/** How much of a worker's last stderr output a start failure quotes. */
const STDERR_TAIL = 600;
/**
 * Deaths in a row after which the slot gives up: before 'ready' (one may be bad luck, killed while
 * starting), and while working without finishing a single batch in between (every batch kills it).
 */
const START_ATTEMPTS = 2;
const DEATHS_IN_A_ROW = 3;

interface Pending {
  resolve(out: Hypothesis[][]): void;
  reject(err: Error): void;
}

/** One worker process and what it was asked; replaced by a new one when it dies. */
interface Current {
  child: ChildProcess;
  ready: Promise<void>;
  pending: Map<number, Pending>;
}

function errorOf(e: { message: string; name: string; code?: string }): Error {
  if (e.name === 'SetupError') return new SetupError(e.code ?? 'MODEL', e.message);
  if (e.name === 'UserError') return new UserError(e.code ?? 'MODEL', e.message);
  return new Error(e.message);
}

/**
 * A queue slot backed by a model worker process. A worker that dies while it works is replaced by
 * a new process (which loads its models again on its first batch); the batch it held fails with
 * WorkerDiedError, which the queue retries. Workers that die twice in a row before they are even
 * up, or 3 times in a row without finishing a batch, are a SetupError: more would most likely die
 * the same way, and the run must neither wait nor restart workers forever.
 */
export class WorkerSlot {
  private current!: Current;
  private stopping = false;
  private broken?: SetupError;
  private stderrTail = '';
  private nextId = 1;
  private startFailures = 0;
  private deathsInARow = 0;

  constructor(
    private readonly init: GatewayOptions,
    private readonly warn: (message: string) => void,
  ) {
    this.spawn();
  }

  private spawn(): void {
    const child = fork(ENTRY, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const pending = new Map<number, Pending>();
    let up = false;
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-STDERR_TAIL);
    });
    const ready = new Promise<void>((resolve, reject) => {
      const failStart = (how: string) => {
        const tail = this.stderrTail.trim().split('\n').at(-1);
        this.broken = SetupError.from(messages.workerStartFailed(tail ? `${how}: ${tail}` : how));
        reject(this.broken);
      };
      child.on('message', (reply: WorkerReply) => {
        if (reply === 'ready') {
          // IPC keeps order: the options arrive before any batch sent once this resolves.
          this.send(child, { init: this.init });
          up = true;
          this.startFailures = 0;
          resolve();
          return;
        }
        if (pending.has(reply.id)) this.deathsInARow = 0;
        const p = pending.get(reply.id);
        pending.delete(reply.id);
        if ('out' in reply) p?.resolve(reply.out);
        else p?.reject(errorOf(reply.error));
      });
      // Spawning failed, or a message could not be sent (the exit that follows says the rest).
      child.on('error', (err) => {
        if (!up) failStart(err.message);
      });
      child.on('exit', (code, signal) => {
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        const held = pending.size > 0;
        for (const p of pending.values()) p.reject(this.broken ?? new WorkerDiedError(how));
        pending.clear();
        if (this.stopping || this.broken) return;
        if (!up && ++this.startFailures >= START_ATTEMPTS) {
          failStart(how);
          return;
        }
        if (up && ++this.deathsInARow >= DEATHS_IN_A_ROW) {
          this.broken = SetupError.from(messages.workerKeepsDying(DEATHS_IN_A_ROW, how));
          return;
        }
        this.warn(messages.workerReplaced(child.pid ?? 0, how, held).message);
        // run() waits on the replacement's readiness; this one's will never come.
        if (!up) resolve();
        this.spawn();
      });
    });
    // Awaited by run(); a start failure must not also surface as an unhandled rejection.
    ready.catch(() => {});
    this.current = { child, ready, pending };
  }

  private send(child: ChildProcess, message: WorkerRequest, onError: (err: Error) => void = () => {}): void {
    if (!child.connected) {
      onError(new Error('channel closed'));
      return;
    }
    child.send(message, (err) => err && onError(err));
  }

  /** Runs one batch on the worker, waiting for it to be up (a replacement may be starting). */
  async run(job: TokenJob): Promise<Hypothesis[][]> {
    for (;;) {
      if (this.broken) throw this.broken;
      const { child, ready, pending } = this.current;
      await ready;
      // Replaced while we waited: wait for the new one.
      if (this.current.child !== child) continue;
      return new Promise<Hypothesis[][]>((resolve, reject) => {
        const id = this.nextId++;
        pending.set(id, { resolve, reject });
        this.send(child, { ...job, id }, () => {
          if (pending.delete(id)) reject(new WorkerDiedError('its channel closed'));
        });
      });
    }
  }

  /** Asks the worker to free its models and exit; kills it if it takes too long. */
  async dispose(): Promise<void> {
    this.stopping = true;
    const { child } = this.current;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.send(child, 'dispose', () => child.kill('SIGKILL'));
    const timer = setTimeout(() => child.kill('SIGKILL'), DISPOSE_WAIT_MS);
    await exited;
    clearTimeout(timer);
  }

  /** Ends the worker at once (the run is being stopped by a signal or is exiting). */
  kill(): void {
    this.stopping = true;
    const { child } = this.current;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  }
}
