// The bench model's SentencePiece-style vocabulary (id = index): `</s>`=0, `<unk>`=1, then the
// pieces, and `<pad>` last (= decoder start), as in Helsinki-NLP/opus-mt-fr-en. Pieces carry a
// Unigram score (a log probability). "▁" marks a word start, as SentencePiece writes it.
//
// Which pieces: every sample word in four forms (▁word, word, ▁Word, Word: a word start, a piece
// glued to the previous one as after "l'", both cases, since SentencePiece models keep case),
// punctuation with and without ▁, single characters as a fallback for words the list lacks, and
// pronounceable ▁-filler words up to the size. Scores: whole pieces in (−10, −5], single
// characters −12, "▁" alone −10, so any split of a known word into two or more pieces scores
// lower than the word itself and segmentation follows the words and punctuation of the text:
// the same ~1.2 tokens per word as the earlier WordLevel tokenizer, and decode -> encode of a
// generated text gives back as many tokens (the bench counts output tokens that way).
// Same size -> same list.
import { PUNCT, sampleWords } from './lexicon.ts';

export const EOS = '</s>';
export const UNK = '<unk>';
export const PAD = '<pad>';
export const SPACE = '\u2581';

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'j', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'ch', 'br', 'tr', 'pl', 'gr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ou', 'an', 'on', 'é', 'ai'];
const SYLLABLES = ONSETS.flatMap((c) => VOWELS.map((v) => c + v)); // 200

/** Characters with a one-character fallback piece. */
const CHARS = [...'abcdefghijklmnopqrstuvwxyz0123456789', ...'àâäçéèêëîïôöùûüÿœæ', ...'.,;:!?\'"«»()[]-–—%€$/&+*=_#@’…'];

/** The i-th filler word: 2+ syllables, written in base-200 syllable digits. */
function filler(i: number): string {
  let n = i + SYLLABLES.length; // start at two syllables
  let out = '';
  while (n > 0) {
    out = SYLLABLES[n % SYLLABLES.length] + out;
    n = Math.floor(n / SYLLABLES.length);
  }
  return out;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export type Piece = [piece: string, score: number];

const cache = new Map<number, Piece[]>();

/** The `size` pieces and scores of the vocabulary, index = token id. */
export function benchPieces(size: number): Piece[] {
  const hit = cache.get(size);
  if (hit) return hit;
  const words = sampleWords();
  const head: string[] = [SPACE];
  for (const p of PUNCT) head.push(SPACE + p, p);
  for (const w of words) head.push(SPACE + w, w, SPACE + cap(w), cap(w));
  const seen = new Set<string>([EOS, UNK, PAD]);
  const pieces: Piece[] = [
    [EOS, 0],
    [UNK, 0],
  ];
  const add = (p: string, score: number) => {
    if (pieces.length < size - 1 && !seen.has(p)) {
      seen.add(p);
      pieces.push([p, score]);
    }
  };
  head.forEach((p, i) => add(p, p === SPACE ? -10 : -5 - (4 * i) / head.length));
  for (const c of CHARS) add(c, -12);
  for (const c of CHARS) add(c.toUpperCase(), -12);
  for (let i = 0; pieces.length < size - 1; i++) add(SPACE + filler(i), -9.5 - (0.49 * i) / size);
  if (pieces.length < size - 1) throw new Error(`vocab size ${size} too small`);
  pieces.push([PAD, 0]);
  cache.set(size, pieces);
  return pieces;
}

/** The `size` tokens of the vocabulary, index = token id. */
export function benchVocab(size: number): string[] {
  return benchPieces(size).map(([p]) => p);
}

/** The sample words a vocabulary of this size holds as a word start and as a glued piece. */
export function wordsInVocab(size: number): Set<string> {
  const vocab = new Set(benchVocab(size));
  return new Set(sampleWords().filter((w) => vocab.has(SPACE + w) && vocab.has(w)));
}
