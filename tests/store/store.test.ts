import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, SCHEMA_VERSION, STORE_FILE, StoreCorruptError, type DocumentState, type Store } from '../../src/store/store.ts';

const CRASH_WRITER = join(import.meta.dirname, 'fixtures', 'crash-writer.ts');
const ROOT = join(import.meta.dirname, '..', '..');

let dir: string;
const opened: Store[] = [];
const open = (d = dir) => {
  const s = openStore(d);
  opened.push(s);
  return s;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'audarma-store-'));
});
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Rows and bytes on disk (database file and write-ahead log), read beside the store as a user would. */
function onDisk(d = dir): { segments: number; documents: number; bytes: number } {
  const file = join(d, STORE_FILE);
  const db = new Database(file, { readonly: true });
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  try {
    return { segments: count('segments'), documents: count('documents'), bytes: size(file) + size(`${file}-wal`) };
  } finally {
    db.close();
  }
}

const segments = (n: number, prefix = 'k') =>
  Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, text: `traduction n° ${i} — «${prefix}»`, model: 'opus-mt-fr-en' }));

const doc = (slug: string, over: Partial<DocumentState> = {}): DocumentState => ({
  slug,
  file: `articles/${slug}.md`,
  inputHash: `hash-${slug}`,
  status: 'done',
  outputs: [`out/en/${slug}.md`, `out/kk/${slug}.md`],
  updatedAt: 1_700_000_000_000,
  ...over,
});

describe('openStore', () => {
  it('creates the folder and a WAL database at the current schema version', () => {
    const nested = join(dir, 'a', 'b');
    open(nested).close();
    const db = new Database(join(nested, STORE_FILE));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('gives a clear error for a file that is not a database', () => {
    writeFileSync(join(dir, STORE_FILE), 'this is not sqlite at all, just some garbage text '.repeat(100));
    expect(() => openStore(dir)).toThrow(StoreCorruptError);
    expect(() => openStore(dir)).toThrow(new RegExp(`${STORE_FILE}.*--clear-cache.*delete that file`));
  });

  it('refuses a store written by a newer schema', () => {
    open().close();
    const db = new Database(join(dir, STORE_FILE));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openStore(dir)).toThrow(/schema version .* newer/);
  });

  it('brings a store of the first schema (no scores) forward, keeping its segments', () => {
    const db = new Database(join(dir, STORE_FILE));
    db.exec('CREATE TABLE segments (key TEXT PRIMARY KEY, text TEXT NOT NULL, model TEXT, created_at INTEGER)');
    db.exec(`CREATE TABLE documents (slug TEXT PRIMARY KEY, file TEXT NOT NULL, input_hash TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('done', 'failed')), outputs TEXT NOT NULL, reason TEXT, updated_at INTEGER)`);
    db.prepare("INSERT INTO segments VALUES ('a', 'old text', 'm', 0)").run();
    db.pragma('user_version = 1');
    db.close();
    expect(open().getSegments(['a']).get('a')).toEqual({ text: 'old text' });
  });
});

describe('segments', () => {
  it('round-trips 10,000 segments', () => {
    const store = open();
    const entries = segments(10_000);
    store.putSegments(entries);
    const keys = [...entries.map((e) => e.key), 'missing-1', 'missing-2'];
    const found = store.getSegments(keys);
    expect(found.size).toBe(10_000);
    for (const e of entries) expect(found.get(e.key)).toEqual({ text: e.text });
    expect(found.has('missing-1')).toBe(false);
  });

  it('handles empty and duplicate key lists', () => {
    const store = open();
    store.putSegments([]);
    expect(store.getSegments([]).size).toBe(0);
    store.putSegments(segments(3));
    expect([...store.getSegments(['k1', 'k1', 'k2']).entries()]).toEqual([
      ['k1', { text: 'traduction n° 1 — «k»' }],
      ['k2', { text: 'traduction n° 2 — «k»' }],
    ]);
  });

  it('overwrites an existing key', () => {
    const store = open();
    store.putSegments([{ key: 'a', text: 'old', model: 'm1' }]);
    store.putSegments([{ key: 'a', text: 'new', model: 'm2' }]);
    expect(store.getSegments(['a']).get('a')).toEqual({ text: 'new' });
    expect(onDisk().segments).toBe(1);
  });

  it("keeps a segment's confidence, marked words and alternatives with its text", () => {
    const store = open();
    const scores = { confidence: 0.473, lowWords: [[4, 14]] as [number, number][], alternatives: ['The delegates.'] };
    store.putSegments([{ key: 'a', text: 'The delegation.', model: 'm', scores }]);
    expect(store.getSegments(['a']).get('a')).toEqual({ text: 'The delegation.', scores });
  });

  it('persists across close and reopen', () => {
    const first = open();
    first.putSegments(segments(500));
    first.putDocument(doc('a'));
    first.close();
    const second = open();
    expect(second.getSegments(['k0', 'k499']).size).toBe(2);
    expect(second.getDocument('a')).toEqual(doc('a'));
  });
});

describe('documents', () => {
  it('upserts and gets by slug', () => {
    const store = open();
    expect(store.getDocument('nope')).toBeUndefined();
    store.putDocument(doc('b'));
    store.putDocument(doc('a', { status: 'failed', outputs: [], reason: 'model missing' }));
    store.putDocument(doc('b', { inputHash: 'changed', updatedAt: 5 }));
    expect(store.getDocument('a')).toEqual(doc('a', { status: 'failed', outputs: [], reason: 'model missing' }));
    expect(store.getDocument('b')).toEqual(doc('b', { inputHash: 'changed', updatedAt: 5 }));
    expect(onDisk().documents).toBe(2);
    // Without a reason the field is absent, not undefined-valued or null.
    expect('reason' in store.getDocument('b')!).toBe(false);
  });

  it('rejects an unknown status (CHECK constraint)', () => {
    const store = open();
    expect(() => store.putDocument(doc('x', { status: 'pending' as 'done' }))).toThrow(/CHECK/);
  });
});

describe('clear', () => {
  it('counts rows and bytes, and clear empties both tables and shrinks the file', () => {
    const store = open();
    store.putSegments(segments(5_000));
    store.putDocument(doc('a'));
    store.putDocument(doc('b'));
    const before = onDisk();
    expect(before).toMatchObject({ segments: 5_000, documents: 2 });
    expect(before.bytes).toBeGreaterThan(100_000);
    store.clear();
    const after = onDisk();
    expect(after).toMatchObject({ segments: 0, documents: 0 });
    expect(after.bytes).toBeLessThan(before.bytes / 4);
    expect(store.getDocument('a')).toBeUndefined();
    // Still usable after VACUUM.
    store.putSegments(segments(1));
    expect(onDisk().segments).toBe(1);
  });
});

describe('crash safety', () => {
  it('keeps committed rows and stays intact when killed mid-transaction', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CRASH_WRITER, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d;
        if (out.includes('mid\n')) resolve();
      });
      child.on('exit', () => reject(new Error(`writer exited early: ${out} ${err}`)));
    });
    // Uncommitted pages of the second transaction really reached the WAL before the kill.
    expect(statSync(join(dir, `${STORE_FILE}-wal`)).size).toBeGreaterThan(10_000_000);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(out).toBe('first\nmid\n');

    const store = open();
    const keys = Array.from({ length: 1000 }, (_, i) => `first-${i}`);
    const found = store.getSegments(keys);
    expect(found.size).toBe(1000);
    expect(found.get('first-999')).toEqual({ text: 'premier 999' });
    expect(store.getSegments(['second-0', 'second-599']).size).toBe(0);
    expect(onDisk().segments).toBe(1000);
    store.close();

    const db = new Database(join(dir, STORE_FILE));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
