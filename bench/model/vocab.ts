// The bench model's token list: `</s>`=0, `<unk>`=1, punctuation, the French-like sample words,
// then pronounceable filler words up to vocab_size − 1, and `<pad>` last (= decoder start), as
// in Helsinki-NLP/opus-mt-fr-en. Same size -> same list.
import { PUNCT, sampleWords } from './lexicon.ts';

export const EOS = '</s>';
export const UNK = '<unk>';
export const PAD = '<pad>';

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'j', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'ch', 'br', 'tr', 'pl', 'gr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ou', 'an', 'on', 'é', 'ai'];
const SYLLABLES = ONSETS.flatMap((c) => VOWELS.map((v) => c + v)); // 200

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

const cache = new Map<number, string[]>();

/** The `size` tokens of the vocabulary, index = token id. */
export function benchVocab(size: number): string[] {
  const hit = cache.get(size);
  if (hit) return hit;
  if (size < 4 + PUNCT.length) throw new Error(`vocab size ${size} too small`);
  const head = [EOS, UNK, ...PUNCT, ...sampleWords()].slice(0, size - 1);
  const seen = new Set(head);
  const tokens = head;
  for (let i = 0; tokens.length < size - 1; i++) {
    const f = filler(i);
    if (!seen.has(f)) {
      seen.add(f);
      tokens.push(f);
    }
  }
  tokens.push(PAD);
  cache.set(size, tokens);
  return tokens;
}

/** The sample words a vocabulary of this size really contains (for writing input text). */
export function wordsInVocab(size: number): Set<string> {
  const vocab = benchVocab(size);
  const words = new Set(sampleWords());
  return new Set(vocab.filter((t) => words.has(t)));
}
