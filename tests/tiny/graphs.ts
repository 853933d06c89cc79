// What the tiny decoders compute at each step (decoder.ts wraps it in the merged-decoder layout).
//
// The encoder hands the token ids through as float "hidden states". At step T (the token fed at
// T is the previous output) the decoder emits a function of source tokens T-1, T, T+1 (and the
// previous output). Tables are K×V int64 lookups; nothing is V×V, so vocabularies of thousands
// stay small.
import type { DecoderLogic, Frame } from './decoder.ts';
import { EOS } from './tokenizer.ts';

export interface TranslatorTables {
  vocabSize: number;
  /** Continuation letter/digit pieces, and pieces ending in a letter/digit (see tables.ts). */
  continuesWord: number[];
  endsWord: number[];
  /** Word-start elisions ("▁l'"): the continuation piece after one starts a word of its own. */
  elision: number[];
  /** One table of V entries, or K tables chosen by the target-language token (NLLB). */
  translate: number[] | { rows: number[][]; rowOfLanguage: number[] };
  /** After a token with joinAfter = 1, the output is replaced by its joinTo entry. */
  joinAfter: number[];
  joinTo: number[];
  /** Likewise after a dropped Capitalized word (see capitalTable). */
  capAfter: number[];
  capTo: number[];
  /** Visible (non-special) tokens, and continuation piece -> word-start form. */
  visible: number[];
  wordStart: number[];
}

/**
 * Word-for-word translator. A token that is part of a longer word (the next token continues
 * it, or it continues a word itself) is copied unchanged, so "lesquels" never becomes
 * "thesquels" even though "les" is in the dictionary.
 */
export function translatorDecoder(t: TranslatorTables): DecoderLogic {
  return { name: 'tiny-translator', vocabSize: t.vocabSize, step: (f) => ({ token: translatorStep(t, f) }) };
}

function translatorStep(t: TranslatorTables, f: Frame): string {
  const { g } = f;
  const continues = g.const('int64', t.continuesWord);
  const elision = g.const('int64', t.elision);
  const wordStart = g.const('int64', t.wordStart);
  // SentencePiece keeps "l'économie" in one chunk ("▁l'" + "économie"): the elision is a word
  // of its own, and the piece after it is read as the word start it stands for.
  const cur = g.where(g.flag(elision, f.prev), g.gather(wordStart, f.cur), f.cur);
  const insideWord = g.or(
    g.and(g.flag(continues, f.next), g.op('Not', [g.flag(elision, cur)])),
    g.and(g.flag(continues, cur), g.flag(g.const('int64', t.endsWord), f.prev)),
  );
  let translated: string;
  if (Array.isArray(t.translate)) {
    translated = g.gather(g.const('int64', t.translate), cur);
  } else {
    // The target-language token is the first decoder token after the start token (forced BOS).
    const lang = g.gather(f.history, g.op('Min', [f.T, g.int(1)]), 1);
    const row = g.gather(g.const('int64', t.translate.rowOfLanguage), lang);
    const flat = g.const('int64', t.translate.rows.flat());
    translated = g.gather(flat, g.op('Add', [g.op('Mul', [row, g.int(t.vocabSize)]), cur]));
  }
  const word = g.where(insideWord, cur, translated);
  const after = (flags: number[], to: number[], x: string) => g.where(g.flag(g.const('int64', flags), f.prevOut), g.gather(g.const('int64', to), x), x);
  const out = after(t.capAfter, t.capTo, after(t.joinAfter, t.joinTo, word));
  // The first visible piece is a word start, as a real model's output begins (it can be a
  // continuation piece when the words before it were dropped).
  const shown = g.op('ReduceSum', [g.gather(g.const('int64', t.visible), f.history), g.int(1)], { keepdims: 1 });
  const first = g.op('Equal', [shown, g.int(0)]);
  const token = g.where(first, g.gather(wordStart, out), out);
  return g.where(f.done, g.int(EOS), token);
}

export interface LeadTables {
  vocabSize: number;
  continuesWord: number[];
  startsWord: number[];
  isPeriod: number[];
  maxWords: number;
}

/**
 * Lead summarizer: copies the source up to and including the first sentence-final period
 * (one not followed by a letter/digit, so "3.5" does not end it), or `maxWords` whole words.
 */
export function leadDecoder(t: LeadTables): DecoderLogic {
  return { name: 'tiny-lead', vocabSize: t.vocabSize, step: (f) => ({ token: leadStep(t, f) }) };
}

function leadStep(t: LeadTables, f: Frame): string {
  const { g } = f;
  const afterPeriod = g.and(g.flag(g.const('int64', t.isPeriod), f.prevOut), g.op('Not', [g.flag(g.const('int64', t.continuesWord), f.cur)]));
  const startsWord = g.const('int64', t.startsWord);
  const words = g.op('ReduceSum', [g.gather(startsWord, f.history), g.int(1)], { keepdims: 1 });
  const tooLong = g.and(g.op('GreaterOrEqual', [words, g.int(t.maxWords)]), g.flag(startsWord, f.cur));
  return g.where(g.or(f.done, afterPeriod, tooLong), g.int(EOS), f.cur);
}

export interface LoopTables {
  vocabSize: number;
  /** Tokens emitted in turn, forever. */
  cycle: number[];
  /** Scores: the cycle token, EOS (second best), everything else. */
  chosen: number;
  eos: number;
  other: number;
}

/** A degenerate model that repeats `cycle` whatever the input, with EOS as runner-up. */
export function loopDecoder(t: LoopTables): DecoderLogic {
  const bias = new Array<number>(t.vocabSize).fill(0);
  bias[EOS] = t.eos - t.other;
  const scores = { chosen: t.chosen, other: t.other, bias };
  return {
    name: 'tiny-loop',
    vocabSize: t.vocabSize,
    step: ({ g, T, prevOut }) => {
      const step = g.gather(g.const('int64', t.cycle), g.op('Mod', [T, g.int(t.cycle.length)]));
      return { token: g.where(g.op('Equal', [prevOut, g.int(EOS)]), g.int(EOS), step), scores };
    },
  };
}
