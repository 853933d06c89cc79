// Protecting glossary terms through machine translation: each term in a French segment becomes a
// placeholder the model copies, and the placeholder becomes the edition's spelling afterwards.
//
// Why `GLS1`, `GLS2`…: uppercase Latin letters followed by digits read like the acronyms and codes
// news text is full of (G20, COVID19, A320), which OPUS-MT and NLLB mostly copy — and otherwise
// re-case, split, repeat, drop or, into Russian and Kazakh, write in Cyrillic (`ГЛС1`), all of
// which unmaskTerms repairs or reports. Bracketed or symbol placeholders
// (`⟦1⟧`, `<1>`, `__1__`) are dropped or normalised by SentencePiece models; bare digits get
// reformatted or translated (一); lowercase words get translated or inflected. The prefix is
// checked against the segment, so a text that mentions a "GLS 350" gets another prefix.
import { spellingFor, type Glossary, type GlossaryEntry } from './schema.ts';
import { TermMatcher, UNSPACED } from './match.ts';

/** One masked occurrence of a glossary term. */
export interface Slot {
  /** The token put in place of the term, e.g. `GLS1`. */
  placeholder: string;
  /** The glossary entry's source term. */
  term: string;
  /** The term as it was written in the segment. */
  found: string;
  /** What the placeholder must become in the target edition. */
  target: string;
  /** The entry's spelling for the target, `keep` (copied as written), or `source` (no spelling for this target, copied as written). */
  from: 'target' | 'keep' | 'source';
}

/** Prefixes to try, in order, when the segment already holds something that looks like the first. */
const PREFIXES = ['GLS', 'GLX', 'GLZ', 'GLQ', 'GLV', 'GLW'];

const FULLWIDTH_OFFSET = 0xfee0;
const fullwidth = (c: string): string => String.fromCharCode(c.charCodeAt(0) + FULLWIDTH_OFFSET);

/**
 * The Cyrillic letters a Russian or Kazakh model writes for each prefix letter: its sound
 * (S -> С, Q -> К or Kazakh Қ, G -> Г or Kazakh Ғ) or its look-alike (X -> Х).
 */
const CYRILLIC: Readonly<Record<string, string>> = { G: 'ГҒ', L: 'Л', S: 'С', X: 'Х', Z: 'З', Q: 'КҚ', V: 'В', W: 'В' };

/** A prefix letter in any case, full-width (Chinese models), and with `cyrillic`, in Cyrillic. */
function letterClass(c: string, cyrillic: boolean): string {
  const forms = `${c}${fullwidth(c)}${cyrillic ? (CYRILLIC[c] ?? '') : ''}`;
  return `[${forms}${forms.toLowerCase()}]`;
}

/**
 * Regex source for a prefix as models may return it: any case, full-width, a space between
 * letters — or written in Cyrillic letters (`ГЛС`, `Глс`), then kept whole and not glued to a
 * word on its left, so Russian text ("Гугл с 2004") is never taken for one.
 */
function fuzzyPrefix(prefix: string): string {
  const latin = [...prefix].map((c) => letterClass(c, false)).join('[ \\u00a0]?');
  const cyrillic = [...prefix].map((c) => letterClass(c, true)).join('');
  return `${latin}|(?<!\\p{L})${cyrillic}`;
}
const SEPARATOR = '[\\s\\-‐‑_.:]{0,3}';
const DIGITS = '([0-9０-９]+)(?![0-9０-９])';

function placeholderRegex(prefixes: readonly string[]): RegExp {
  return new RegExp(`(?:${prefixes.map(fuzzyPrefix).join('|')})${SEPARATOR}${DIGITS}`, 'gu');
}

/** Which of `prefixes` a matched placeholder (`Gls 1`, `ГЛС1`) was written from. */
function prefixOf(match: string, prefixes: readonly string[]): string | undefined {
  return prefixes.find((p) => new RegExp(`^(?:${fuzzyPrefix(p)})${SEPARATOR}${DIGITS}$`, 'u').test(match));
}

/** The first prefix that nothing in the text could be mistaken for. */
function choosePrefix(text: string): string {
  for (let extra = 0; ; extra++)
    for (const p of PREFIXES) {
      const prefix = p + 'Q'.repeat(extra);
      if (!placeholderRegex([prefix]).test(text)) return prefix;
    }
}

const matchers = new WeakMap<Glossary, TermMatcher<GlossaryEntry>>();
function sourceMatcher(glossary: Glossary): TermMatcher<GlossaryEntry> {
  let m = matchers.get(glossary);
  if (!m) matchers.set(glossary, (m = new TermMatcher(glossary.entries.map((e) => ({ term: e.source, value: e })))));
  return m;
}

/**
 * Replaces every glossary term in a French segment with a placeholder and records what it must
 * become in `target`. Elided articles stay in the text (`l’GLS1`); only the term is masked.
 */
export function maskTerms(text: string, glossary: Glossary, target: string): { masked: string; slots: Slot[] } {
  const nfc = text.normalize('NFC');
  const found = sourceMatcher(glossary).find(nfc);
  if (found.length === 0) return { masked: nfc, slots: [] };
  const prefix = choosePrefix(nfc);
  const slots: Slot[] = [];
  let masked = '';
  let at = 0;
  for (const match of found) {
    const placeholder = `${prefix}${slots.length + 1}`;
    const spelling = spellingFor(match.value, target, match.text);
    slots.push({ placeholder, term: match.value.source, found: match.text, target: spelling.text, from: spelling.from });
    masked += nfc.slice(at, match.start) + placeholder;
    at = match.end;
  }
  return { masked: masked + nfc.slice(at), slots };
}

/** Stands for a dropped duplicate until the spaces around it are tidied. */
const DROPPED = '\u0000';

/**
 * Puts each slot's spelling in place of its placeholder, repairing what models do to
 * placeholders: case changed (`Gls1`), spaces inserted (`GLS 1`), full-width forms, written in
 * Cyrillic (`ГЛС1`), punctuation or a word glued on (`«GLS1»,`, `theGLS1`), the placeholder
 * repeated (the first is kept).
 * A slot whose placeholder is gone is returned in `lost`, never dropped silently.
 */
export function unmaskTerms(output: string, slots: readonly Slot[]): { text: string; lost: Slot[]; repaired: boolean } {
  if (slots.length === 0) return { text: output, lost: [], repaired: false };
  const byKey = new Map<string, Slot>();
  const prefixes = new Set<string>();
  for (const slot of slots) {
    const m = /^([A-Z]+)(\d+)$/.exec(slot.placeholder);
    if (!m) throw new Error(`not a placeholder: ${slot.placeholder}`);
    prefixes.add(m[1]);
    byKey.set(`${m[1]}${Number(m[2])}`, slot);
  }
  const used = new Set<Slot>();
  let repaired = false;
  const text = output.replace(placeholderRegex([...prefixes]), (match: string, digits: string, offset: number, whole: string) => {
    const slot = byKey.get(`${prefixOf(match, [...prefixes])}${Number(digits.normalize('NFKC'))}`);
    if (!slot) return match;
    if (used.has(slot)) {
      repaired = true;
      return DROPPED;
    }
    used.add(slot);
    if (match !== slot.placeholder) repaired = true;
    // A word glued to the placeholder's left ("theGLS1") gets its space back, except in scripts without spaces.
    const prev = whole.slice(0, offset).slice(-1);
    if (/[\p{L}\p{N}]/u.test(prev) && !UNSPACED.test(prev) && !UNSPACED.test(slot.target.slice(0, 1))) {
      repaired = true;
      return ` ${slot.target}`;
    }
    return slot.target;
  });
  return {
    // A dropped duplicate takes the separator before it along: "GLS1, GLS1 said" → "Yerlan said".
    text: text.includes(DROPPED) ? text.replace(/[\s,;、，]*\u0000/gu, '') : text,
    lost: slots.filter((s) => !used.has(s)),
    repaired,
  };
}
