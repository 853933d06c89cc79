import { batchSizeIn, createBatchQueue, queueGateway } from './batch-queue.ts';
import type { Gateway } from './gateway.ts';
import type { GatewayOptions } from './model-runner.ts';
import { createTextCodec, textSlot } from './text-codec.ts';
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
 * in this process, and so do tokenizing and detokenizing: splitting text to fit must not wait on
 * a model, and a worker without tokenizer tables spends far less on garbage collection.
 */
export function createWorkerGateway(opts: WorkerGatewayOptions): Gateway {
  const { workers: count, onWarning, ...options } = opts;
  const codec = createTextCodec(options);
  const warn = onWarning ?? ((m: string) => process.stderr.write(`audarma: ${m}\n`));
  const slots = Array.from({ length: count }, () => new WorkerSlot(options, warn));
  // However this process ends, its workers end with it.
  const killAll = () => slots.forEach((s) => s.kill());
  process.on('exit', killAll);
  const queue = createBatchQueue(
    slots.map((s) => textSlot(codec, (job) => s.run(job))),
    batchSizeIn(opts.catalogue),
  );
  return queueGateway(queue, {
    tokenCounter: (key) => codec.tokenCounter(key),
    inputLimit: (key) => codec.inputLimit(key),
    async dispose() {
      await Promise.all(slots.map((s) => s.dispose()));
      process.removeListener('exit', killAll);
      codec.dispose();
    },
    kill: killAll,
  });
}
