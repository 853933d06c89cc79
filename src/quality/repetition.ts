import type { Flag } from '../document/article.ts';

/** Longest repeated unit looked for, in words. */
export const REPETITION_MAX_N = 6;
/** The same in text written without spaces, where a token is one character: six words ≈ 16 characters. */
export const REPETITION_MAX_N_UNSPACED = 16;
/** A unit repeated this many times in a row is a loop when it covers enough of the text… */
export const REPETITION_MIN_REPEATS = 3;
export const REPETITION_MIN_COVERAGE = 0.3;
/** …and a single word repeated this many times in a row is a loop whatever the length. */
export const REPETITION_WORD_RUN = 4;

/** Words, or single characters in scripts written without spaces; punctuation is not a token. */
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}]+(?:['’ʼ][\p{L}\p{M}\p{N}]+)*/gu;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** How many times the n tokens at `i` occur in a row from there. */
function repeatsAt(keys: readonly string[], i: number, n: number): number {
  let k = 1;
  outer: for (;;) {
    const next = i + k * n;
    if (next + n > keys.length) break;
    for (let j = 0; j < n; j++) if (keys[next + j] !== keys[i + j]) break outer;
    k++;
  }
  return k;
}

/**
 * Finds a generation loop: `I'm sorry, I'm sorry, I'm sorry…`, `sorry , sorry , sorry`, a word
 * four times in a row, or any 1–6-word unit (1–16 characters in Chinese) repeated 3+ times in a
 * row over 30%+ of the text.
 */
export function detectRepetition(text: string): { looping: boolean; reason?: string } {
  const tokens = text.match(TOKEN) ?? [];
  const keys = tokens.map((t) => t.toLowerCase().replace(/[’ʼ]/g, "'"));
  const unspaced = tokens.filter((t) => UNSPACED.test(t)).length > tokens.length / 2;
  const maxN = unspaced ? REPETITION_MAX_N_UNSPACED : REPETITION_MAX_N;
  // Smallest unit first, so "sorry sorry sorry" is reported as one word, not as a pair.
  for (let n = 1; n <= maxN; n++) {
    for (let i = 0; i + n * 2 <= keys.length; i++) {
      const k = repeatsAt(keys, i, n);
      const coverage = (k * n) / keys.length;
      const loop = (n === 1 && k >= REPETITION_WORD_RUN) || (k >= REPETITION_MIN_REPEATS && coverage >= REPETITION_MIN_COVERAGE);
      if (!loop) continue;
      const unit = tokens.slice(i, i + n);
      const shown = unit.every((t) => UNSPACED.test(t)) ? unit.join('') : unit.join(' ');
      const what = n === 1 ? 'word' : 'phrase';
      return { looping: true, reason: `the ${what} "${shown}" repeats ${k} times in a row (${Math.round(coverage * 100)}% of the text)` };
    }
  }
  return { looping: false };
}

/** detectRepetition as a quality flag. */
export function checkRepetition(text: string): Flag[] {
  const { looping, reason } = detectRepetition(text);
  return looping ? [{ kind: 'repetition', reason: reason ?? 'the output repeats itself' }] : [];
}
