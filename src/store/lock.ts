import { randomBytes } from 'node:crypto';
import { unlinkSync, readFileSync } from 'node:fs';
import { mkdir, open, readFile, rm, stat, unlink, utimes } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { redactSecrets } from '../diagnostics/redact.ts';

export const LOCK_FILE = '.audarma.lock';

/** Who holds a lock, as its file says. */
export type LockInfo = { pid: number; hostname: string; startedAt: string; command: string };

export interface LockOptions {
  /** The command line, recorded so a refused run can say who holds the folder. */
  command: string;
  /**
   * A lock of a process on another host, whose pid cannot be checked from here, is taken over
   * once its holder has not refreshed it for this long. The holder refreshes it every quarter
   * of this (at most every minute). @default 600_000 (10 minutes)
   */
  staleAfterMs?: number;
  /** The setting behind staleAfterMs, named in messages (`run.lockStaleSeconds`). */
  staleSetting?: string;
}

const DEFAULT_STALE_MS = 600_000;
const holderText = (h: LockInfo) => `pid ${h.pid}${h.hostname !== hostname() ? ` on ${h.hostname}` : ''}, started ${h.startedAt}, "${h.command}"`;
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** Another live audarma run holds the folder. */
export class LockedError extends Error {
  readonly pid: number;
  readonly startedAt: string;
  readonly command: string;
  /** The lock file. */
  readonly file: string;
  readonly hostname: string;

  constructor(dir: string, file: string, holder: LockInfo, staleness?: { refreshedMsAgo: number; staleAfterMs: number; setting?: string }) {
    super(
      `${dir} is in use by another audarma run (${holderText(holder)}); wait for it to finish or stop that process` +
        // A process on another machine cannot be seen from here: its lock goes stale when not refreshed.
        (staleness
          ? `; it refreshed ${file} ${seconds(staleness.refreshedMsAgo)} ago, and a lock not refreshed for ` +
            `${seconds(staleness.staleAfterMs)}${staleness.setting ? ` (${staleness.setting})` : ''} is taken over`
          : ''),
    );
    this.name = 'LockedError';
    this.pid = holder.pid;
    this.startedAt = holder.startedAt;
    this.command = holder.command;
    this.file = file;
    this.hostname = holder.hostname;
  }
}

/**
 * Releases the lock (async); `releaseSync` is for signal and 'exit' handlers, where nothing
 * async runs. `tookOver` says whose stale lock was taken over, and why, when one was.
 */
export type LockRelease = (() => Promise<void>) & { readonly file: string; releaseSync(): void; readonly tookOver?: string };

// An empty lock file is normally one being written right now (open 'wx' creates it, the write
// follows); it is only treated as stale once it is older than this.
const EMPTY_GRACE_MS = 2_000;

/**
 * Takes `dir/.audarma.lock` so only one run at a time uses that folder, and refreshes it (its
 * modification time) while held. A lock left by a dead process, a lock from another host not
 * refreshed for `staleAfterMs`, or an unreadable one is taken over; a lock held by a live
 * process gives LockedError.
 */
export async function acquireLock(dir: string, opts: LockOptions): Promise<LockRelease> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  const staleAfterMs = opts.staleAfterMs ?? DEFAULT_STALE_MS;
  const mine: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), command: redactSecrets(opts.command) };
  // The token makes each lock's content unique, even for two acquires in one process in the same
  // millisecond: release and the same-pid check compare the exact content.
  const content = `${JSON.stringify({ ...mine, token: randomBytes(8).toString('hex') })}\n`;
  const look = () => readLock(file, staleAfterMs, opts.staleSetting);

  // Registered before the file exists: another acquire in this process may read it at once.
  heldHere.add(content);
  let tookOver: string | undefined;
  try {
    // Retried for a while: a stale lock may be in the middle of being taken over by another run.
    for (let attempt = 0; attempt < TAKEOVER_ATTEMPTS; attempt++) {
      if (await createExclusive(file, content)) return makeRelease(file, content, Math.min(staleAfterMs / 4, 60_000), tookOver);
      const seen = await look();
      if (seen.kind === 'held') throw new LockedError(dir, file, seen.info, seen.staleness);
      if (seen.kind === 'stale') {
        const removed = await removeStale(file, seen.raw, look);
        if (removed === 'removed') tookOver = `took over the lock ${file}: ${seen.why}`;
        else if (removed === 'busy') await sleep(25);
      }
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
    // Owner only: the lock names the command that holds it.
    fh = await open(file, 'wx', 0o600);
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

type Staleness = { refreshedMsAgo: number; staleAfterMs: number; setting?: string };
type Seen =
  | { kind: 'gone' }
  | { kind: 'held'; info: LockInfo; staleness?: Staleness }
  /** `why` says whose lock it was and why it no longer counts, for the takeover message. */
  | { kind: 'stale'; raw: string; why: string };

/** What the lock file says about its holder: alive ('held'), not running, not refreshed or unreadable ('stale'). */
async function readLock(file: string, staleAfterMs: number, setting?: string): Promise<Seen> {
  for (let waited = 0; ; waited += 25) {
    let raw: string;
    let refreshed: number;
    try {
      raw = await readFile(file, 'utf8');
      refreshed = (await stat(file)).mtimeMs;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { kind: 'gone' };
      if (code === 'EISDIR') throw new Error(`${file} is a directory, not an audarma lock; remove it`);
      return { kind: 'stale', raw: '', why: `it could not be read (${code})` }; // treat as garbage
    }
    if (raw === '' && waited < EMPTY_GRACE_MS && Date.now() - refreshed < EMPTY_GRACE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 25)); // its creator is still writing
      continue;
    }
    const info = parseLock(raw);
    if (!info) return { kind: 'stale', raw, why: "it held no valid holder (an interrupted write or another program's file)" };
    const was = `the audarma run holding it (${holderText(info)})`;
    if (info.hostname !== hostname()) {
      // A pid on another machine cannot be checked: the holder's refreshes say it is alive.
      const staleness = { refreshedMsAgo: Math.max(0, Date.now() - refreshed), staleAfterMs, setting };
      if (staleness.refreshedMsAgo < staleAfterMs) return { kind: 'held', info, staleness };
      return {
        kind: 'stale',
        raw,
        why: `${was} has not refreshed it for ${seconds(staleness.refreshedMsAgo)}, more than ${seconds(staleAfterMs)}${setting ? ` (${setting})` : ''}`,
      };
    }
    if (info.pid === process.pid)
      return heldHere.has(raw) ? { kind: 'held', info } : { kind: 'stale', raw, why: `${was} was an earlier process with this pid` };
    return isAlive(info.pid) ? { kind: 'held', info } : { kind: 'stale', raw, why: `${was} is no longer running` };
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
      command: typeof v.command === 'string' ? redactSecrets(v.command) : 'unknown command',
    };
  } catch {
    return undefined;
  }
}

// Contents of the locks this process holds: a lock with our own pid that is not among them was
// left by an earlier process that had the same pid (containers often start node as the same pid).
const heldHere = new Set<string>();

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
 * Removes the stale lock whose content was `raw`, if it is still that one and still stale.
 * Several runs may see the same stale lock at once; only the one holding the takeover mutex (a
 * directory: mkdir is atomic) removes it, after looking again, so a fresh lock another run has
 * just created (whose content differs by its token), or a lock refreshed meanwhile, is never
 * deleted. 'busy' when another run holds the mutex: the caller waits and looks again.
 */
async function removeStale(file: string, raw: string, look: () => Promise<Seen>): Promise<'removed' | 'changed' | 'busy'> {
  const mutex = `${file}.takeover`;
  try {
    await mkdir(mutex);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const age = await stat(mutex).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > MUTEX_STALE_MS) await rm(mutex, { recursive: true, force: true });
    return 'busy';
  }
  try {
    // An empty file is also what a fresh lock looks like before its creator writes it; looking
    // again waits for that, so only an old empty file is the stale one we saw.
    const again = await look();
    if (again.kind !== 'stale' || again.raw !== raw) return 'changed';
    await unlink(file).catch(() => {});
    return 'removed';
  } finally {
    await rm(mutex, { recursive: true, force: true });
  }
}

/**
 * The release functions of a lock, and its heartbeat: while held, the file's modification time
 * is set to now every `heartbeatMs`, so a run on another host can tell a live holder from one
 * that is gone. The timer does not keep the process alive.
 */
function makeRelease(file: string, content: string, heartbeatMs: number, tookOver?: string): LockRelease {
  let released = false;
  const refresh = async () => {
    try {
      if ((await readFile(file, 'utf8')) !== content) return; // taken over: no longer ours to refresh
      const now = new Date();
      await utimes(file, now, now);
    } catch {
      // gone or unreadable: the next acquire by anyone sorts it out
    }
  };
  const heartbeat = setInterval(() => void refresh(), heartbeatMs);
  heartbeat.unref();
  const done = () => {
    released = true;
    clearInterval(heartbeat);
    heldHere.delete(content);
  };
  // Only remove the file if it is still ours: after a takeover by someone else it is theirs.
  return Object.assign(
    async () => {
      if (released) return;
      done();
      const now = await readFile(file, 'utf8').catch(() => undefined);
      if (now === content) await unlink(file).catch(() => {});
    },
    {
      file,
      tookOver,
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
}
