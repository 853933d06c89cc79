// Per-token lookup tables (length = vocabulary size) that the decoder graphs gather from.
// They encode the token conventions of tokenizer.ts: which tokens continue a word, which end one,
// how a dictionary maps tokens, and when an output token must be glued to the previous one.
import { capitalize, DROP } from './dictionaries.ts';
import { BLANK, BLANK_CAP, BLANK_JOIN, ELISION_REGEX, PREFIX, Vocab } from './tokenizer.ts';

const ALNUM_START = /^[\p{L}\p{N}]/u;
const ALNUM_END = /[\p{L}\p{N}]$/u;
export const HAN = /\p{Script=Han}|[。，、]/u;
const ELISION = new RegExp(`${ELISION_REGEX}$`, 'u');

function perToken(vocab: Vocab, f: (token: string, id: number) => number): number[] {
  return vocab.tokens.map((t, id) => (vocab.isSpecial(id) ? 0 : f(t, id)));
}

const bare = (t: string) => (t.startsWith(PREFIX) ? t.slice(PREFIX.length) : t);

/** 1 for a `##` token that continues a word with a letter or digit ("##q", "##5", not "##."). */
export function continuesWord(vocab: Vocab): number[] {
  return perToken(vocab, (t) => Number(t.startsWith(PREFIX) && ALNUM_START.test(bare(t))));
}

/** 1 for a token ending in a letter or digit, i.e. a `##` letter after it is inside the word. */
export function endsWord(vocab: Vocab): number[] {
  return perToken(vocab, (t) => Number(ALNUM_END.test(bare(t))));
}

/** 1 for a non-special token (one that survives skip_special_tokens). */
export function visible(vocab: Vocab): number[] {
  return perToken(vocab, () => 1);
}

/** `##` token -> its word-start form (when there is one); others unchanged. */
export function wordStartTable(vocab: Vocab): number[] {
  return vocab.tokens.map((t, id) => (t.startsWith(PREFIX) && vocab.has(bare(t)) ? vocab.id(bare(t)) : id));
}

/** 1 for a token that starts a word (a plain, non-special token). */
export function startsWord(vocab: Vocab): number[] {
  return perToken(vocab, (t) => Number(!t.startsWith(PREFIX)));
}

export function isToken(vocab: Vocab, tokens: readonly string[]): number[] {
  const set = new Set(tokens);
  return perToken(vocab, (t) => Number(set.has(t)));
}

/** 1 for the French elisions the pre-tokenizer isolates ("l'", "qu’"). */
export function isElision(vocab: Vocab): number[] {
  return perToken(vocab, (t) => Number(ELISION.test(t)));
}

/** 1 for Han words and Chinese punctuation (and the joined blank), after which Han is glued. */
export function isHan(vocab: Vocab): number[] {
  const out = perToken(vocab, (t) => Number(HAN.test(t)));
  out[BLANK_JOIN] = 1;
  return out;
}

/**
 * Source token -> target token: identity, overlaid with the dictionary. A word and its `##` form
 * map to the target word and its `##` form ("(Chine)" -> "(China)"); DROP maps to `<blank>`.
 */
export function translationTable(vocab: Vocab, dict: ReadonlyMap<string, string>): number[] {
  const table = vocab.tokens.map((_, id) => id);
  for (const [src, tgt] of dict) {
    const blank = src === capitalize(src) && src !== src.toLowerCase() ? BLANK_CAP : BLANK;
    table[vocab.id(src)] = tgt === DROP ? blank : vocab.id(tgt);
    table[vocab.id(PREFIX + src)] = tgt === DROP ? blank : vocab.id(PREFIX + tgt);
  }
  return table;
}

/**
 * After `<blank_cap>`: a dictionary target word -> its Capitalized form, and a further dropped
 * word keeps the capital pending. Words outside the dictionaries are never touched.
 */
export function capitalTable(vocab: Vocab, targets: Iterable<string>): number[] {
  const table = vocab.tokens.map((_, id) => id);
  table[BLANK] = BLANK_CAP;
  for (const t of targets) {
    if (t === DROP || !vocab.has(capitalize(t))) continue;
    table[vocab.id(t)] = vocab.id(capitalize(t));
    table[vocab.id(PREFIX + t)] = vocab.id(PREFIX + capitalize(t));
  }
  return table;
}

export function capitalAfter(vocab: Vocab): number[] {
  return vocab.tokens.map((_, id) => Number(id === BLANK_CAP));
}

/**
 * Word-start token -> its `##` form, for the tokens `joinable` selects; others unchanged.
 * With `blankJoins`, a dropped word keeps the glue going (Han, blank, Han stays unspaced).
 */
export function joinTable(vocab: Vocab, joinable: (token: string) => boolean, blankJoins = false): number[] {
  return vocab.tokens.map((t, id) => {
    if (id === BLANK || id === BLANK_CAP) return blankJoins ? BLANK_JOIN : id;
    if (vocab.isSpecial(id) || t.startsWith(PREFIX) || !joinable(t)) return id;
    return vocab.has(PREFIX + t) ? vocab.id(PREFIX + t) : id;
  });
}

/** Every token appearing as a key or value of the dictionaries (values may hold spaces). */
export function dictionaryTokens(...dicts: ReadonlyMap<string, string>[]): string[] {
  const out = new Set<string>();
  for (const d of dicts) for (const [k, v] of d) for (const t of [k, v]) if (t !== DROP) out.add(t);
  return [...out];
}

/** The tables every translator decoder needs whatever its dictionary. */
export function commonTables(vocab: Vocab) {
  return {
    vocabSize: vocab.size,
    continuesWord: continuesWord(vocab),
    endsWord: endsWord(vocab),
    capAfter: capitalAfter(vocab),
    visible: visible(vocab),
    wordStart: wordStartTable(vocab),
  };
}
