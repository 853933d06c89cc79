import { randomBytes } from 'node:crypto';
import { unlinkSync, readFileSync } from 'node:fs';
import { mkdir, open, readFile, rm, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = '.audarma.lock';

type LockInfo = { pid: number; hostname: string; startedAt: string; command: string };

/** Another live audarma run holds the folder. */
export class LockedError extends Error {
  readonly pid: number;
  readonly startedAt: string;
  readonly command: string;
  /** The lock file. */
  readonly file: string;
  readonly hostname: string;

  constructor(dir: string, file: string, holder: LockInfo) {
    const foreign = holder.hostname !== hostname();
    super(
      `${dir} is in use by another audarma run (pid ${holder.pid}${foreign ? ` on ${holder.hostname}` : ''}, ` +
        `started ${holder.startedAt}, "${holder.command}"); wait for it to finish or stop that process` +
        // We cannot see processes on another machine, so a crashed remote run needs a human.
        (foreign ? ` (if it is no longer running, delete ${file})` : ''),
    );
    this.name = 'LockedError';
    this.pid = holder.pid;
    this.startedAt = holder.startedAt;
    this.command = holder.command;
    this.file = file;
    this.hostname = holder.hostname;
  }
}

/** Releases the lock (async); `releaseSync` is for 'exit' handlers, where nothing async runs. */
export type LockRelease = (() => Promise<void>) & { readonly file: string; releaseSync(): void };

// An empty lock file is normally one being written right now (open 'wx' creates it, the write
// follows); it is only treated as stale once it is older than this.
const EMPTY_GRACE_MS = 2_000;

/**
 * Takes `dir/.audarma.lock` so only one run at a time uses that folder. A lock left by a dead
 * process (or unreadable) is taken over; a lock held by a live process gives LockedError.
 */
export async function acquireLock(dir: string, info: { command: string }): Promise<LockRelease> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  const mine: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), command: info.command };
  // The token makes each lock's content unique, even for two acquires in one process in the same
  // millisecond: release and the same-pid check compare the exact content.
  const content = `${JSON.stringify({ ...mine, token: randomBytes(8).toString('hex') })}\n`;

  // Registered before the file exists: another acquire in this process may read it at once.
  heldHere.add(content);
  try {
    // Retried for a while: a stale lock may be in the middle of being taken over by another run.
    for (let attempt = 0; attempt < TAKEOVER_ATTEMPTS; attempt++) {
      if (await createExclusive(file, content)) return makeRelease(file, content);
      const seen = await readLock(file);
      if (seen.kind === 'held') throw new LockedError(dir, file, seen.info);
      if (seen.kind === 'stale' && !(await removeStale(file, seen.raw))) await sleep(25);
      // 'gone': released between our create and our read, so simply try again.
    }
  } catch (err) {
    heldHere.delete(content);
    throw err;
  }
  heldHere.delete(content);
  throw new Error(`Could not take the lock ${file}: it keeps being replaced; is another audarma run starting?`);
}

async function createExclusive(file: string, content: string): Promise<boolean> {
  let fh;
  try {
    fh = await open(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    await fh.writeFile(content, 'utf8');
  } catch (err) {
    await fh.close().catch(() => {});
    await unlink(file).catch(() => {}); // do not leave an empty lock behind (e.g. disk full)
    throw err;
  }
  await fh.close();
  return true;
}

type Seen = { kind: 'gone' } | { kind: 'held'; info: LockInfo } | { kind: 'stale'; raw: string };

/** What the lock file says about its holder: alive ('held'), not running or unreadable ('stale'). */
async function readLock(file: string): Promise<Seen> {
  for (let waited = 0; ; waited += 25) {
    let raw: string;
    try {
      raw = await readFile(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { kind: 'gone' };
      if (code === 'EISDIR') throw new Error(`${file} is a directory, not an audarma lock; remove it`);
      return { kind: 'stale', raw: '' }; // unreadable for another reason: treat as garbage
    }
    if (raw === '' && waited < EMPTY_GRACE_MS && (await isYoung(file))) {
      await new Promise((resolve) => setTimeout(resolve, 25)); // its creator is still writing
      continue;
    }
    const info = parseLock(raw);
    if (!info) return { kind: 'stale', raw };
    return isHeld(info, raw) ? { kind: 'held', info } : { kind: 'stale', raw };
  }
}

async function isYoung(file: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(file)).mtimeMs < EMPTY_GRACE_MS;
  } catch {
    return false;
  }
}

function parseLock(raw: string): LockInfo | undefined {
  try {
    const v = JSON.parse(raw) as Partial<LockInfo>;
    if (typeof v !== 'object' || v === null || !Number.isSafeInteger(v.pid) || (v.pid as number) <= 0) return undefined;
    return {
      pid: v.pid as number,
      hostname: typeof v.hostname === 'string' ? v.hostname : hostname(),
      startedAt: typeof v.startedAt === 'string' ? v.startedAt : 'at an unknown time',
      command: typeof v.command === 'string' ? v.command : 'unknown command',
    };
  } catch {
    return undefined;
  }
}

// Contents of the locks this process holds: a lock with our own pid that is not among them was
// left by an earlier process that had the same pid (containers often start node as the same pid).
const heldHere = new Set<string>();

function isHeld(info: LockInfo, raw: string): boolean {
  if (info.hostname !== hostname()) return true; // cannot check a pid on another machine: assume alive
  if (info.pid === process.pid) return heldHere.has(raw);
  return isAlive(info.pid);
}

/**
 * Signal 0 checks for existence without affecting the process; EPERM means it exists but is not
 * ours. A killed process that nobody has reaped yet (a zombie, common when PID 1 of a container
 * does not reap) still answers signal 0, so on Linux its state is read too.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return true; // no /proc here: signal 0 is all we know
  }
}

const TAKEOVER_ATTEMPTS = 200;
// A takeover mutex older than this was left by a process that died inside it.
const MUTEX_STALE_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Removes the stale lock whose content was `raw`, if it is still that one. Several runs may see
 * the same stale lock at once; only the one holding the takeover mutex (a directory: mkdir is
 * atomic) removes it, after reading it again, so a fresh lock another run has just created —
 * whose content differs by its token — is never deleted. Returns false when another run holds
 * the mutex: the caller waits and looks again.
 */
async function removeStale(file: string, raw: string): Promise<boolean> {
  const mutex = `${file}.takeover`;
  try {
    await mkdir(mutex);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const age = await stat(mutex).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > MUTEX_STALE_MS) await rm(mutex, { recursive: true, force: true });
    return false;
  }
  try {
    const now = await readFile(file, 'utf8').catch(() => undefined);
    // An empty file is also what a fresh lock looks like before its creator writes it; only an
    // old empty file is the stale one we saw.
    if (now === raw && (raw !== '' || !(await isYoung(file)))) await unlink(file).catch(() => {});
  } finally {
    await rm(mutex, { recursive: true, force: true });
  }
  return true;
}

const onRelease = new WeakMap<LockRelease, () => void>();

function makeRelease(file: string, content: string): LockRelease {
  let released = false;
  const done = () => {
    released = true;
    heldHere.delete(content);
    onRelease.get(release)?.();
  };
  // Only remove the file if it is still ours: after a takeover by someone else it is theirs.
  const release = Object.assign(
    async () => {
      if (released) return;
      done();
      const now = await readFile(file, 'utf8').catch(() => undefined);
      if (now === content) await unlink(file).catch(() => {});
    },
    {
      file,
      releaseSync() {
        if (released) return;
        done();
        try {
          if (readFileSync(file, 'utf8') === content) unlinkSync(file);
        } catch {
          // already gone
        }
      },
    },
  );
  return release;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
// One set of process handlers for all locks (a run may hold the output folder's and the
// store's): with a handler per lock, each would see the other as "someone else handles it".
const onExitLocks = new Set<LockRelease>();

function releaseAll(): void {
  for (const release of [...onExitLocks]) release.releaseSync();
}

function onSignal(signal: NodeJS.Signals): void {
  // The program has its own handler (graceful shutdown): the locks stay until it exits.
  if (process.listenerCount(signal) > 1) return;
  releaseAll();
  uninstall();
  // Re-raised with no handler left, so the process dies with the usual signal status.
  process.kill(process.pid, signal);
}

function install(): void {
  process.on('exit', releaseAll);
  for (const s of SIGNALS) process.on(s, onSignal);
}

function uninstall(): void {
  process.removeListener('exit', releaseAll);
  for (const s of SIGNALS) process.removeListener(s, onSignal);
}

/**
 * Removes the lock when the process ends: on normal exit (synchronously, in 'exit') and on
 * SIGINT/SIGTERM when nothing else handles them (then the signal is re-raised so the process
 * still dies as usual). With the program's own signal handler the lock stays until it exits.
 * The handlers go away once no lock needs them; the returned function unregisters earlier.
 */
export function releaseOnExit(release: LockRelease): () => void {
  const detach = () => {
    if (!onExitLocks.delete(release)) return;
    onRelease.delete(release);
    if (onExitLocks.size === 0) uninstall();
  };
  if (onExitLocks.has(release)) return detach;
  if (onExitLocks.size === 0) install();
  onExitLocks.add(release);
  onRelease.set(release, detach);
  return detach;
}
