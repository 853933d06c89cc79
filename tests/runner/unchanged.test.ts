import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishedBefore } from '../../src/runner/unchanged.ts';

/** An output folder with article `a`: its en.md, and a result.json made from input hash `hash` (none when undefined). */
const out = (hash?: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'audarma-unchanged-'));
  mkdirSync(path.join(dir, 'a'));
  writeFileSync(path.join(dir, 'a', 'en.md'), '# Title\n');
  if (hash) writeFileSync(path.join(dir, 'a', 'result.json'), JSON.stringify({ file: 'a.txt', inputHash: hash }));
  return dir;
};
const state = (hash: string, outputs = ['a/en.md', 'a/result.json']) =>
  ({ slug: 'a', file: 'a.txt', inputHash: hash, status: 'done', outputs, updatedAt: 0 }) as const;

describe('finishedBefore', () => {
  it('skips an article whose result.json has this hash and whose outputs the store lists are there', () => {
    expect(finishedBefore(out('h1'), 'a', 'a.txt', 'h1', state('h1'))).toEqual({ outputs: ['a/en.md', 'a/result.json'], recovered: false });
  });

  it('redoes an article whose input changed or whose outputs were deleted', () => {
    expect(finishedBefore(out('h1'), 'a', 'a.txt', 'h2', state('h1'))).toBeUndefined();
    expect(finishedBefore(out('h1'), 'a', 'a.txt', 'h1', state('h1', ['a/en.md', 'a/kk.md', 'a/result.json']))).toBeUndefined();
  });

  it('asks the output folder, not the shared store: another folder rewritten with new settings does not make this one current', () => {
    // The store says "done with h2" because a run to another folder made h2; this folder still holds h1.
    expect(finishedBefore(out('h1'), 'a', 'a.txt', 'h2', state('h2'))).toBeUndefined();
    // And a folder without result.json is never complete, whatever the store says.
    expect(finishedBefore(out(), 'a', 'a.txt', 'h1', state('h1'))).toBeUndefined();
  });

  it('trusts the folder when the store knows another state: an article finished just before a crash, or in another folder', () => {
    expect(finishedBefore(out('h1'), 'a', 'a.txt', 'h1', undefined)).toEqual({ outputs: ['a/en.md', 'a/result.json'], recovered: true });
    expect(finishedBefore(out('h1'), 'a', 'a.txt', 'h1', state('h0'))).toEqual({ outputs: ['a/en.md', 'a/result.json'], recovered: true });
    expect(finishedBefore(out('h1'), 'a', 'a.txt', 'h2', undefined)).toBeUndefined();
    expect(finishedBefore(out('h1'), 'a', 'b.txt', 'h1', undefined)).toBeUndefined();
  });
});
