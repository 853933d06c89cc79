import { describe, expect, it } from 'vitest';
import { memoizeAsync } from '../../src/inference/memoize.ts';

describe('memoizeAsync (the model loader cache)', () => {
  it('loads each key once and shares the result with every caller', async () => {
    let loads = 0;
    const m = memoizeAsync(async (key) => `${key}#${++loads}`);
    expect(await Promise.all([m.get('a'), m.get('a'), m.get('b')])).toEqual(['a#1', 'a#1', 'b#2']);
    expect(await m.get('a')).toBe('a#1');
  });

  it('forgets a failed load, so the next call tries again', async () => {
    let attempt = 0;
    const m = memoizeAsync(async () => {
      if (++attempt === 1) throw new Error('files not there yet');
      return 'loaded';
    });
    await expect(m.get('x')).rejects.toThrow('files not there yet');
    expect(await m.get('x')).toBe('loaded');
    expect(attempt).toBe(2);
  });
});
