import { AsyncLocalStorage } from 'node:async_hooks';
import type { ModelConfig } from '../config/schema.ts';
import { firstLine } from '../diagnostics/errors.ts';
import { messages, SetupError } from '../diagnostics/messages.ts';
import type { Gateway, ModelOutput } from './gateway.ts';
import type { BatchJob } from './model-runner.ts';

interface Waiting {
  text: string;
  since: number;
  resolve(out: ModelOutput): void;
  reject(err: unknown): void;
}

/** Segments sent to a slot together; `deaths` counts the workers that died running them. */
interface Batch {
  items: Waiting[];
  deaths: number;
  /** The slot whose worker died under this batch: it is tried again elsewhere when it can be. */
  avoid?: number;
}

/** How long a batch that is not full may wait for more segments. */
const FILL_WAIT_MS = 20;

/**
 * The segments of one origin (one HTTP request, say), in the order they came; `next` is the first
 * not yet taken. Segments of calls made without an origin (a run's documents) share one group.
 */
interface Group {
  origin: unknown;
  items: Waiting[];
  next: number;
}

/**
 * Where the segments submitted within `fn` come from (an HTTP request): origins take turns in the
 * batch queue, so one request of 100,000 segments does not hold back another of one sentence.
 */
const origins = new AsyncLocalStorage<unknown>();
export const withOrigin = <T>(origin: unknown, fn: () => T): T => origins.run(origin, fn);

/** How many waiting segments of a group a batch is chosen from, longest first: enough to keep rows alike in length. */
const WINDOW_BATCHES = 8;

interface Lane {
  key: string;
  job: Omit<BatchJob, 'texts'>;
  /** Origins with segments still waiting, served in turn. */
  waiting: Group[];
  /** Segments waiting, over every group. */
  count: number;
  /** Batches to run again as they are, before any new one. */
  again: Batch[];
}

/** A slot's worker process ended while it ran the batch (killed, crashed, out of memory). */
export class WorkerDiedError extends Error {
  constructor(readonly how: string) {
    super(`model worker stopped (${how})`);
    this.name = 'WorkerDiedError';
  }
}

/** Some texts of a request failed; the outputs of the others are kept, so they can be cached. */
export class PartialFailure extends Error {
  constructor(
    readonly outputs: (ModelOutput | undefined)[],
    first: Error,
  ) {
    super(first.message);
    this.name = 'PartialFailure';
  }
}

/**
 * Continuous batching across every caller: segments wait in one lane per (model, task, language
 * pair, generation options); whenever a slot (this thread, or a worker process) is free it fills a
 * batch of the lane that waited longest. Origins (HTTP requests; every run's documents are one)
 * take turns: a batch takes segments of the origin first in line, then of the next ones until full,
 * and an origin left with segments goes to the back of the line. Within an origin, a batch takes the
 * longest of its oldest waiting segments (a window of a few batches, sorted): rows alike in length
 * waste little compute on padding, and no batch sorts the whole waiting list (which made a request
 * of 100,000 segments quadratic). So a one-sentence request waits about one batch behind a huge
 * one, documents in flight share full batches, and no slot sits idle while work is waiting.
 *
 * A batch that fails is run again in halves until the segment at fault fails alone, so one bad
 * segment costs only its own document. A batch whose worker died is run once more as it is, on
 * another slot when there is one; a second death fails its segments. A SetupError (a model that
 * cannot load, a worker that cannot start) would fail everything the same way: it fails every
 * waiting and later segment at once.
 */
export function createBatchQueue(slots: Array<(job: BatchJob) => Promise<ModelOutput[]>>, batchSizeOf: (key: string) => number) {
  const lanes = new Map<string, Lane>();
  const idle = slots.map((_, i) => i);
  const calls: Record<string, number> = {};
  const batches: Record<string, number> = {};
  let scheduled = false;
  let fatal: SetupError | undefined;

  const stop = (err: SetupError) => {
    fatal = err;
    for (const lane of lanes.values()) {
      for (const w of [...lane.waiting.flatMap((g) => g.items.slice(g.next)), ...lane.again.flatMap((b) => b.items)]) w.reject(err);
      lane.waiting = [];
      lane.count = 0;
      lane.again = [];
    }
  };

  const failed = (lane: Lane, batch: Batch, slot: number, err: unknown) => {
    if (err instanceof SetupError) {
      batch.items.forEach((w) => w.reject(err));
      stop(err);
    } else if (err instanceof WorkerDiedError) {
      if (batch.deaths === 0) lane.again.push({ ...batch, deaths: 1, avoid: slot });
      else {
        const twice = new Error(messages.workerDiedTwice(err.how).message);
        batch.items.forEach((w) => w.reject(twice));
      }
    } else if (batch.items.length > 1) {
      const half = Math.ceil(batch.items.length / 2);
      lane.again.push({ items: batch.items.slice(0, half), deaths: batch.deaths }, { items: batch.items.slice(half), deaths: batch.deaths });
    } else {
      const [w] = batch.items;
      w.reject(new Error(messages.segmentFailed(lane.job.op, w.text, firstLine(err)).message));
    }
  };

  const start = (lane: Lane, batch: Batch, slot: number) => {
    batches[lane.job.key] = (batches[lane.job.key] ?? 0) + 1;
    slots[slot]({ ...lane.job, texts: batch.items.map((w) => w.text) })
      .then(
        (out) => {
          batch.items.forEach((w, i) => w.resolve(out[i]));
          calls[lane.job.key] = (calls[lane.job.key] ?? 0) + batch.items.length;
        },
        (err) => failed(lane, batch, slot, err),
      )
      .finally(() => {
        idle.push(slot);
        schedule();
      });
  };

  /** An idle slot, other than `avoid` when another one exists. */
  const takeSlot = (avoid?: number): number | undefined => {
    const i = idle.findIndex((s) => s !== avoid || slots.length === 1);
    return i < 0 ? undefined : idle.splice(i, 1)[0];
  };

  /** Starts a batch to run again, if one can go to an idle slot. */
  const startAgain = (): boolean => {
    for (const lane of lanes.values()) {
      for (const [b, batch] of lane.again.entries()) {
        const slot = takeSlot(batch.avoid);
        if (slot === undefined) continue;
        lane.again.splice(b, 1);
        start(lane, batch, slot);
        return true;
      }
    }
    return false;
  };

  /** The next `size` segments of the lane: origins in turn, one left with segments to the back of the line. */
  const take = (lane: Lane, size: number): Waiting[] => {
    const items: Waiting[] = [];
    while (items.length < size && lane.waiting.length) {
      const g = lane.waiting.shift()!;
      const need = size - items.length;
      const end = Math.min(g.items.length, g.next + need * WINDOW_BATCHES);
      // Sorted in place: what is not taken stays sorted, so the next window sorts quickly.
      const window = g.items.slice(g.next, end).sort((a, b) => b.text.length - a.text.length);
      for (let i = 0; i < window.length; i++) g.items[g.next + i] = window[i];
      const taken = Math.min(need, window.length);
      for (let i = 0; i < taken; i++) items.push(g.items[g.next + i]);
      g.next += taken;
      if (g.next < g.items.length) {
        // Taken segments are dropped now and then, so a long-lived group does not grow forever.
        if (g.next > 1024 && g.next * 2 > g.items.length) (g.items = g.items.slice(g.next)), (g.next = 0);
        lane.waiting.push(g);
      }
    }
    lane.count -= items.length;
    return items;
  };

  const pump = () => {
    scheduled = false;
    while (idle.length) {
      if (startAgain()) continue;
      const lane = [...lanes.values()].find((l) => l.count > 0);
      if (!lane) return;
      const size = batchSizeOf(lane.job.key);
      // A batch not yet full waits a moment for the segments of documents still being read.
      const oldest = Math.min(...lane.waiting.map((g) => g.items[g.next].since));
      const wait = FILL_WAIT_MS - (performance.now() - oldest);
      if (lane.count < size && wait > 0) {
        setTimeout(schedule, wait);
        return;
      }
      const items = take(lane, size);
      // Longest first, and rows alike in length: little compute goes on padding, and the long
      // batches do not end up last on one slot while the others sit idle.
      items.sort((a, b) => b.text.length - a.text.length);
      // Move the lane to the back, so lanes take turns.
      lanes.delete(lane.key);
      lanes.set(lane.key, lane);
      start(lane, { items, deaths: 0 }, idle.shift()!);
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
    batches,
    /**
     * Resolves to the outputs in order; when some texts fail, rejects with a PartialFailure
     * holding the others' outputs (or with the SetupError that stopped everything).
     */
    async submit(job: Omit<BatchJob, 'texts'>, texts: string[]): Promise<ModelOutput[]> {
      if (fatal) throw fatal;
      batchSizeOf(job.key);
      const laneKey = JSON.stringify([job.op, job.key, job.langs ?? null, job.generation ?? null]);
      let lane = lanes.get(laneKey);
      if (!lane) lanes.set(laneKey, (lane = { key: laneKey, job, waiting: [], count: 0, again: [] }));
      const since = performance.now();
      const origin = origins.getStore();
      const found = lane.waiting.find((g) => g.origin === origin);
      const into: Group = found ?? { origin, items: [], next: 0 };
      const before = into.items.length;
      const results = texts.map((text) =>
        text.trim() === '' ? Promise.resolve({ text: '' }) : new Promise<ModelOutput>((resolve, reject) => into.items.push({ text, since, resolve, reject })),
      );
      const added = into.items.length - before;
      if (added && !found) lane.waiting.push(into);
      lane.count += added;
      schedule();
      const settled = await Promise.allSettled(results);
      const errors = settled.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
      if (errors.length === 0) return settled.map((r) => (r as PromiseFulfilledResult<ModelOutput>).value);
      throw (
        errors.find((e) => e instanceof SetupError) ??
        new PartialFailure(
          settled.map((r) => (r.status === 'fulfilled' ? r.value : undefined)),
          errors[0],
        )
      );
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

/** A gateway whose model calls go through `queue`; tokenizers and limits come from this process. */
export function queueGateway(queue: BatchQueue, local: Pick<Gateway, 'tokenCounter' | 'inputLimit' | 'dispose'> & { kill?(): void }): Gateway {
  return {
    calls: queue.calls,
    batches: queue.batches,
    translate: (key, texts, langs, generation) => queue.submit({ op: 'translate', key, langs, generation }, texts),
    summarize: (key, texts, generation) => queue.submit({ op: 'summarize', key, generation }, texts),
    tokenCounter: (key) => local.tokenCounter(key),
    inputLimit: (key) => local.inputLimit(key),
    dispose: () => local.dispose(),
    kill: () => local.kill?.(),
  };
}
