import type { Gateway } from './gateway.ts';
import { batchSizeIn, createBatchQueue, queueGateway } from './batch-queue.ts';
import { createModelRunner, type GatewayOptions } from './model-runner.ts';
import { createTextCodec, textSlot } from './text-codec.ts';

export type { GatewayOptions } from './model-runner.ts';

/**
 * Runs models in this thread, one batch at a time (onnxruntime's session.run blocks the thread
 * anyway), fed by the shared batch queue so every document in flight fills the same batches.
 */
export function createLocalGateway(opts: GatewayOptions): Gateway {
  const codec = createTextCodec(opts);
  const runner = createModelRunner(opts);
  const queue = createBatchQueue([textSlot(codec, (job) => runner.generate(job))], batchSizeIn(opts.catalogue));
  return queueGateway(queue, {
    tokenCounter: (key) => codec.tokenCounter(key),
    inputLimit: (key) => codec.inputLimit(key),
    async dispose() {
      codec.dispose();
      await runner.dispose();
    },
  });
}
