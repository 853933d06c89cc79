import { createHash } from 'node:crypto';
import type { Memory, MemoryEntry } from './memory.ts';
import { normalizeSegment } from './normalize.ts';

/** The memory as one article's run sees it: lookups per edition, remembering what was used. */
export interface ArticleMemory {
  /** The entry for each source segment in edition `lang`, where there is one; counted and remembered as used. */
  lookup(sources: readonly string[], lang: string): (MemoryEntry | undefined)[];
  /** The entries this article used, each once. */
  used(): MemoryEntry[];
}

/** A view of `memory` for one article; `counts` (segments answered, per edition) is shared by a run's articles. */
export function articleMemory(memory: Memory, counts: Record<string, number>): ArticleMemory {
  const used = new Map<string, MemoryEntry>();
  return {
    lookup(sources, lang) {
      const found = new Map(memory.entriesFor(sources, [lang]).map((e) => [e.source, e]));
      const hits = sources.map((s) => found.get(normalizeSegment(s)));
      for (const e of hits) if (e) used.set(`${e.lang}\0${e.source}`, e);
      const n = hits.filter(Boolean).length;
      if (n) counts[lang] = (counts[lang] ?? 0) + n;
      return hits;
    },
    used: () => [...used.values()],
  };
}

/**
 * The article's input hash with the corrections it was made with: a correction stored since
 * changes it, so the next run rewrites the article instead of skipping it as unchanged. Without
 * corrections it is the hash itself, as before there was a memory.
 */
export function withMemory(inputHash: string, entries: readonly MemoryEntry[]): string {
  if (entries.length === 0) return inputHash;
  const h = createHash('sha256').update(inputHash);
  const sorted = [...entries].sort((a, b) => (a.lang + '\0' + a.source < b.lang + '\0' + b.source ? -1 : 1));
  for (const e of sorted)
    h.update('\0')
      .update(e.lang)
      .update('\0')
      .update(e.source)
      .update('\0')
      .update(e.text)
      .update(e.approved ? '\0a' : '\0-');
  return h.digest('hex');
}

/** What an earlier run's result.json says about the segments and editions it made. */
export interface ResultShape {
  source: { blocks: { text: string; segments: string[] }[] };
  targets: Record<string, { route: string[] }>;
}

/**
 * The entries that would apply to an article made as `result` was: its source segments (a block
 * not split into sentences is one), in every edition along its routes (a pivot's too). Same bytes
 * and settings give the same segments, so this is what a rerun would look up.
 */
export function entriesForResult(memory: Memory, result: ResultShape): MemoryEntry[] {
  const sources = result.source.blocks.flatMap((b) => (b.segments.length ? b.segments : [b.text]));
  const langs = new Set(Object.values(result.targets).flatMap((t) => t.route.slice(1)));
  return memory.entriesFor(sources, [...langs]);
}
