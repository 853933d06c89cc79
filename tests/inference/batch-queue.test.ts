import { describe, expect, it } from 'vitest';
import { SetupError } from '../../src/diagnostics/messages.ts';
import { createBatchQueue, PartialFailure, withOrigin, WorkerDiedError } from '../../src/inference/batch-queue.ts';
import type { BatchJob } from '../../src/inference/model-runner.ts';

// The queue's retry rules with stand-in slots (the model path itself is tested end to end in
// tests/integration): each slot records the batches it was given and answers in upper case.
function slots(n: number, behave: (slot: number, texts: string[], call: number) => Error | undefined) {
  const seen: { slot: number; texts: string[] }[] = [];
  const fns = Array.from({ length: n }, (_, slot) => async (job: BatchJob) => {
    seen.push({ slot, texts: job.texts });
    await new Promise((r) => setTimeout(r, 5));
    const err = behave(slot, job.texts, seen.length);
    if (err) throw err;
    return job.texts.map((t) => ({ text: t.toUpperCase() }));
  });
  return { seen, fns };
}

const job = { op: 'translate' as const, key: 'm', langs: { from: 'fr', to: 'en' } };
const failure = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: Error) => e,
  );

describe('the batch queue when a batch fails', () => {
  it('runs a failed batch again in halves until the bad segment fails alone, with its reason; the others succeed', async () => {
    const s = slots(1, (_, texts) => (texts.includes('bad') ? new Error('Gather idx=512 out of bounds\nmore detail') : undefined));
    const q = createBatchQueue(s.fns, () => 8);
    const [a, b] = await Promise.all([failure(q.submit(job, ['one', 'bad', 'three'])), q.submit(job, ['four', 'five'])]);
    expect(b).toEqual([{ text: 'FOUR' }, { text: 'FIVE' }]);
    expect(a).toBeInstanceOf(PartialFailure);
    expect((a as PartialFailure).message).toBe('could not translate "bad": Gather idx=512 out of bounds');
    expect((a as PartialFailure).outputs).toEqual([{ text: 'ONE' }, undefined, { text: 'THREE' }]);
    // One batch of both requests (longest first: three four five one bad), then its halves, then
    // the failing half's halves.
    expect(s.seen.map((x) => x.texts)).toEqual([['three', 'four', 'five', 'one', 'bad'], ['three', 'four', 'five'], ['one', 'bad'], ['one'], ['bad']]);
  });

  it('runs a batch whose worker died once more, on the other slot', async () => {
    const s = slots(2, (_slot, _, call) => (call === 1 ? new WorkerDiedError('signal SIGKILL') : undefined));
    const q = createBatchQueue(s.fns, () => 4);
    expect(await q.submit(job, ['a', 'b'])).toEqual([{ text: 'A' }, { text: 'B' }]);
    expect(s.seen).toHaveLength(2);
    expect(s.seen[1].slot).not.toBe(s.seen[0].slot);
    expect(s.seen[1].texts).toEqual(s.seen[0].texts);
  });

  it('fails the segments of a batch whose worker died twice, saying so, and goes on with the rest', async () => {
    const s = slots(2, (_, texts) => (texts.includes('crash') ? new WorkerDiedError('signal SIGKILL') : undefined));
    const q = createBatchQueue(s.fns, () => 2);
    const [a, b] = await Promise.all([failure(q.submit(job, ['crash', 'x'])), q.submit(job, ['y'])]);
    expect((a as Error).message).toBe('model worker died twice while translating this batch (signal SIGKILL)');
    expect(b).toEqual([{ text: 'Y' }]);
    expect(s.seen.filter((x) => x.texts.includes('crash'))).toHaveLength(2);
  });

  it('stops everything at a setup error: no halving, waiting and later segments fail with it at once', async () => {
    const broken = new SetupError('MODEL_LOAD_FAILED', 'model m could not be loaded from /m/onnx/decoder_model_merged.onnx: Protobuf parsing failed.');
    const s = slots(1, () => broken);
    const q = createBatchQueue(s.fns, () => 2);
    const results = await Promise.all([failure(q.submit(job, ['a', 'b'])), failure(q.submit(job, ['c', 'd', 'e']))]);
    expect(results).toEqual([broken, broken]);
    expect(s.seen).toHaveLength(1);
    expect(await failure(q.submit(job, ['f']))).toBe(broken);
  });
});

describe('the batch queue under a large request', () => {
  it('serves origins in turn: a one-sentence request that comes after a request of 1,000 segments (sent one by one) waits one batch of it at most', async () => {
    const s = slots(1, () => undefined);
    const q = createBatchQueue(s.fns, () => 4);
    const big = withOrigin('big', () => Promise.all(Array.from({ length: 1_000 }, (_, i) => q.submit(job, [`s${i}`]))).then((r) => r.flat()));
    await new Promise((r) => setTimeout(r, 30));
    const started = s.seen.length;
    const small = await withOrigin('small', () => q.submit(job, ['bonjour']));
    expect(small).toEqual([{ text: 'BONJOUR' }]);
    // Batches started before it came, then at most one more of the big request, then the small one with the big one's next.
    const at = s.seen.findIndex((b) => b.texts.includes('bonjour'));
    expect(at).toBeGreaterThanOrEqual(started);
    expect(at).toBeLessThanOrEqual(started + 1);
    expect(s.seen[at].texts).toHaveLength(4);
    expect((await big).slice(0, 3).map((o) => o.text)).toEqual(['S0', 'S1', 'S2']);
    expect(s.seen.flatMap((b) => b.texts)).toHaveLength(1_001);
  });
});
