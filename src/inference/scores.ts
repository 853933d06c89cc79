// How sure a model was of what it wrote, from the log-probabilities of the tokens it chose
// (decode/types.ts). Firefox Translations (Bergamot) scores sentences and words the same way,
// from the model's own log-probabilities, and highlights words below probability 0.5.

/** A word whose tokens include one below this probability is marked for the editor (Bergamot's line). */
export const LOW_TOKEN_PROBABILITY = 0.5;

/** Character span [start, end) of a word in a text. */
export type Span = [number, number];

/**
 * The geometric mean of the chosen tokens' probabilities, exp(mean log-probability), end token
 * included: 1 when the model had no doubt, about 0.5 when each token was a coin toss. Unlike the
 * sequence score it does not grow with length, so segments of any length compare; undefined when
 * the model path reported no log-probabilities.
 */
export function confidenceOf(logprobs: readonly number[]): number | undefined {
  if (logprobs.length === 0) return undefined;
  const mean = logprobs.reduce((a, b) => a + b, 0) / logprobs.length;
  return Math.exp(mean);
}

// Scripts written without spaces: a token there is marked on its own, not widened to a "word".
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const WORD = /[\p{L}\p{M}\p{N}'’-]/u;
const inWord = (c: string | undefined) => c !== undefined && WORD.test(c) && !UNSPACED.test(c);

/** Sorted, with overlapping or touching spans joined. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const [s, e] of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/**
 * The words holding a token below LOW_TOKEN_PROBABILITY. `ends[i]` is where token i ends in
 * `text` (decoded prefixes, see text-codec.ts); a token's span is widened to the whole word around
 * it (letters, digits, apostrophes, hyphens), except in scripts written without spaces.
 */
export function lowWordSpans(text: string, ends: readonly number[], logprobs: readonly number[]): Span[] {
  const line = Math.log(LOW_TOKEN_PROBABILITY);
  const spans: Span[] = [];
  ends.forEach((end, i) => {
    const start = i === 0 ? 0 : ends[i - 1];
    if (!(logprobs[i] < line)) return;
    let s = start;
    let e = end;
    // Spaces a token carries in front of its word are not part of the word.
    while (s < e && /\s/u.test(text[s])) s++;
    while (e > s && /\s/u.test(text[e - 1])) e--;
    if (s === e) return;
    if (inWord(text[s])) while (inWord(text[s - 1])) s--;
    if (inWord(text[e - 1])) while (inWord(text[e])) e++;
    spans.push([s, e]);
  });
  return mergeSpans(spans);
}

/**
 * Finds marked words again in a text made from `before` (placeholders replaced by glossary
 * spellings, a derived script): each word is looked up as `map` writes it, at the same rank among
 * its equals. A word that is no longer there (a placeholder: the glossary decided that spelling)
 * loses its mark.
 */
export function relocateSpans(spans: readonly Span[], before: string, after: string, map: (s: string) => string = (s) => s): Span[] {
  if (spans.length === 0 || before === after) return [...spans];
  const out: Span[] = [];
  for (const [s, e] of spans) {
    const word = before.slice(s, e);
    let rank = 0;
    for (let at = before.indexOf(word); at >= 0 && at < s; at = before.indexOf(word, at + 1)) rank++;
    const wanted = map(word);
    if (!wanted) continue;
    let at = after.indexOf(wanted);
    for (let k = 0; k < rank && at >= 0; k++) at = after.indexOf(wanted, at + 1);
    if (at >= 0) out.push([at, at + wanted.length]);
  }
  return mergeSpans(out);
}

/** Spans of texts joined with `separator`, in the joined text. */
export function joinSpans(parts: readonly { text: string; lowWords?: Span[] }[], separator: string): Span[] {
  const out: Span[] = [];
  let at = 0;
  for (const p of parts) {
    for (const [s, e] of p.lowWords ?? []) out.push([s + at, e + at]);
    at += p.text.length + separator.length;
  }
  return out;
}
