import type Database from 'better-sqlite3';
import { storeCorrection, type Correction } from './correct.ts';
import type { Memory, MemoryEntry } from './memory.ts';
import { normalizeSegment } from './normalize.ts';

/**
 * A correction proposed through the API (`POST /suggest`) by someone who is not an editor: kept
 * aside, never used by a translation until an editor accepts it in the desk. Anyone who can reach
 * the server can propose; only editors change what the memory serves.
 */
export interface Suggestion {
  id: number;
  source: string;
  lang: string;
  text: string;
  /** Who proposed it, as they said (or their key's name); '' when unknown. */
  proposer: string;
  createdAt: number;
  /** What the model said for the source when it was proposed. */
  machine?: string;
}

export interface Suggestions {
  /** Keeps a proposal; the same text proposed again for the same source and edition is kept once. */
  propose(s: Omit<Suggestion, 'id' | 'createdAt'>, now?: number): Suggestion;
  /** Proposals waiting for an editor, oldest first; `lang` keeps one edition. */
  pending(lang?: string): Suggestion[];
  /** Stores the proposal as `editor`'s correction (approved or not) and forgets it; undefined when there is none with this id. */
  accept(id: number, editor: string, approved?: boolean): MemoryEntry | undefined;
  /** Forgets a proposal; false when there was none with this id. */
  reject(id: number): boolean;
}

/** The table of proposals (migration 2 of memory.sqlite). */
export const SUGGESTIONS_TABLE = `
  CREATE TABLE suggestions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    lang TEXT NOT NULL,
    text TEXT NOT NULL,
    proposer TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    machine TEXT,
    UNIQUE (source, lang, text)
  );
`;

type Row = { id: number; source: string; lang: string; text: string; proposer: string; created_at: number; machine: string | null };
const toSuggestion = (r: Row): Suggestion => ({
  id: r.id,
  source: r.source,
  lang: r.lang,
  text: r.text,
  proposer: r.proposer,
  createdAt: r.created_at,
  ...(r.machine !== null ? { machine: r.machine } : {}),
});

/** The proposals kept in the memory's database; accepting one writes through `memory`. */
export function makeSuggestions(db: Database.Database, memory: () => Memory, guard: <T>(fn: () => T) => T): Suggestions {
  const insert = db.prepare<[string, string, string, string, number, string | null], Row>(
    `INSERT INTO suggestions (source, lang, text, proposer, created_at, machine) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (source, lang, text) DO UPDATE SET proposer = excluded.proposer, created_at = excluded.created_at RETURNING *`,
  );
  const selectAll = db.prepare<[], Row>('SELECT * FROM suggestions ORDER BY id');
  const selectLang = db.prepare<[string], Row>('SELECT * FROM suggestions WHERE lang = ? ORDER BY id');
  const selectOne = db.prepare<[number], Row>('SELECT * FROM suggestions WHERE id = ?');
  const remove = db.prepare<[number]>('DELETE FROM suggestions WHERE id = ?');
  return {
    propose(s, now = Date.now()) {
      const source = normalizeSegment(s.source);
      const text = normalizeSegment(s.text);
      const row = guard(() => insert.get(source, s.lang, text, s.proposer.trim().slice(0, 100), now, s.machine ?? null))!;
      return toSuggestion(row);
    },
    pending(lang) {
      return guard(() => (lang === undefined ? selectAll.all() : selectLang.all(lang))).map(toSuggestion);
    },
    accept(id, editor, approved) {
      const accept = db.transaction(() => {
        const row = selectOne.get(id);
        if (!row) return undefined;
        const c: Correction = { source: row.source, lang: row.lang, text: row.text, editor, approved, machineText: row.machine ?? undefined };
        const entry = storeCorrection(memory(), c);
        remove.run(id);
        return entry;
      });
      return guard(() => accept());
    },
    reject(id) {
      return guard(() => remove.run(id).changes > 0);
    },
  };
}
