// Turning units read from XLIFF or TMX into memory entries: what is a correction, what is
// unchanged, and what is refused with a reason the editor can act on.
import type { Memory, MemoryEntry } from './memory.ts';
import { normalizeSegment, segmentId } from './normalize.ts';
import type { ReadUnit } from './xliff-read.ts';

/** A unit that was not stored, and why. */
export interface Refusal {
  file: string;
  /** The unit's id (XLIFF), or `tu N` (TMX). */
  unit: string;
  reason: string;
}

export interface ImportOutcome {
  /** Entries to write: new corrections, changed ones, newly approved ones (a sentence and edition once). */
  stored: MemoryEntry[];
  unchanged: number;
  refused: Refusal[];
}

export interface ImportSettings {
  /** The articles' language (`source` in config.yaml). */
  sourceLang: string;
  /** The editions corrections may be for (`targets` in config.yaml). */
  targets: readonly string[];
  /** Who made the corrections when the file does not say. */
  editor: string;
  now: number;
}

/** Our spelling of a language tag, matched without regard to case (`ZH-hant` is `zh-Hant`); undefined when not one of `tags`. */
const tagIn = (tag: string, tags: readonly string[]): string | undefined => tags.find((t) => t.toLowerCase() === tag.trim().toLowerCase());

/** Collects entries of one import, each unit seeing those before it (two files may hold the same sentence). */
class Pending {
  readonly entries = new Map<string, MemoryEntry>();
  constructor(private readonly memory: Memory) {}
  get(source: string, lang: string): MemoryEntry | undefined {
    return this.entries.get(`${lang}\0${source}`) ?? this.memory.get(source, lang);
  }
  set(e: MemoryEntry): void {
    this.entries.set(`${e.lang}\0${e.source}`, e);
  }
}

function languages(srcLang: string, trgLang: string, s: ImportSettings): { lang?: string; reason?: string } {
  const lang = tagIn(trgLang, s.targets);
  if (tagIn(srcLang, [s.sourceLang]) && lang) return { lang };
  return { reason: `wrong languages ${srcLang || '(none)'} → ${trgLang || '(none)'}; expected ${s.sourceLang} → one of ${s.targets.join(', ')}` };
}

/**
 * XLIFF units into corrections. A unit whose target differs from the text recorded at export (or
 * from the memory's entry) is a correction whatever its state, since common tools drop states; a
 * state that approves it (1.2 `final`/`signed-off`/`approved="yes"`, 2.0 `final`) marks it
 * approved, and approves an unchanged correction already in the memory. A missing state never
 * takes an approval back. Refused: an id that is not the one audarma gives the unit's source
 * sentence, languages other than the config's, an empty target.
 */
export function importXliffUnits(memory: Memory, units: readonly (ReadUnit & { file: string })[], s: ImportSettings): ImportOutcome {
  const pending = new Pending(memory);
  const refused: Refusal[] = [];
  let unchanged = 0;
  for (const u of units) {
    const refuse = (reason: string) => refused.push({ file: u.file, unit: u.id || '(no id)', reason });
    const { lang, reason } = languages(u.srcLang, u.trgLang, s);
    if (!lang) {
      refuse(reason!);
      continue;
    }
    const source = normalizeSegment(u.source);
    if (!source || u.id !== segmentId(source)) {
      refuse(
        `unknown id "${u.id}": audarma gives the source sentence of this unit another id (the source was changed, or the unit is not from an audarma export)`,
      );
      continue;
    }
    const text = normalizeSegment(u.target ?? '');
    // An edition segment that was empty at export and is still empty is no one's correction.
    if (!text && u.target !== undefined && u.reference && !normalizeSegment(u.reference.text)) {
      unchanged++;
      continue;
    }
    if (!text) {
      refuse('empty target');
      continue;
    }
    const existing = pending.get(source, lang);
    if (existing?.text === text) {
      if (u.approved && !existing.approved) pending.set({ ...existing, approved: true, editor: s.editor, updatedAt: s.now });
      else unchanged++;
      continue;
    }
    const reference = u.reference && normalizeSegment(u.reference.text);
    // Untouched since export: someone else's later correction in the memory stays.
    if (reference === text) {
      unchanged++;
      continue;
    }
    if (reference === undefined && !existing) {
      refuse('no text recorded at export to compare with (the note "Machine output (audarma): …" was removed) and no correction in the memory');
      continue;
    }
    const machine = existing?.machine ?? (u.reference?.machine ? reference : undefined);
    pending.set({ source, lang, text, approved: u.approved, editor: s.editor, updatedAt: s.now, ...(machine ? { machine } : {}) });
  }
  return { stored: [...pending.entries.values()], unchanged, refused };
}

/** One translation of a TMX `<tu>`: its source segment and one target language. */
export interface TmxUnit {
  file: string;
  /** `tu 3` or the tu's `tuid`, for messages. */
  unit: string;
  srcLang: string;
  trgLang: string;
  source: string;
  text: string;
  approved: boolean;
  editor?: string;
  updatedAt?: number;
  machine?: string;
  /** The desk article the entry was made in (`x-audarma-article`). */
  article?: string;
}

/**
 * TMX translations into entries: each is an entry as it stands (a memory moving between desks).
 * An entry here that is newer than the file's is kept; the same text counts as unchanged (an
 * approval in the file still approves it).
 */
export function importTmxUnits(memory: Memory, units: readonly TmxUnit[], s: ImportSettings): ImportOutcome {
  const pending = new Pending(memory);
  const refused: Refusal[] = [];
  let unchanged = 0;
  for (const u of units) {
    const { lang, reason } = languages(u.srcLang, u.trgLang, s);
    const source = normalizeSegment(u.source);
    const text = normalizeSegment(u.text);
    const problem = !lang ? reason! : !source ? 'empty source segment' : !text ? 'empty target segment' : undefined;
    if (problem) {
      refused.push({ file: u.file, unit: u.unit, reason: problem });
      continue;
    }
    const existing = pending.get(source, lang!);
    const updatedAt = u.updatedAt ?? s.now;
    if (existing?.text === text) {
      if (u.approved && !existing.approved) pending.set({ ...existing, approved: true });
      else unchanged++;
      continue;
    }
    if (existing && existing.updatedAt > updatedAt) {
      unchanged++;
      continue;
    }
    const machine = u.machine ? normalizeSegment(u.machine) : existing?.machine;
    const article = u.article || existing?.article;
    pending.set({
      source,
      lang: lang!,
      text,
      approved: u.approved,
      editor: u.editor || s.editor,
      updatedAt,
      ...(machine ? { machine } : {}),
      ...(article ? { article } : {}),
    });
  }
  return { stored: [...pending.entries.values()], unchanged, refused };
}
