import { parentPort, workerData } from 'node:worker_threads';
import type { GatewayOptions } from './local-gateway.ts';
import { createLocalGateway } from './local-gateway.ts';

/** A job for a model worker: one batch through one model. */
export interface WorkerJob {
  id: number;
  op: 'translate' | 'summarize';
  key: string;
  texts: string[];
  langs?: { from: string; to: string };
  generation?: Record<string, unknown>;
}

export type WorkerReply = { id: number; out: string[] } | { id: number; error: { message: string; name: string; code?: string } };

// Each worker loads its own copy of the models it is asked for: onnxruntime's session.run blocks
// its thread, so only separate threads use several cores at once.
const gateway = createLocalGateway(workerData as GatewayOptions);
const port = parentPort!;
let chain = Promise.resolve();
port.on('message', (job: WorkerJob | 'dispose') => {
  if (job === 'dispose') {
    void chain.then(() => gateway.dispose()).then(() => port.close());
    return;
  }
  chain = chain.then(async () => {
    try {
      const out =
        job.op === 'translate'
          ? await gateway.translate(job.key, job.texts, job.langs!, job.generation)
          : await gateway.summarize(job.key, job.texts, job.generation);
      port.postMessage({ id: job.id, out } satisfies WorkerReply);
    } catch (err) {
      const e = err as Error & { code?: string };
      port.postMessage({ id: job.id, error: { message: e.message, name: e.name, code: e.code } } satisfies WorkerReply);
    }
  });
});
