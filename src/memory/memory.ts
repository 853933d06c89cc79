import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { normalizeSegment } from './normalize.ts';
import { APPROVALS_TABLE, makeApprovals, type Approvals } from './approvals.ts';
import { makeSuggestions, SUGGESTIONS_TABLE, type Suggestions } from './suggestions.ts';

/** One editor's correction: what an edition says for a source segment instead of the model's output. */
export interface MemoryEntry {
  /** The source segment, normalized (NFC, whitespace collapsed): the key, with `lang`. */
  source: string;
  /** The edition it belongs to (`en`, `kk-Latn`). */
  lang: string;
  /** The corrected text, normalized like the source. */
  text: string;
  /** Signed off by the desk (XLIFF `final`), not only corrected. */
  approved: boolean;
  /** Who made it: `--editor NAME`, a TMX `changeid`, an API field. */
  editor: string;
  /** When, in milliseconds since the epoch. */
  updatedAt: number;
  /** The machine output it replaced, when known. */
  machine?: string;
  /** The article (desk slug) it was made in, when made in the desk: elsewhere it is a memory match. */
  article?: string;
}

export interface Memory {
  /** The database file. */
  readonly file: string;
  /** The entry for a source segment in one edition; the segment is normalized here. */
  get(source: string, lang: string): MemoryEntry | undefined;
  /** Entries for every source segment (normalized here) in any of `langs`. */
  entriesFor(sources: Iterable<string>, langs: readonly string[]): MemoryEntry[];
  /** Stores entries in one transaction; an entry for the same source and edition is replaced. */
  put(entries: MemoryEntry[]): void;
  /** Every entry, by edition then source; `lang` keeps one edition. */
  all(lang?: string): MemoryEntry[];
  count(): number;
  /** Corrections proposed through the API, used only once an editor accepts them. */
  readonly suggestions: Suggestions;
  /** Segments signed off in one article, whatever made their text (the model or the memory). */
  readonly approvals: Approvals;
  close(): void;
}

/** Beside the cache's audarma.sqlite, and never touched by --clear-cache or the cache's recovery. */
export const MEMORY_FILE = 'memory.sqlite';

/** The memory file cannot be used; unlike the cache it is never deleted to recover. */
export class MemoryUnusableError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(
      `${file} is not a usable translation memory (${detail}); it holds the editors' corrections, so audarma ` +
        `never deletes it: restore it from a backup or a TMX export (audarma tm import), or move it away to start an empty one`,
    );
    this.name = 'MemoryUnusableError';
  }
}

type Db = Database.Database;

// Each entry upgrades the schema from version i to i + 1 (PRAGMA user_version). Append, never edit.
const MIGRATIONS: ((db: Db) => void)[] = [
  (db) =>
    db.exec(`
      CREATE TABLE entries (
        source TEXT NOT NULL,
        lang TEXT NOT NULL,
        text TEXT NOT NULL,
        approved INTEGER NOT NULL DEFAULT 0,
        editor TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        machine TEXT,
        PRIMARY KEY (source, lang)
      ) WITHOUT ROWID;
    `),
  (db) => db.exec(SUGGESTIONS_TABLE),
  (db) => db.exec(`ALTER TABLE entries ADD COLUMN article TEXT; ${APPROVALS_TABLE}`),
];
const SCHEMA_VERSION = MIGRATIONS.length;
const BUSY_TIMEOUT_MS = 10_000;

type Row = { source: string; lang: string; text: string; approved: number; editor: string; updated_at: number; machine: string | null; article: string | null };

const toEntry = (r: Row): MemoryEntry => ({
  source: r.source,
  lang: r.lang,
  text: r.text,
  approved: r.approved === 1,
  editor: r.editor,
  updatedAt: r.updated_at,
  ...(r.machine !== null ? { machine: r.machine } : {}),
  ...(r.article ? { article: r.article } : {}),
});

/** Opens (creating if needed) `dir/memory.sqlite`. */
export function openMemory(dir: string): Memory {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, MEMORY_FILE);
  let db: Db | undefined;
  try {
    db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    // WAL: a run reading the memory never blocks an import writing to it, nor the other way round.
    db.pragma('journal_mode = WAL');
    // FULL, unlike the cache's NORMAL: a correction acknowledged to an editor must survive a power cut.
    db.pragma('synchronous = FULL');
    const opened = db;
    opened
      .transaction(() => {
        const version = opened.pragma('user_version', { simple: true }) as number;
        if (version > SCHEMA_VERSION)
          throw new MemoryUnusableError(file, `schema version ${version} is newer than this audarma understands (${SCHEMA_VERSION})`);
        for (let v = version; v < SCHEMA_VERSION; v++) MIGRATIONS[v](opened);
        if (version !== SCHEMA_VERSION) opened.pragma(`user_version = ${SCHEMA_VERSION}`);
      })
      .immediate();
  } catch (err) {
    db?.close();
    if (err instanceof MemoryUnusableError) throw err;
    throw new MemoryUnusableError(file, err instanceof Error ? err.message : String(err));
  }
  return makeMemory(db, file);
}

function makeMemory(db: Db, file: string): Memory {
  const selectOne = db.prepare<[string, string], Row>('SELECT * FROM entries WHERE source = ? AND lang = ?');
  const selectSource = db.prepare<[string], Row>('SELECT * FROM entries WHERE source = ?');
  const upsert = db.prepare<[string, string, string, number, string, number, string | null, string | null]>(
    `INSERT OR REPLACE INTO entries (source, lang, text, approved, editor, updated_at, machine, article) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const selectAll = db.prepare<[], Row>('SELECT * FROM entries ORDER BY lang, source');
  const selectLang = db.prepare<[string], Row>('SELECT * FROM entries WHERE lang = ? ORDER BY source');
  const countAll = db.prepare<[], number>('SELECT count(*) FROM entries').pluck();
  // One read transaction: the entries of one article come from one state of the memory.
  const readMany = db.transaction((sources: Set<string>, langs: readonly string[]) => {
    const found: MemoryEntry[] = [];
    for (const s of sources) for (const r of selectSource.all(s)) if (langs.includes(r.lang)) found.push(toEntry(r));
    return found;
  });
  const writeMany = db.transaction((entries: MemoryEntry[]) => {
    for (const e of entries) upsert.run(e.source, e.lang, e.text, e.approved ? 1 : 0, e.editor, e.updatedAt, e.machine ?? null, e.article ?? null);
  });
  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') throw new MemoryUnusableError(file, (err as Error).message);
      throw err;
    }
  };
  const memory: Memory = {
    file,
    get suggestions() {
      return suggestions;
    },
    get approvals() {
      return approvals;
    },
    get(source, lang) {
      const row = guard(() => selectOne.get(normalizeSegment(source), lang));
      return row && toEntry(row);
    },
    entriesFor(sources, langs) {
      const keys = new Set([...sources].map(normalizeSegment).filter(Boolean));
      if (keys.size === 0 || langs.length === 0) return [];
      return guard(() => readMany(keys, langs));
    },
    put(entries) {
      if (entries.length) guard(() => writeMany(entries));
    },
    all(lang) {
      return guard(() => (lang === undefined ? selectAll.all() : selectLang.all(lang))).map(toEntry);
    },
    count() {
      return guard(() => countAll.get() as number);
    },
    close() {
      if (db.open) db.close();
    },
  };
  const suggestions = makeSuggestions(db, () => memory, guard);
  const approvals = makeApprovals(db, guard);
  return memory;
}
