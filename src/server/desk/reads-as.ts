/**
 * Whether a text reads as French: the share of its words that are French function words (articles,
 * prepositions, auxiliaries), which any French prose of a few sentences is full of and English,
 * Kazakh or Russian text is not. A warning, not a verdict: the article is translated all the same.
 */
const FRENCH = new Set(
  'le la les l de des du d un une et est à au aux en que qu qui dans pour sur par pas ne avec il elle ils elles ce cette ces son sa ses leur leurs a ont été sont se s plus ou mais nous vous on y'.split(
    ' ',
  ),
);
/** Below this many words there is too little to tell. */
const MIN_WORDS = 6;
const MIN_SHARE = 0.12;

export function readsAsFrench(text: string): boolean {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_WORDS) return true;
  return words.filter((w) => FRENCH.has(w)).length / words.length >= MIN_SHARE;
}
