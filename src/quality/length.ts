import type { Flag } from '../document/article.ts';

/** Allowed ratio of output to source length, in characters. */
export interface LengthBounds {
  min: number;
  max: number;
}

/**
 * Default bounds for French sources, wide on purpose: they catch truncated output and runaway
 * generation, not style. Measured in characters (code points, spaces collapsed).
 * - en 0.6–1.6: English runs ~10–15% shorter than French.
 * - ru 0.6–1.8: Russian is about as long as French, longer with declined titles.
 * - kk 0.5–1.8: Kazakh drops articles and prepositions (suffixes) but has long words.
 * - zh 0.15–0.9: a Chinese character carries a syllable or a word; typical is 0.3–0.4.
 * Derived editions (kk-Latn, zh-Hant) are transliterations, so they share their base's bounds.
 */
export const DEFAULT_LENGTH_BOUNDS: Readonly<Record<string, LengthBounds>> = {
  en: { min: 0.6, max: 1.6 },
  ru: { min: 0.6, max: 1.8 },
  kk: { min: 0.5, max: 1.8 },
  zh: { min: 0.15, max: 0.9 },
};
/** For a language with no default: only gross failures. */
export const FALLBACK_LENGTH_BOUNDS: LengthBounds = { min: 0.3, max: 2.5 };
/** Sources shorter than this (headings, datelines, "Photo : AFP") vary too much to judge. */
export const LENGTH_MIN_SOURCE = 20;

export function lengthBoundsFor(lang: string): LengthBounds {
  return DEFAULT_LENGTH_BOUNDS[lang] ?? DEFAULT_LENGTH_BOUNDS[lang.split('-')[0]] ?? FALLBACK_LENGTH_BOUNDS;
}

/** Length in characters as a reader sees them: code points, runs of spaces counted once. */
export function charLength(text: string): number {
  return [...text.trim().replace(/\s+/gu, ' ')].length;
}

const ratio = (n: number): string => `${Number(n.toFixed(2))}×`;

/** Flags an output much shorter or longer than its source. */
export function checkLength(source: string, output: string, bounds: LengthBounds): Flag[] {
  const s = charLength(source);
  if (s < LENGTH_MIN_SOURCE) return [];
  const o = charLength(output);
  const r = o / s;
  if (r >= bounds.min && r <= bounds.max) return [];
  const expected = `expected ${ratio(bounds.min)}–${ratio(bounds.max)}`;
  const reason =
    o === 0
      ? `output is empty for a source of ${s} characters`
      : `output is ${ratio(r)} the source length (${o} vs ${s} characters), ${r < bounds.min ? 'too short' : 'too long'}; ${expected}`;
  return [{ kind: 'length', reason }];
}
