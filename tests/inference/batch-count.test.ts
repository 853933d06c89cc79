import { describe, expect, it } from 'vitest';
import { createBatchQueue } from '../../src/inference/batch-queue.ts';
import type { BatchJob } from '../../src/inference/model-runner.ts';

const job = { op: 'translate' as const, key: 'm', langs: { from: 'fr', to: 'en' } };

describe('the batch queue counts its batches', () => {
  it('counts one batch for two callers whose texts went together, and texts per model as before', async () => {
    const seen: string[][] = [];
    const slot = async (j: BatchJob) => {
      seen.push(j.texts);
      return j.texts.map((t) => ({ text: t.toUpperCase() }));
    };
    const q = createBatchQueue([slot], () => 4);
    expect(await Promise.all([q.submit(job, ['a']), q.submit(job, ['b', 'c'])])).toEqual([[{ text: 'A' }], [{ text: 'B' }, { text: 'C' }]]);
    expect(seen).toHaveLength(1);
    expect(q.batches).toEqual({ m: 1 });
    expect(q.calls).toEqual({ m: 3 });
    // Five texts at a batch size of 4: two more batches.
    await q.submit(job, ['d', 'e', 'f', 'g', 'h']);
    expect(q.batches).toEqual({ m: 3 });
    expect(q.calls).toEqual({ m: 8 });
  });
});
