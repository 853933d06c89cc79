import type { Memory, MemoryEntry } from './memory.ts';
import { normalizeSegment } from './normalize.ts';

/** One correction as a face receives it (the desk, an API route): raw texts, normalized here. */
export interface Correction {
  /** The source sentence the segment translates. */
  source: string;
  lang: string;
  text: string;
  /** Signed off or not; left out, an approval of the same text stays (as in an XLIFF import). */
  approved?: boolean;
  editor: string;
  /** What the edition said before, when that was the model's output (kept as the entry's `machine`). */
  machineText?: string;
  /** The desk article it is made in: in another article the entry is a memory match, not approved there. */
  article?: string;
}

/** Why a correction was refused. */
export class CorrectionRefused extends Error {
  override name = 'CorrectionRefused';
}

/**
 * Stores one correction: source and text normalized as the memory keys them, the machine output it
 * replaced kept from an earlier entry (an edit of an edit still knows what the model said).
 */
export function storeCorrection(memory: Memory, c: Correction, now = Date.now()): MemoryEntry {
  const source = normalizeSegment(c.source);
  const text = normalizeSegment(c.text);
  const editor = c.editor.trim();
  if (!source) throw new CorrectionRefused('the segment has no source sentence');
  if (!text) throw new CorrectionRefused('the corrected text is empty');
  if (!editor) throw new CorrectionRefused("the editor's name is missing");
  const earlier = memory.get(source, c.lang);
  const machine = earlier?.machine ?? (c.machineText !== undefined ? normalizeSegment(c.machineText) : undefined);
  const approved = c.approved ?? (earlier?.approved === true && earlier.text === text);
  const entry: MemoryEntry = {
    source,
    lang: c.lang,
    text,
    approved,
    editor,
    updatedAt: now,
    ...(machine ? { machine } : {}),
    ...(c.article ? { article: c.article } : {}),
  };
  memory.put([entry]);
  return entry;
}
