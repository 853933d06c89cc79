import { batchSizeIn, createBatchQueue, queueGateway } from './batch-queue.ts';
import type { Gateway } from './gateway.ts';
import { createModelRunner, type GatewayOptions } from './model-runner.ts';
import { WorkerSlot } from './worker-slot.ts';

export interface WorkerGatewayOptions extends GatewayOptions {
  workers: number;
  /** Where to say that a worker died and was replaced. @default a line on stderr */
  onWarning?(message: string): void;
}

/**
 * Runs models in worker processes, each with its own copy of the weights, so batches run on
 * several cores at once (onnxruntime-node's session.run blocks the thread that calls it). The
 * shared batch queue hands each worker the next batch as soon as it is free. Token counting stays
 * in this process: tokenizers are small, and splitting text to fit must not wait on a model.
 */
export function createWorkerGateway(opts: WorkerGatewayOptions): Gateway & { readonly workerPids: (number | undefined)[] } {
  const { workers: count, onWarning, ...options } = opts;
  const runner = createModelRunner(options);
  const warn = onWarning ?? ((m: string) => process.stderr.write(`audarma: ${m}\n`));
  const slots = Array.from({ length: count }, () => new WorkerSlot(options, warn));
  // However this process ends, its workers end with it.
  const killAll = () => slots.forEach((s) => s.kill());
  process.on('exit', killAll);
  const queue = createBatchQueue(
    slots.map((s) => (job) => s.run(job)),
    batchSizeIn(opts.catalogue),
  );
  const gateway = queueGateway(queue, {
    tokenCounter: (key) => runner.tokenCounter(key),
    inputLimit: (key) => runner.inputLimit(key),
    async dispose() {
      await Promise.all(slots.map((s) => s.dispose()));
      process.removeListener('exit', killAll);
      await runner.dispose();
    },
    kill: killAll,
  });
  return Object.assign(gateway, {
    get workerPids() {
      return slots.map((s) => s.pid);
    },
  });
}
