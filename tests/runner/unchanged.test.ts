import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishedBefore } from '../../src/runner/unchanged.ts';

const out = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'audarma-unchanged-'));
  mkdirSync(path.join(dir, 'a'));
  writeFileSync(path.join(dir, 'a', 'en.md'), '# Title\n');
  return dir;
};
const state = (hash: string, outputs = ['a/en.md']) =>
  ({ slug: 'a', file: 'a.txt', inputHash: hash, status: 'done', outputs, updatedAt: 0 }) as const;

describe('finishedBefore', () => {
  it('trusts the store when the hash matches and the outputs are there', () => {
    expect(finishedBefore(out(), 'a', 'a.txt', 'h1', state('h1'))).toEqual({ outputs: ['a/en.md'], recovered: false });
  });

  it('redoes an article whose input changed or whose outputs were deleted', () => {
    expect(finishedBefore(out(), 'a', 'a.txt', 'h2', state('h1'))).toBeUndefined();
    expect(finishedBefore(out(), 'a', 'a.txt', 'h1', state('h1', ['a/en.md', 'a/result.json']))).toBeUndefined();
  });

  it('recovers an article finished just before a crash, from the hash in its result.json', () => {
    const dir = out();
    writeFileSync(path.join(dir, 'a', 'result.json'), JSON.stringify({ file: 'a.txt', inputHash: 'h1' }));
    expect(finishedBefore(dir, 'a', 'a.txt', 'h1', undefined)).toEqual({ outputs: ['a/en.md', 'a/result.json'], recovered: true });
    expect(finishedBefore(dir, 'a', 'a.txt', 'h2', undefined)).toBeUndefined();
    expect(finishedBefore(dir, 'a', 'b.txt', 'h1', undefined)).toBeUndefined();
  });
});
