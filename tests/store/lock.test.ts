import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, isAlive, LOCK_FILE, LockedError } from '../../src/store/lock.ts';

const CHILD = join(import.meta.dirname, 'fixtures', 'lock-child.ts');
const ROOT = join(import.meta.dirname, '..', '..');

let dir: string;
let lockFile: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'audarma-lock-'));
  lockFile = join(dir, LOCK_FILE);
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function sleeper(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.on('exit', () => resolve())));

const writeLock = (pid: number, extra: object = {}) =>
  writeFileSync(lockFile, JSON.stringify({ pid, hostname: hostname(), startedAt: '2026-01-02T03:04:05.000Z', command: 'audarma run news', ...extra }));

/** Runs lock-child.ts: `first` is its first JSON line, `done` resolves when it has exited. */
function runChild(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  children.push(child);
  let out = '';
  const first = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      if (out.includes('\n')) resolve(JSON.parse(out.slice(0, out.indexOf('\n'))) as Record<string, unknown>);
    });
    child.on('exit', () => reject(new Error(`lock-child exited without output: ${out}`)));
  });
  return { child, first, done: exited(child) };
}

describe('acquireLock', () => {
  it('writes the holder and release removes it', async () => {
    const release = await acquireLock(dir, { command: 'audarma run news' });
    const info = JSON.parse(readFileSync(lockFile, 'utf8'));
    expect(info).toMatchObject({ pid: process.pid, hostname: hostname(), command: 'audarma run news' });
    expect(new Date(info.startedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    await release();
    expect(existsSync(lockFile)).toBe(false);
    await release(); // idempotent
  });

  it('refuses a lock held by a live process, then takes it over once that process is gone', async () => {
    const child = sleeper();
    writeLock(child.pid!);
    const err = await acquireLock(dir, { command: 'second' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockedError);
    const locked = err as LockedError;
    expect(locked).toMatchObject({ pid: child.pid, startedAt: '2026-01-02T03:04:05.000Z', command: 'audarma run news', file: lockFile });
    expect(locked.message).toBe(
      `${dir} is in use by another audarma run (pid ${child.pid}, started 2026-01-02T03:04:05.000Z, "audarma run news"); ` +
        'wait for it to finish or stop that process',
    );

    child.kill('SIGKILL');
    await exited(child);
    const release = await acquireLock(dir, { command: 'second' });
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    await release();
  });

  it('takes over a stale lock whose pid is dead', async () => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await exited(child);
    expect(isAlive(child.pid!)).toBe(false);
    writeLock(child.pid!);
    const release = await acquireLock(dir, { command: 'x' });
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    await release();
  });

  it('takes over a garbage or old empty lock file', async () => {
    writeFileSync(lockFile, '\u0000\u0001 not json {');
    await (await acquireLock(dir, { command: 'x' }))();
    writeFileSync(lockFile, JSON.stringify({ pid: 'nope' }));
    await (await acquireLock(dir, { command: 'x' }))();
    writeFileSync(lockFile, '');
    utimesSync(lockFile, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    await (await acquireLock(dir, { command: 'x' }))();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('waits for a fresh empty lock to be written instead of stealing it', async () => {
    const child = sleeper();
    writeFileSync(lockFile, ''); // another process between open('wx') and its write
    setTimeout(() => writeLock(child.pid!), 100);
    await expect(acquireLock(dir, { command: 'x' })).rejects.toMatchObject({ pid: child.pid });
  });

  it('takes over a lock left by an earlier process that had our pid', async () => {
    writeLock(process.pid);
    const release = await acquireLock(dir, { command: 'x' });
    await release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('refuses a lock from another host while its holder refreshes it, saying when it would be taken over', async () => {
    writeLock(1, { hostname: 'some-other-machine' });
    await expect(acquireLock(dir, { command: 'x', staleAfterMs: 600_000, staleSetting: 'run.lockStaleSeconds' })).rejects.toThrow(
      `${dir} is in use by another audarma run (pid 1 on some-other-machine, started 2026-01-02T03:04:05.000Z, "audarma run news"); ` +
        `wait for it to finish or stop that process; it refreshed ${lockFile} 0 s ago, and a lock not refreshed for 600 s (run.lockStaleSeconds) is taken over`,
    );
  });

  it('takes over a lock from another host not refreshed for staleAfterMs, naming its holder', async () => {
    writeLock(1, { hostname: 'some-other-machine' });
    const elevenMinutesAgo = new Date(Date.now() - 660_000);
    utimesSync(lockFile, elevenMinutesAgo, elevenMinutesAgo);
    const release = await acquireLock(dir, { command: 'x', staleAfterMs: 600_000 });
    expect(release.tookOver).toBe(
      `took over the lock ${lockFile}: the audarma run holding it (pid 1 on some-other-machine, started 2026-01-02T03:04:05.000Z, "audarma run news") ` +
        'has not refreshed it for 660 s, more than 600 s',
    );
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    await release();
  });

  it('refreshes its lock while held, and stops once released', async () => {
    const release = await acquireLock(dir, { command: 'x', staleAfterMs: 400 }); // refreshed every 100 ms
    const longAgo = new Date(Date.now() - 3_600_000);
    utimesSync(lockFile, longAgo, longAgo);
    await new Promise((r) => setTimeout(r, 350));
    expect(Date.now() - statSync(lockFile).mtimeMs).toBeLessThan(1_000);
    expect(release.tookOver).toBeUndefined();
    // Put back as it was, after the release: the heartbeat no longer touches it.
    const content = readFileSync(lockFile, 'utf8');
    await release();
    writeFileSync(lockFile, content);
    utimesSync(lockFile, longAgo, longAgo);
    await new Promise((r) => setTimeout(r, 250));
    expect(Date.now() - statSync(lockFile).mtimeMs).toBeGreaterThan(3_000_000);
  });

  it('release leaves a lock that is no longer ours', async () => {
    const release = await acquireLock(dir, { command: 'x' });
    writeLock(12345);
    await release();
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(12345);
  });

  it('lets exactly one of two concurrent acquires in one process win', async () => {
    const results = await Promise.allSettled([acquireLock(dir, { command: 'a' }), acquireLock(dir, { command: 'b' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(LockedError);
    expect(rejected.reason.pid).toBe(process.pid);
    await (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<() => Promise<void>>).value();
  });

  it('lets exactly one of two concurrent acquires over a stale lock win (same process)', async () => {
    writeFileSync(lockFile, 'garbage');
    const results = await Promise.allSettled([acquireLock(dir, { command: 'a' }), acquireLock(dir, { command: 'b' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'fulfilled') await r.value();
  });

  it.each([
    ['no lock', () => {}],
    ['a stale lock', () => writeFileSync(lockFile, 'garbage')],
  ])('lets exactly one of several processes started at once win over %s', async (_name, setup) => {
    setup();
    const startAt = String(Date.now() + 1500); // after every child has loaded tsx
    const runs = Array.from({ length: 6 }, () => runChild([startAt]));
    const results = await Promise.all(runs.map((r) => r.first));
    for (const r of runs) r.child.stdin!.end(); // only now may the winner release
    await Promise.all(runs.map((r) => r.done));
    const winners = results.filter((r) => r.result === 'won');
    expect(winners, JSON.stringify(results)).toHaveLength(1);
    for (const r of results) if (r.result !== 'won') expect(r).toEqual({ result: 'locked', holder: winners[0].pid });
    expect(existsSync(lockFile)).toBe(false);
  });
});

describe('a lock left by a killed process', () => {
  it('stays behind on SIGKILL, and the next run takes it over, saying whose it was', async () => {
    const { child, first, done } = runChild(['0']);
    await first;
    child.kill('SIGKILL');
    await done;
    expect(existsSync(lockFile)).toBe(true);
    const release = await acquireLock(dir, { command: 'next' });
    expect(release.tookOver).toMatch(
      new RegExp(`^took over the lock ${lockFile}: the audarma run holding it \\(pid ${child.pid}, started [0-9T:.-]+Z, "lock-child"\\) is no longer running$`),
    );
    await release();
  });
});

describe('isAlive', () => {
  it('counts a killed process that nobody has reaped (a zombie) as dead', async () => {
    // The parent forks a child that exits at once and never waits for it: the child stays a zombie.
    const parent = spawn('python3', ['-c', 'import os,time\npid=os.fork()\nif pid==0: os._exit(0)\nprint(pid, flush=True); time.sleep(10)'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const zombie = Number(await new Promise<string>((resolve) => parent.stdout!.once('data', (b: Buffer) => resolve(b.toString()))));
    await new Promise((r) => setTimeout(r, 200));
    try {
      expect(readFileSync(`/proc/${zombie}/stat`, 'utf8')).toMatch(/\) Z /);
      expect(isAlive(zombie)).toBe(false);
      expect(isAlive(parent.pid!)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
