// Finding glossary terms in text: whole words, first letter in either case, either apostrophe.
// One engine serves masking French sources and spotting target spellings in editions.

/** A character that continues a word: letters, combining marks, digits. */
const WORD_CHAR = /[\p{L}\p{M}\p{N}_]/u;
/** Scripts written without spaces between words: a term there needs no word boundary. */
const UNSPACED_CLASS = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}]';
export const UNSPACED = new RegExp(UNSPACED_CLASS, 'u');
const APOSTROPHE = /['’ʼ]/u;
/** French elided words: an apostrophe after them is an elision, so a term may follow it. */
const ELIDED = /(?:^|[^\p{L}\p{M}\p{N}_])(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|presqu|quoiqu)$/iu;
/** Languages that glue case endings to names (Ерлан Қошановтың): a spelling may be followed by a suffix. */
const SUFFIXING = new Set(['kk', 'ky', 'uz', 'tr', 'az', 'tk', 'tt', 'ba', 'ug', 'fi', 'hu', 'et']);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const firstChar = (s: string): string => (s ? String.fromCodePoint(s.codePointAt(0) as number) : '');
const lastChar = (s: string): string => {
  const low = s.charCodeAt(s.length - 1);
  return s.slice(low >= 0xdc00 && low <= 0xdfff ? -2 : -1);
};

/** The form two terms are compared in: same as matching treats them (first letter, apostrophes, spaces). */
export function termKey(term: string): string {
  const t = term.normalize('NFC').trim().replace(/['’ʼ]/g, "'").replace(/\s+/g, ' ');
  return firstChar(t).toLowerCase() + t.slice(firstChar(t).length);
}

/** Regex source for a term: first letter in either case, any apostrophe, any run of spaces, any hyphen. */
function termSource(term: string, suffix: boolean): string {
  const chars = Array.from(term.normalize('NFC').trim());
  let out = '';
  chars.forEach((c, i) => {
    if (/\s/u.test(c)) {
      if (!/\s/u.test(chars[i - 1] ?? '')) out += '\\s+';
    } else if (APOSTROPHE.test(c)) out += "['’ʼ]";
    else if (/[-‐‑]/u.test(c)) out += '[-‐‑]';
    else if (i === 0 && c.toLowerCase() !== c.toUpperCase()) out += `[${escape(c.toLowerCase())}${escape(c.toUpperCase())}]`;
    else out += escape(c);
  });
  const last = chars.at(-1) ?? '';
  // A word may not go on after the term ("Zhao Leji" is not in "Zhao Lejiang"), unless the
  // script has no spaces or the language glues suffixes to names.
  // A character of a script without spaces may follow directly (由Zhao Leji率领).
  if (WORD_CHAR.test(last) && !UNSPACED.test(last) && !suffix) out += `(?!(?!${UNSPACED_CLASS})[\\p{L}\\p{M}\\p{N}_])`;
  return out;
}

/** May a term start at `index`? Not inside a word, but after an elision (`l’`, `d’`) or a quote. */
function startsWord(text: string, index: number): boolean {
  const before = text.slice(0, index);
  const prev = lastChar(before);
  if (prev === '' || UNSPACED.test(prev)) return true;
  if (WORD_CHAR.test(prev)) return false;
  if (!APOSTROPHE.test(prev)) return true;
  const beforeApostrophe = before.slice(0, -prev.length);
  // `aujourd’hui` does not contain the term "hui"; `l’Assemblée` does contain "Assemblée".
  return !WORD_CHAR.test(lastChar(beforeApostrophe)) || ELIDED.test(beforeApostrophe);
}

export interface TermMatch<T> {
  start: number;
  end: number;
  /** The text as it is written at that place. */
  text: string;
  value: T;
}

/**
 * All non-overlapping occurrences of a set of terms, left to right, the longest term winning at
 * a given place. Text should be NFC (terms are normalised to NFC).
 */
export class TermMatcher<T> {
  private readonly regex?: RegExp;
  private readonly values: T[] = [];
  private readonly checkStart: boolean[] = [];

  constructor(terms: readonly { term: string; value: T }[], suffix: (term: string) => boolean = () => false) {
    const seen = new Set<string>();
    const alternatives: string[] = [];
    const sorted = [...terms].sort((a, b) => b.term.trim().length - a.term.trim().length);
    for (const { term, value } of sorted) {
      const source = termSource(term, suffix(term));
      if (!term.trim() || seen.has(source)) continue;
      seen.add(source);
      alternatives.push(`(${source})`);
      this.values.push(value);
      const first = firstChar(term.trim());
      this.checkStart.push(WORD_CHAR.test(first) && !UNSPACED.test(first));
    }
    if (alternatives.length) this.regex = new RegExp(alternatives.join('|'), 'gu');
  }

  find(text: string): TermMatch<T>[] {
    if (!this.regex) return [];
    const re = new RegExp(this.regex.source, this.regex.flags);
    const found: TermMatch<T>[] = [];
    for (let m = re.exec(text); m; m = re.exec(text)) {
      let g = 1;
      while (m[g] === undefined) g++;
      if (this.checkStart[g - 1] && !startsWord(text, m.index)) {
        // A term cannot start here; look again one character on.
        re.lastIndex = m.index + firstChar(text.slice(m.index)).length;
        continue;
      }
      found.push({ start: m.index, end: m.index + m[0].length, text: m[0], value: this.values[g - 1] });
    }
    return found;
  }
}

/** For spotting spellings in an edition: Cyrillic names and suffixing languages take case endings. */
export function allowsSuffix(term: string, lang?: string): boolean {
  return /\p{Script=Cyrillic}/u.test(lastChar(term.trim())) || (lang !== undefined && SUFFIXING.has(lang.split('-')[0]));
}

/** Is `term` written in `text` (whole word, first letter in either case, any apostrophe)? */
export function containsTerm(text: string, term: string, lang?: string): boolean {
  return new TermMatcher([{ term, value: term }], (t) => allowsSuffix(t, lang)).find(text.normalize('NFC')).length > 0;
}
