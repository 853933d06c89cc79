import type { ModelConfig } from '../config/schema.ts';
import type { Gateway } from './gateway.ts';
import type { BatchJob } from './model-runner.ts';

interface Waiting {
  text: string;
  since: number;
  resolve(out: string): void;
  reject(err: unknown): void;
}

/** How long a batch that is not full may wait for more segments. */
const FILL_WAIT_MS = 20;

interface Lane {
  key: string;
  job: Omit<BatchJob, 'texts'>;
  waiting: Waiting[];
}

/**
 * Continuous batching across every caller: segments wait in one lane per (model, task, language
 * pair, generation options); whenever a slot (this thread, or a worker thread) is free it takes
 * the shortest `batchSize` waiting segments of the lane that waited longest. Documents in flight
 * thus share full, length-sorted batches, and no slot sits idle while work is waiting.
 */
export function createBatchQueue(slots: Array<(job: BatchJob) => Promise<string[]>>, batchSizeOf: (key: string) => number) {
  const lanes = new Map<string, Lane>();
  const idle = slots.map((_, i) => i);
  const calls: Record<string, number> = {};
  let scheduled = false;

  const pump = () => {
    scheduled = false;
    while (idle.length) {
      const lane = [...lanes.values()].find((l) => l.waiting.length);
      if (!lane) return;
      const size = batchSizeOf(lane.job.key);
      // A batch not yet full waits a moment for the segments of documents still being read.
      const wait = FILL_WAIT_MS - (performance.now() - lane.waiting[0].since);
      if (lane.waiting.length < size && wait > 0) {
        setTimeout(schedule, wait);
        return;
      }
      // Longest first, and rows alike in length: little compute goes on padding, and the long
      // batches do not end up last on one slot while the others sit idle.
      lane.waiting.sort((a, b) => b.text.length - a.text.length);
      const batch = lane.waiting.splice(0, size);
      // Move the lane to the back, so lanes take turns.
      lanes.delete(lane.key);
      lanes.set(lane.key, lane);
      const slot = idle.shift()!;
      slots[slot]({ ...lane.job, texts: batch.map((w) => w.text) }).then(
        (out) => {
          batch.forEach((w, i) => w.resolve(out[i]));
          calls[lane.job.key] = (calls[lane.job.key] ?? 0) + batch.length;
        },
        (err) => batch.forEach((w) => w.reject(err)),
      ).finally(() => {
        idle.push(slot);
        schedule();
      });
    }
  };
  // Wait for the rest of this turn of the event loop, so segments other documents are about to
  // send join the same batches.
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      setImmediate(pump);
    }
  };

  return {
    calls,
    submit(job: Omit<BatchJob, 'texts'>, texts: string[]): Promise<string[]> {
      try {
        batchSizeOf(job.key);
      } catch (err) {
        return Promise.reject(err);
      }
      const laneKey = JSON.stringify([job.op, job.key, job.langs ?? null, job.generation ?? null]);
      let lane = lanes.get(laneKey);
      if (!lane) lanes.set(laneKey, (lane = { key: laneKey, job, waiting: [] }));
      const results = texts.map((text) =>
        text.trim() === '' ? Promise.resolve('') : new Promise<string>((resolve, reject) => lane!.waiting.push({ text, since: performance.now(), resolve, reject })),
      );
      schedule();
      return Promise.all(results);
    },
  };
}

export type BatchQueue = ReturnType<typeof createBatchQueue>;

/** Batch size of a catalogue model; an unknown key is an error of the call that names it. */
export function batchSizeIn(catalogue: Record<string, ModelConfig>): (key: string) => number {
  return (key) => {
    const m = catalogue[key];
    if (!m) throw new Error(`unknown model "${key}"`);
    return m.batchSize;
  };
}

/** A gateway whose model calls go through `queue`; tokenizers come from this process. */
export function queueGateway(
  queue: BatchQueue,
  tokenCounter: Gateway['tokenCounter'],
  dispose: Gateway['dispose'],
): Gateway {
  return {
    calls: queue.calls,
    translate: (key, texts, langs, generation) => queue.submit({ op: 'translate', key, langs, generation }, texts),
    summarize: (key, texts, generation) => queue.submit({ op: 'summarize', key, generation }, texts),
    tokenCounter,
    dispose,
  };
}
