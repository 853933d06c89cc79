import type { ModelConfig } from '../config/schema.ts';
import type { BatchJob } from './model-runner.ts';

interface Waiting {
  text: string;
  resolve(out: string): void;
  reject(err: unknown): void;
}

interface Lane {
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
      // Shortest first: rows of a batch alike in length waste little on padding.
      lane.waiting.sort((a, b) => a.text.length - b.text.length);
      const batch = lane.waiting.splice(0, batchSizeOf(lane.job.key));
      // Move the lane to the back, so lanes take turns.
      const laneKey = [...lanes.entries()].find(([, l]) => l === lane)![0];
      lanes.delete(laneKey);
      lanes.set(laneKey, lane);
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
      if (!lane) lanes.set(laneKey, (lane = { job, waiting: [] }));
      const results = texts.map((text) =>
        text.trim() === '' ? Promise.resolve('') : new Promise<string>((resolve, reject) => lane!.waiting.push({ text, resolve, reject })),
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
