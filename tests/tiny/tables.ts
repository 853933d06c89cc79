// Per-token lookup tables (length = vocabulary size) that the decoder graphs gather from.
// They encode the piece conventions of vocab.ts: a piece either starts a word ("▁président",
// "Ġpresident") or continues one ("président"); the tables read that and the piece's text, so
// they are the same for Unigram, SentencePiece-BPE and byte-level vocabularies.
import { capitalize, DROP } from './dictionaries.ts';
import { BLANK, BLANK_CAP, BLANK_JOIN, ELISION_REGEX, Vocab } from './tokenizer.ts';

const ALNUM_START = /^[\p{L}\p{N}]/u;
const ALNUM_END = /[\p{L}\p{N}]$/u;
export const HAN = /\p{Script=Han}|[。，、]/u;
const ELISION = new RegExp(`${ELISION_REGEX}$`, 'u');

function perToken(vocab: Vocab, f: (text: string, start: boolean, id: number) => number): number[] {
  return vocab.tokens.map((_, id) => (vocab.isSpecial(id) ? 0 : f(vocab.texts[id], vocab.starts[id], id)));
}

/** 1 for a continuation piece that goes on with a letter or digit ("q", "5", not "."). */
export function continuesWord(vocab: Vocab): number[] {
  return perToken(vocab, (text, start) => Number(!start && ALNUM_START.test(text)));
}

/** 1 for a piece ending in a letter or digit, i.e. a continuation letter after it is inside the word. */
export function endsWord(vocab: Vocab): number[] {
  return perToken(vocab, (text) => Number(ALNUM_END.test(text)));
}

/** 1 for a non-special piece (one that survives skip_special_tokens). */
export function visible(vocab: Vocab): number[] {
  return perToken(vocab, () => 1);
}

/** Continuation piece -> its word-start form (when there is one); others unchanged. */
export function wordStartTable(vocab: Vocab): number[] {
  return vocab.tokens.map((_, id) => {
    const text = vocab.texts[id];
    return vocab.isSpecial(id) || vocab.starts[id] || !vocab.hasStart(text) ? id : vocab.start(text);
  });
}

/**
 * 1 for a piece that starts a word, a lone space piece included: BPE leaves "Ġ" alone when a
 * word's own letters merged first ("Ġ" + "jo" + "urs").
 */
export function startsWord(vocab: Vocab): number[] {
  return perToken(vocab, (_, start) => Number(start));
}

/** 1 for the pieces standing for one of `texts`, in either form. */
export function isText(vocab: Vocab, texts: readonly string[]): number[] {
  const set = new Set(texts);
  return perToken(vocab, (text) => Number(set.has(text)));
}

/** 1 for the French elisions ("l'", "qu’"), in either form: after one, the next word is glued on. */
export function isElision(vocab: Vocab): number[] {
  return perToken(vocab, (text) => Number(ELISION.test(text)));
}

/**
 * 1 for an elision that starts a word ("▁l'"). SentencePiece reads "l'économie" as "▁l'" +
 * "économie": the continuation piece after such an elision is a word of its own.
 */
export function elisionStarts(vocab: Vocab): number[] {
  return perToken(vocab, (text, start) => Number(start && ELISION.test(text)));
}

/** 1 for Han words and Chinese punctuation (and the joined blank), after which Han is glued. */
export function isHan(vocab: Vocab): number[] {
  const out = perToken(vocab, (text) => Number(HAN.test(text)));
  out[BLANK_JOIN] = 1;
  return out;
}

/**
 * Source piece -> target piece: identity, overlaid with the dictionary. A word's start and
 * continuation pieces map to the target word's ("(Chine)" -> "(China)"); DROP maps to `<blank>`.
 */
export function translationTable(vocab: Vocab, dict: ReadonlyMap<string, string>): number[] {
  const table = vocab.tokens.map((_, id) => id);
  for (const [src, tgt] of dict) {
    const blank = src === capitalize(src) && src !== src.toLowerCase() ? BLANK_CAP : BLANK;
    table[vocab.start(src)] = tgt === DROP ? blank : vocab.start(tgt);
    table[vocab.cont(src)] = tgt === DROP ? blank : vocab.cont(tgt);
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
    if (t === DROP || !vocab.hasStart(capitalize(t))) continue;
    table[vocab.start(t)] = vocab.start(capitalize(t));
    table[vocab.cont(t)] = vocab.cont(capitalize(t));
  }
  return table;
}

export function capitalAfter(vocab: Vocab): number[] {
  return vocab.tokens.map((_, id) => Number(id === BLANK_CAP));
}

/**
 * Word-start piece -> its continuation form, for the pieces `joinable` selects; others unchanged.
 * With `blankJoins`, a dropped word keeps the glue going (Han, blank, Han stays unspaced).
 */
export function joinTable(vocab: Vocab, joinable: (text: string) => boolean, blankJoins = false): number[] {
  return vocab.tokens.map((_, id) => {
    if (id === BLANK || id === BLANK_CAP) return blankJoins ? BLANK_JOIN : id;
    const text = vocab.texts[id];
    const cont = vocab.piece(text, false);
    if (vocab.isSpecial(id) || !vocab.starts[id] || !vocab.has(cont) || !joinable(text)) return id;
    return vocab.id(cont);
  });
}

/** Every word appearing as a key or value of the dictionaries (values may hold spaces). */
export function dictionaryWords(...dicts: ReadonlyMap<string, string>[]): { source: string[]; target: string[] } {
  const source = new Set<string>();
  const target = new Set<string>();
  for (const d of dicts) {
    for (const [k, v] of d) {
      source.add(k);
      if (v !== DROP) target.add(v);
    }
  }
  return { source: [...source], target: [...target].filter((t) => !source.has(t)) };
}

/** The tables every translator decoder needs whatever its dictionary. */
export function commonTables(vocab: Vocab) {
  return {
    vocabSize: vocab.size,
    continuesWord: continuesWord(vocab),
    endsWord: endsWord(vocab),
    elision: elisionStarts(vocab),
    capAfter: capitalAfter(vocab),
    visible: visible(vocab),
    wordStart: wordStartTable(vocab),
  };
}
