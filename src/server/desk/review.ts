import { createHash } from 'node:crypto';
import type { Approval } from '../../memory/approvals.ts';
import type { Memory, MemoryEntry } from '../../memory/memory.ts';
import { normalizeSegment } from '../../memory/normalize.ts';
import type { Result } from '../../output/result-schema.ts';

type Segment = Result['targets'][string]['blocks'][number]['segments'][number];

/**
 * Where a segment's text came from in this article: the model (`machine`), an editor's correction
 * made here (`edited`), or an entry made in another article and reused here (`match`).
 */
export type SegmentOrigin = 'machine' | 'edited' | 'match';

export interface SegmentReview {
  origin: SegmentOrigin;
  /** Signed off in this article, for the text it says now. */
  approved: boolean;
  /** The memory entry the text came from (who, when, which article, what the model said). */
  entry?: MemoryEntry;
  approval?: Approval;
  /**
   * The segment's version: changes when its text or the memory's entry for it changes. A save
   * names the version it was made on; another in between is a conflict (optimistic concurrency).
   */
  version: string;
}

export type Reviewer = (lang: string, s: Segment) => SegmentReview;

const key = (lang: string, source: string) => `${lang}\0${source}`;

/** A short hash of what the segment says and of the memory's entry for it, if any. */
export const segmentVersion = (text: string, entry: MemoryEntry | undefined): string =>
  createHash('sha256')
    .update(`${text}\0${entry ? `${entry.updatedAt}\0${entry.text}` : ''}`)
    .digest('hex')
    .slice(0, 12);

/**
 * What the desk shows of each segment of an article: result.json says which texts came from the
 * memory, the memory says from which article and editor, the approvals say what was signed off
 * here. An entry without an article (imported from XLIFF or TMX, or made before the desk kept
 * articles) counts as made here, approved as it was imported.
 */
export function reviewOf(memory: Memory, result: Result): Reviewer {
  const sources = new Set<string>();
  for (const e of Object.values(result.targets)) for (const b of e.blocks) for (const s of b.segments) sources.add(s.source);
  const entries = new Map(memory.entriesFor(sources, Object.keys(result.targets)).map((e) => [key(e.lang, e.source), e]));
  const approvals = new Map(memory.approvals.forArticle(result.slug).map((a) => [key(a.lang, a.source), a]));
  return (lang, s) => {
    const source = normalizeSegment(s.source);
    const text = normalizeSegment(s.text);
    const stored = entries.get(key(lang, source));
    const found = s.origin === 'memory' ? stored : undefined;
    const entry = found?.text === text ? found : undefined;
    const origin: SegmentOrigin = s.origin !== 'memory' ? 'machine' : entry?.article && entry.article !== result.slug ? 'match' : 'edited';
    const a = approvals.get(key(lang, source));
    const approval = a?.text === text ? a : undefined;
    const approved = approval !== undefined || (origin === 'edited' && entry !== undefined && !entry.article && entry.approved);
    return { origin, approved, ...(entry ? { entry } : {}), ...(approval ? { approval } : {}), version: segmentVersion(text, stored) };
  };
}
