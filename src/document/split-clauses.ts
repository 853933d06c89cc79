/**
 * Cutting a sentence that is still too long for a model into clauses.
 *
 * The sentence is cut only at spaces, by order of preference:
 *   1. after `;` or `:` (strong clause boundaries),
 *   2. after `,`,
 *   3. between any two words – the last resort.
 * A part that fits is never cut further; a part that does not fit is cut at
 * the next level, and so on down to single words. The resulting parts are
 * then packed greedily, left to right: consecutive parts are joined as long
 * as the join still fits. For a `fits` that is monotone (a part of something
 * that fits also fits – true of character, word or token counts) greedy
 * packing gives the fewest pieces possible for those cut points, each
 * fitting, except a single word too long by itself, which becomes a piece
 * of its own: a word is never cut inside nor dropped. Clause boundaries win
 * over a smaller count: a clause that fits is kept whole even when cutting
 * everything between words would have given one piece fewer.
 *
 * Punctuation stays with the piece on its left ("Il a dit :" | "il viendra"),
 * including a French space before it ("… dit :" is one piece, not "… dit" |
 * ": …"), and a closing quote or bracket that follows the punctuation is not
 * separated from it either; an opening quote or bracket written apart
 * ("« Nous") stays with the word after it. Straight double quotes written
 * apart are told opening from closing by counting them.
 *
 * The result joined with single spaces gives back the sentence (after the
 * same whitespace normalisation as segmentFrench).
 */
import { normalizeWhitespace } from './segment-fr.ts';

/** Cut levels, strongest first: how the text before a cut must end (the last matches anything). */
const CUT_LEVELS: readonly RegExp[] = [/[;:]$/, /,$/, /(?:)/];
const TRAILING_CLOSERS = /[»”")\]]+$/;
/** A token starting like this belongs with the one before it (French spacing: "dit :"). */
const STICKS_LEFT = /^[»”)\],;:!?.…%]/;
/** A token made only of these belongs with the one after it ("« Oui"). */
const ONLY_OPENERS = /^[«“‘(\[—–]+$/;

/**
 * Splits `segment` into as few pieces as possible that each satisfy `fits`,
 * preferring clause boundaries (see the module comment).
 */
export function splitClauses(segment: string, fits: (s: string) => boolean): string[] {
  const sentence = normalizeWhitespace(segment);
  if (sentence === '') return [];
  if (fits(sentence)) return [sentence];
  return pack(parts(sentence.split(' '), 0, fits), fits);
}

/**
 * Cuts `tokens` at `level` and recursively cuts the parts that don't fit at
 * the next levels. Every returned part fits, or is a single word.
 */
function parts(tokens: string[], level: number, fits: (s: string) => boolean): string[] {
  const lastLevel = level === CUT_LEVELS.length - 1;
  const result: string[] = [];
  for (const group of cutAt(tokens, CUT_LEVELS[level])) {
    const text = group.join(' ');
    // At the word level a group is one word with its detached punctuation
    // ("supprimé ;", "« Oui"): it cannot be cut further.
    if (lastLevel || group.length === 1 || fits(text)) result.push(text);
    else result.push(...parts(group, level + 1, fits));
  }
  return result;
}

/** Groups consecutive tokens, closing a group after a token ending with `end`. */
function cutAt(tokens: string[], end: RegExp): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let straightQuotes = 0; // odd while a straight double quote is open
  tokens.forEach((token, i) => {
    current.push(token);
    straightQuotes += token.split('"').length - 1;
    const next = tokens[i + 1];
    if (next === undefined) return;
    const cuttable = endsWith(current, end);
    const nextSticks = next.startsWith('"') ? straightQuotes % 2 === 1 : STICKS_LEFT.test(next);
    const opens = ONLY_OPENERS.test(token) || (token === '"' && straightQuotes % 2 === 1);
    if (cuttable && !nextSticks && !opens) {
      groups.push(current);
      current = [];
    }
  });
  groups.push(current);
  return groups;
}

/**
 * Does the text of `tokens` end with `end`, looking through closing quotes
 * and brackets, even in tokens of their own ("oui, »")?
 */
function endsWith(tokens: string[], end: RegExp): boolean {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const core = tokens[i].replace(TRAILING_CLOSERS, '');
    if (core !== '') return end.test(core);
  }
  return end.test('');
}

/** Joins consecutive parts, left to right, while the join fits. */
function pack(items: string[], fits: (s: string) => boolean): string[] {
  const pieces: string[] = [];
  let current = items[0];
  for (const item of items.slice(1)) {
    const joined = `${current} ${item}`;
    if (fits(joined)) current = joined;
    else {
      pieces.push(current);
      current = item;
    }
  }
  pieces.push(current);
  return pieces;
}
