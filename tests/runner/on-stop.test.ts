import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/store/lock.ts';

// A real child process holds a real lock and registers its release with onStop; it is then
// ended the ways a run ends.
const CHILD = path.join(import.meta.dirname, 'fixtures', 'stop-child.ts');
const ROOT = path.join(import.meta.dirname, '..', '..');

function runChild(mode: 'exit' | 'wait') {
  const dir = mkdtempSync(path.join(tmpdir(), 'audarma-stop-'));
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, mode], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const first = new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.on('exit', () => reject(new Error('stop-child ended before taking the lock')));
  });
  const done = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, first, done, lockFile: path.join(dir, LOCK_FILE) };
}

describe('onStop', () => {
  it('runs the cleanup on a normal exit', async () => {
    const { first, done, lockFile } = runChild('exit');
    await first;
    await done;
    expect(existsSync(lockFile)).toBe(false);
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('runs the cleanup on %s and still lets the signal end the process', async (signal) => {
    const { child, first, done, lockFile } = runChild('wait');
    await first;
    expect(existsSync(lockFile)).toBe(true);
    child.kill(signal);
    await done;
    expect(child.signalCode).toBe(signal);
    expect(existsSync(lockFile)).toBe(false);
  });
});
