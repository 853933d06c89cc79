import { Worker } from 'node:worker_threads';
import type { Generation } from '../config/schema.ts';
import { UserError } from '../diagnostics/messages.ts';
import type { Gateway } from './gateway.ts';
import { createLocalGateway, type GatewayOptions } from './local-gateway.ts';
import type { WorkerJob, WorkerReply } from './model-worker.ts';

/**
 * Runs models in worker threads, each with its own copy of the weights, so batches run on several
 * cores at once (onnxruntime-node's session.run blocks the thread that calls it). Each request is
 * cut into length-sorted batches that go to whichever worker has the least work queued. Token
 * counting stays in this thread: tokenizers are small and splitting must not wait on a model.
 */
export function createWorkerGateway(opts: GatewayOptions & { workers: number }): Gateway {
  const { workers: count, ...options } = opts;
  const local = createLocalGateway(options);
  const url = new URL('./worker-entry.mjs', import.meta.url);
  const workers = Array.from({ length: count }, () => ({ worker: new Worker(url, { workerData: options }), busy: 0 }));
  const pending = new Map<number, { resolve(out: string[]): void; reject(err: Error): void; slot: (typeof workers)[number] }>();
  let nextId = 1;
  for (const slot of workers) {
    slot.worker.on('message', (reply: WorkerReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      p.slot.busy--;
      if ('out' in reply) p.resolve(reply.out);
      else p.reject(reply.error.name === 'UserError' ? new UserError(reply.error.code ?? 'MODEL', reply.error.message) : new Error(reply.error.message));
    });
    slot.worker.on('error', (err) => {
      for (const [id, p] of pending) if (p.slot === slot) (pending.delete(id), p.reject(err));
    });
  }
  const dispatch = (job: Omit<WorkerJob, 'id'>): Promise<string[]> => {
    const slot = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = nextId++;
    slot.busy++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ ...job, id } satisfies WorkerJob);
    });
  };
  const calls: Record<string, number> = {};

  async function run(op: WorkerJob['op'], key: string, texts: string[], langs?: { from: string; to: string }, generation?: Generation) {
    const model = opts.catalogue[key];
    if (!model) throw new Error(`unknown model "${key}"`);
    const out = new Array<string>(texts.length).fill('');
    const todo = texts.map((_, i) => i).filter((i) => texts[i].trim() !== '');
    todo.sort((a, b) => texts[a].length - texts[b].length);
    const batches: number[][] = [];
    for (let i = 0; i < todo.length; i += model.batchSize) batches.push(todo.slice(i, i + model.batchSize));
    await Promise.all(
      batches.map(async (batch) => {
        const result = await dispatch({ op, key, texts: batch.map((i) => texts[i]), langs, generation });
        batch.forEach((i, n) => (out[i] = result[n]));
        calls[key] = (calls[key] ?? 0) + batch.length;
      }),
    );
    return out;
  }

  return {
    calls,
    translate: (key, texts, langs, generation) => run('translate', key, texts, langs, generation),
    summarize: (key, texts, generation) => run('summarize', key, texts, undefined, generation),
    tokenCounter: (key) => local.tokenCounter(key),
    async dispose() {
      await Promise.all(
        workers.map(({ worker }) => new Promise<void>((resolve) => {
          worker.once('exit', () => resolve());
          worker.postMessage('dispose');
        })),
      );
      await local.dispose();
    },
  };
}
