import type { Gateway } from './gateway.ts';
import { batchSizeIn, createBatchQueue, queueGateway } from './batch-queue.ts';
import { createModelRunner, type GatewayOptions } from './model-runner.ts';

export type { GatewayOptions } from './model-runner.ts';

/**
 * Runs models in this thread, one batch at a time (onnxruntime's session.run blocks the thread
 * anyway), fed by the shared batch queue so every document in flight fills the same batches.
 */
export function createLocalGateway(opts: GatewayOptions): Gateway {
  const runner = createModelRunner(opts);
  const queue = createBatchQueue([(job) => runner.run(job)], batchSizeIn(opts.catalogue));
  return queueGateway(queue, {
    tokenCounter: (key) => runner.tokenCounter(key),
    inputLimit: (key) => runner.inputLimit(key),
    dispose: () => runner.dispose(),
  });
}
