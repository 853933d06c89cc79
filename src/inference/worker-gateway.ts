import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { UserError } from '../diagnostics/messages.ts';
import { batchSizeIn, createBatchQueue, queueGateway } from './batch-queue.ts';
import type { Gateway } from './gateway.ts';
import { createModelRunner, type BatchJob, type GatewayOptions } from './model-runner.ts';
import type { WorkerReply, WorkerRequest } from './model-worker.ts';

/**
 * Runs models in worker processes, each with its own copy of the weights, so batches run on
 * several cores at once (onnxruntime-node's session.run blocks the thread that calls it). The
 * shared batch queue hands each worker the next batch as soon as it is free. Token counting stays
 * in this process: tokenizers are small, and splitting text to fit must not wait on a model.
 */
export function createWorkerGateway(opts: GatewayOptions & { workers: number }): Gateway {
  const { workers: count, ...options } = opts;
  const runner = createModelRunner(options);
  const entry = fileURLToPath(new URL('./model-worker-process.mjs', import.meta.url));
  let nextId = 1;
  const workers = Array.from({ length: count }, () => {
    const child = fork(entry, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const pending = new Map<number, { resolve(out: string[]): void; reject(err: Error): void }>();
    const send = (m: WorkerRequest) => child.send(m);
    child.on('message', (reply: WorkerReply) => {
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      if ('out' in reply) p?.resolve(reply.out);
      else p?.reject(reply.error.name === 'UserError' ? new UserError(reply.error.code ?? 'MODEL', reply.error.message) : new Error(reply.error.message));
    });
    child.on('exit', (code, signal) => {
      for (const p of pending.values()) p.reject(new Error(`model worker stopped (${signal ?? `exit code ${code}`})`));
      pending.clear();
    });
    send({ init: options });
    const run = (job: BatchJob) =>
      new Promise<string[]>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        send({ ...job, id });
      });
    return { child, run };
  });
  const queue = createBatchQueue(workers.map((w) => w.run), batchSizeIn(opts.catalogue));

  return queueGateway(
    queue,
    (key) => runner.tokenCounter(key),
    async () => {
      await Promise.all(
        workers.map(({ child }) =>
          child.exitCode !== null
            ? undefined
            : new Promise<void>((resolve) => {
                child.once('exit', () => resolve());
                child.send('dispose' satisfies WorkerRequest);
              }),
        ),
      );
      await runner.dispose();
    },
  );
}
