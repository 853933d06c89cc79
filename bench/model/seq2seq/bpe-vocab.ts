// A BPE vocabulary and its merges for the stand-ins' tokenizers, in the two forms the real models
// use: SentencePiece BPE (NLLB: "▁" marks a word start) and byte-level BPE (BART: "Ġ", the
// byte-level form of a space, marks it, and every piece is written in GPT-2's byte alphabet).
//
// Pieces: the base alphabet, then whole words with a word-start marker (the bench's French sample
// words in both cases, elided articles, punctuation), then pronounceable filler words up to the
// size, then pieces without the marker (words glued to what precedes them, syllables)
// as a fallback for words the list lacks. The vocabulary is prefix-closed and every piece of two
// or more characters has one merge, (piece minus its last character, last character), ranked in
// piece order: marker pieces merge first, so a known word always comes out whole, and the rest
// splits into syllables or characters. The fillers are those of the OPUS-MT stand-in (same
// generator), so the text one stand-in writes is mostly whole words for the next one.
import { PUNCT, sampleWords } from '../lexicon.ts';

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'j', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'ch', 'br', 'tr', 'pl', 'gr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ou', 'an', 'on', 'é', 'ai'];
export const SYLLABLES = ONSETS.flatMap((c) => VOWELS.map((v) => c + v));

/** The i-th filler word (2+ syllables, base-200 syllable digits), as the OPUS-MT stand-in's. */
export function filler(i: number): string {
  let n = i + SYLLABLES.length;
  let out = '';
  while (n > 0) {
    out = SYLLABLES[n % SYLLABLES.length] + out;
    n = Math.floor(n / SYLLABLES.length);
  }
  return out;
}

/** GPT-2's byte -> printable character table (bytes that print as themselves keep their code). */
export const BYTE_CHARS: string[] = (() => {
  const keep = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const out: string[] = [];
  let extra = 0;
  for (let b = 0; b < 256; b++) out.push(String.fromCharCode(keep(b) ? b : 256 + extra++));
  return out;
})();

const utf8 = new TextEncoder();
/** `text` in the byte-level alphabet (a space is "Ġ"). */
export const byteLevel = (text: string) => Array.from(utf8.encode(text), (b) => BYTE_CHARS[b]).join('');

/** Characters of the SentencePiece alphabet (anything else is `<unk>`, as NLLB has no byte fallback). */
const SP_CHARS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ',
  ...'.,;:!?\'"«»()[]-–—%€$/&+*=_#@’…',
];

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const ELIDED = ['l', 'd', 'qu', 'n', 's', 'j', 'c', 'm', 't', 'lorsqu', 'puisqu', 'jusqu'];

export interface BpeVocabOptions {
  /** Entries of the BPE model's vocabulary (ids 0 … size − 1), specials included. */
  size: number;
  /** Pieces with ids 0, 1, …: the special tokens. */
  specials: string[];
  kind: 'sentencepiece' | 'byte-level';
}

export interface BpeVocab {
  /** Piece of each id. */
  pieces: string[];
  /** Merges in rank order, as "left right". */
  merges: string[];
}

export function bpeVocab(o: BpeVocabOptions): BpeVocab {
  const sp = o.kind === 'sentencepiece';
  const marker = sp ? '\u2581' : BYTE_CHARS[0x20];
  const pieces = [...o.specials];
  const seen = new Set(pieces);
  const merges: string[] = [];
  const base = sp ? [marker, ...SP_CHARS] : BYTE_CHARS;
  for (const c of base) if (!seen.has(c)) seen.add(c), pieces.push(c);
  const spChars = new Set(base);

  // A word as units, one per character: the character itself (SentencePiece; null when outside
  // the alphabet), or its bytes in the byte-level alphabet, so a piece never ends inside a
  // character and decoding never shows half of one.
  const units = (word: string): string[] | null => {
    const cs = Array.from(word);
    if (sp) return cs.every((c) => spChars.has(c)) ? cs : null;
    return cs.map((c) => (c === ' ' ? marker : byteLevel(c)));
  };
  /** New pieces (with their merges) that `us` needs: each unit's own bytes, then its prefixes. */
  const missingFor = (us: string[], known: Set<string>): [string, string][] => {
    const out: [string, string][] = [];
    const need = (piece: string, left: string, right: string) => {
      if (!known.has(piece) && !out.some(([p]) => p === piece)) out.push([piece, `${left} ${right}`]);
    };
    for (const u of us) for (let n = 2; n <= u.length; n++) need(u.slice(0, n), u.slice(0, n - 1), u[n - 1]);
    for (let n = 2; n <= us.length; n++) need(us.slice(0, n).join(''), us.slice(0, n - 1).join(''), us[n - 1]);
    return out;
  };
  /** Adds `word` and its missing prefixes if all fit under `limit`; false when they do not. */
  const add = (word: string, limit: number): boolean => {
    const us = units(word);
    if (!us) return true; // not writable in this alphabet: skipped
    const missing = missingFor(us, seen);
    if (pieces.length + missing.length > limit) return false;
    for (const [p, merge] of missing) {
      seen.add(p);
      pieces.push(p);
      merges.push(merge);
    }
    return true;
  };

  const words = sampleWords();
  const mark = (w: string) => (sp ? marker + w : ` ${w}`);
  const head: string[] = [];
  for (const w of words) head.push(mark(w), mark(cap(w)));
  for (const e of ELIDED) for (const a of ["'", '’']) head.push(mark(e + a), mark(cap(e) + a));
  for (const p of PUNCT) head.push(mark(p));
  // Words with no space before them (after an apostrophe or a quote, first in a byte-level
  // text), then syllables for words the list lacks: merged after every marked piece.
  const tail = [...words.flatMap((w) => [w, cap(w)]), ...SYLLABLES];
  for (const h of head) add(h, o.size);
  // Room for the tail, counted after the head (which holds the multi-byte characters' pieces).
  const scratch = new Set(seen);
  for (const t of tail) for (const [p] of missingFor(units(t) ?? [], scratch)) scratch.add(p);
  const tailRoom = scratch.size - seen.size;
  if (o.size < pieces.length + tailRoom + 1000) throw new Error(`BPE vocab size ${o.size} too small`);
  let i = 0;
  for (; pieces.length < o.size - tailRoom; i++) add(mark(filler(i)), o.size - tailRoom);
  for (const t of tail) add(t, o.size);
  for (; pieces.length < o.size; i++) add(mark(filler(i)), o.size);
  return { pieces, merges };
}
