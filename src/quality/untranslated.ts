import type { Flag } from '../document/article.ts';

/** Sources with fewer words are often names or figures that every edition copies as is. */
export const UNTRANSLATED_MIN_SOURCE_WORDS = 3;
/** An output at least this share made of the source's words is a copy, not a translation… */
export const UNTRANSLATED_COPIED_SHARE = 0.8;
/** …when it has at least this many words to judge by. */
export const UNTRANSLATED_MIN_OUTPUT_WORDS = 4;

/** Text compared without case, accents' composition, punctuation or spacing differences. */
export function normaliseForCompare(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’ʼ]/gu, "'")
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Lower-cased words; figures are left out because every edition copies them. */
export function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? []
  ).filter((w) => /\p{L}/u.test(w));
}

/** Flags an output that is the source unchanged, or made mostly of the source's words. */
export function checkUntranslated(source: string, output: string): Flag[] {
  const sourceWords = wordsOf(source);
  if (sourceWords.length >= UNTRANSLATED_MIN_SOURCE_WORDS && normaliseForCompare(output) === normaliseForCompare(source))
    return [{ kind: 'untranslated', reason: `output is the source text unchanged (${sourceWords.length} words)` }];
  const outputWords = wordsOf(output);
  if (outputWords.length < UNTRANSLATED_MIN_OUTPUT_WORDS) return [];
  const known = new Set(sourceWords);
  const copied = outputWords.filter((w) => known.has(w)).length;
  const share = copied / outputWords.length;
  if (share < UNTRANSLATED_COPIED_SHARE) return [];
  return [
    {
      kind: 'untranslated',
      reason: `output is mostly the source's words: ${copied} of ${outputWords.length} words (${Math.round(share * 100)}%) are copied from the source`,
    },
  ];
}
