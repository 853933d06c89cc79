import type { Hypothesis } from './decode/types.ts';
import { createModelRunner, type GatewayOptions, type ModelRunner, type TokenJob } from './model-runner.ts';

/**
 * Messages from the gateway: the options once the worker said 'ready' (a message sent before the
 * worker listens may be lost), then batches, then dispose.
 */
export type WorkerRequest = { init: GatewayOptions } | (TokenJob & { id: number }) | 'dispose';
/** 'ready' once the worker listens; then one reply per batch. */
export type WorkerReply = 'ready' | { id: number; out: Hypothesis[][] } | { id: number; error: { message: string; name: string; code?: string } };

// A model worker process: it loads its own copy of the models it is asked for and runs one batch
// at a time. onnxruntime-node's session.run blocks the thread that calls it, so several cores
// take several of these; as processes they measured faster than worker threads of one process.
let runner: ModelRunner | undefined;
const send = (reply: WorkerReply) => process.send!(reply);
process.on('message', (request: WorkerRequest) => {
  if (request === 'dispose') {
    void (runner?.dispose() ?? Promise.resolve()).then(() => process.disconnect());
  } else if ('init' in request) {
    runner = createModelRunner(request.init);
  } else {
    const run = runner ? runner.generate(request) : Promise.reject(new Error('model worker asked to run a batch before its options'));
    run.then(
      (out) => send({ id: request.id, out }),
      (err: Error & { code?: string }) => send({ id: request.id, error: { message: err.message, name: err.name, code: err.code } }),
    );
  }
});
// The gateway's process is gone (finished, crashed, killed): nothing left to serve.
process.on('disconnect', () => process.exit(0));
// Up and listening: from here a death is a crash to recover from, not a failure to start.
send('ready');
