import { parentPort, workerData } from 'node:worker_threads';
import { createModelRunner, type BatchJob, type GatewayOptions } from './model-runner.ts';

export type WorkerRequest = (BatchJob & { id: number }) | 'dispose';
export type WorkerReply = { id: number; out: string[] } | { id: number; error: { message: string; name: string; code?: string } };

// Each worker loads its own copy of the models it is asked for: onnxruntime's session.run blocks
// its thread, so only separate threads use several cores at once.
const runner = createModelRunner(workerData as GatewayOptions);
const port = parentPort!;
port.on('message', (request: WorkerRequest) => {
  if (request === 'dispose') {
    void runner.dispose().then(() => port.close());
    return;
  }
  runner.run(request).then(
    (out) => port.postMessage({ id: request.id, out } satisfies WorkerReply),
    (err: Error & { code?: string }) =>
      port.postMessage({ id: request.id, error: { message: err.message, name: err.name, code: err.code } } satisfies WorkerReply),
  );
});
