// What one segment of an edition becomes in an exported XLIFF file, and the notes that carry what
// a CAT tool may drop: the text at export (so the import can tell a correction from an untouched
// unit even when the tool removed every state), the quality flags and the glossary spellings.
import type { Result } from '../output/result-schema.ts';
import { normalizeSegment, segmentId } from './normalize.ts';

/**
 * How the unit's target was made when exported: the model's output (`machine`, approved or not), an
 * editor's correction (`correction`, `approved`), or an entry reused from another article that
 * nobody has confirmed in this one yet (`match`).
 */
export type UnitOrigin = 'machine' | 'machine-approved' | 'correction' | 'approved' | 'match';

export interface ExportUnit {
  /** Stable: the same source sentence has the same id in every export. */
  id: string;
  source: string;
  target: string;
  origin: UnitOrigin;
  flags: { kind: string; reason: string }[];
  terms: string[];
  /** The model's confidence in a machine target, 0–1 (result.json `confidence`): the match quality. */
  confidence?: number;
}

/** The first words of the note recording the target at export, by origin. Plain text: libraries keep note text, not attributes. */
const REFERENCE_LABEL: Record<UnitOrigin, string> = {
  machine: 'Machine output (audarma)',
  'machine-approved': 'Machine output, approved (audarma)',
  match: 'Translation memory match, not confirmed in this article (audarma translation memory)',
  correction: "Editor's correction (audarma translation memory)",
  approved: "Editor's correction, approved (audarma translation memory)",
};
// A note's text may come back trimmed (an empty text at export leaves no space after the colon).
const REFERENCE_NOTE =
  /^(Machine output|Machine output, approved|Editor's correction|Editor's correction, approved|Translation memory match, not confirmed in this article) \(audarma[^)]*\):\s?([\s\S]*)$/;

/** The notes of a unit, in order: the target at export, each quality flag, each glossary spelling. */
export function unitNotes(u: ExportUnit): { category: string; text: string }[] {
  return [
    { category: 'audarma-exported-target', text: `${REFERENCE_LABEL[u.origin]}: ${u.target}` },
    ...u.flags.map((f) => ({ category: 'audarma-quality', text: `Quality flag (${f.kind}): ${f.reason}` })),
    ...u.terms.map((t) => ({ category: 'audarma-glossary', text: `Glossary term: ${t}` })),
  ];
}

/** The target recorded at export, read back from a unit's notes; `machine` says whether it was the model's. */
export function referenceFromNotes(notes: readonly string[]): { text: string; machine: boolean } | undefined {
  for (const n of notes) {
    const m = REFERENCE_NOTE.exec(n.trim());
    if (m) return { text: m[2], machine: m[1].startsWith('Machine output') };
  }
  return undefined;
}

type Segment = Result['targets'][string]['blocks'][number]['segments'][number];

/** What result.json alone says: a text from the memory is a correction, approved as the memory says. */
const defaultOrigin = (s: Segment): UnitOrigin => (s.origin === 'memory' ? (s.approved ? 'approved' : 'correction') : 'machine');

/**
 * One unit per distinct source sentence of the edition, in article order; a sentence repeated in
 * the article (a recurring heading) is one unit, as the memory has one entry for it.
 */
export function exportUnits(result: Result, lang: string, originOf: (s: Segment) => UnitOrigin = defaultOrigin): ExportUnit[] {
  const edition = result.targets[lang];
  const seen = new Set<string>();
  const units: ExportUnit[] = [];
  for (const block of edition.blocks)
    for (const s of block.segments) {
      if (normalizeSegment(s.source) === '') continue;
      const id = segmentId(s.source);
      if (seen.has(id)) continue;
      seen.add(id);
      const origin = originOf(s);
      const scored = (origin === 'machine' || origin === 'machine-approved') && s.confidence !== undefined ? { confidence: s.confidence } : {};
      units.push({ id, source: s.source, target: s.text, origin, flags: s.flags ?? [], terms: s.terms ?? [], ...scored });
    }
  return units;
}
