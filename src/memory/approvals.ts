import type Database from 'better-sqlite3';

/**
 * An editor's sign-off of one segment in one article: the text they approved, by whom and when.
 * Kept apart from the corrections: approving the model's output does not make it a correction,
 * and an entry reused from the memory in another article is approved there only once someone
 * confirms it there.
 */
export interface Approval {
  /** The article (desk slug). */
  article: string;
  lang: string;
  /** The source segment, normalized as the memory keys it. */
  source: string;
  /** The text approved, normalized: an approval holds only while the segment still says it. */
  text: string;
  editor: string;
  at: number;
  /** The bulk approval it was part of, which an undo takes back as one. */
  batch?: string;
}

export interface Approvals {
  /** Every approval of one article. */
  forArticle(article: string): Approval[];
  /** Stores approvals in one transaction, replacing those of the same segments. */
  approve(list: Approval[]): void;
  /** Takes back the approval of one segment. */
  withdraw(article: string, lang: string, source: string): void;
  /** Takes back one bulk approval; how many segments it had approved. */
  undo(article: string, batch: string): number;
  /** Forgets an article's approvals (the article is gone; its memory entries stay). */
  dropArticle(article: string): void;
}

/** The table of approvals (migration 3 of memory.sqlite). */
export const APPROVALS_TABLE = `
  CREATE TABLE approvals (
    article TEXT NOT NULL,
    lang TEXT NOT NULL,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    editor TEXT NOT NULL,
    at INTEGER NOT NULL,
    batch TEXT,
    PRIMARY KEY (article, lang, source)
  ) WITHOUT ROWID;
`;

type Row = { article: string; lang: string; source: string; text: string; editor: string; at: number; batch: string | null };

export function makeApprovals(db: Database.Database, guard: <T>(fn: () => T) => T): Approvals {
  const byArticle = db.prepare<[string], Row>('SELECT * FROM approvals WHERE article = ?');
  const upsert = db.prepare<[string, string, string, string, string, number, string | null]>(
    'INSERT OR REPLACE INTO approvals (article, lang, source, text, editor, at, batch) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const remove = db.prepare<[string, string, string]>('DELETE FROM approvals WHERE article = ? AND lang = ? AND source = ?');
  const removeBatch = db.prepare<[string, string]>('DELETE FROM approvals WHERE article = ? AND batch = ?');
  const removeArticle = db.prepare<[string]>('DELETE FROM approvals WHERE article = ?');
  const writeMany = db.transaction((list: Approval[]) => {
    for (const a of list) upsert.run(a.article, a.lang, a.source, a.text, a.editor, a.at, a.batch ?? null);
  });
  return {
    forArticle: (article) =>
      guard(() => byArticle.all(article)).map((r) => ({
        article: r.article,
        lang: r.lang,
        source: r.source,
        text: r.text,
        editor: r.editor,
        at: r.at,
        ...(r.batch !== null ? { batch: r.batch } : {}),
      })),
    approve: (list) => {
      if (list.length) guard(() => writeMany(list));
    },
    withdraw: (article, lang, source) => void guard(() => remove.run(article, lang, source)),
    undo: (article, batch) => guard(() => removeBatch.run(article, batch).changes),
    dropArticle: (article) => void guard(() => removeArticle.run(article)),
  };
}
