// The encoder and decoder graphs of the tiny models.
//
// The encoder hands the token ids through as float "hidden states". The merged decoder keeps a
// growing KV cache whose key holds every decoder token fed so far, so the generation step T is
// the cache length minus one, and the token fed at T is the previous output. At step T the
// decoder emits a function of source tokens T-1, T, T+1 (and the previous output) as one-hot
// logits. Tables are K×V int64 lookups; nothing is V×V, so vocabularies of thousands stay small.
import { ELEM, Graph } from './onnx.ts';
import { EOS } from './tokenizer.ts';

const CHOSEN = 50;
const OTHER = -50;

export function encoderGraph(): Uint8Array {
  const g = new Graph('tiny-encoder');
  const ids = g.input('input_ids', 'int64', ['batch_size', 'encoder_sequence_length']);
  const mask = g.input('attention_mask', 'int64', ['batch_size', 'encoder_sequence_length']);
  // Padding becomes EOS, so a short row of a padded batch finishes like a single call would.
  const padded = g.op('Equal', [mask, g.int(0)]);
  const tokens = g.where(padded, g.int(EOS), ids);
  const hidden = g.op('Unsqueeze', [g.op('Cast', [tokens], { to: ELEM.float }), g.int(2)]);
  g.output('last_hidden_state', 'float', ['batch_size', 'encoder_sequence_length', 1], hidden);
  return g.encode();
}

interface Frame {
  g: Graph;
  /** Step index, shape [1]. */
  T: string;
  /** Source length, shape [1]. */
  S: string;
  /** All decoder tokens so far (cache + current), [B, T+1]. */
  history: string;
  /** The token fed at this step = previous output, [B,1]. */
  prevOut: string;
  /** Source tokens T-1, T, T+1 (clamped into the source), [B,1] each. */
  prev: string;
  cur: string;
  next: string;
  /** Whether this row is finished: past the source, or EOS already emitted, [B,1] bool. */
  done: string;
  /** Declares logits [B,1,V], last position only (one-hot of `token`, plus a per-token bias). */
  emit(token: string, vocabSize: number, scores?: { chosen: number; other: number; bias?: number[] }): Uint8Array;
}

function decoderFrame(name: string): Frame {
  const g = new Graph(name);
  const ids = g.input('input_ids', 'int64', ['batch_size', 'decoder_sequence_length']);
  const enc = g.input('encoder_hidden_states', 'float', ['batch_size', 'encoder_sequence_length', 1]);
  const cacheDims = ['batch_size', 1, 'past_decoder_sequence_length', 1];
  const pastKey = g.input('past_key_values.0.decoder.key', 'float', cacheDims);
  const pastValue = g.input('past_key_values.0.decoder.value', 'float', cacheDims);

  // The cache must grow: after the first step the library feeds only the newest token.
  const fed = g.op('Unsqueeze', [g.op('Cast', [ids], { to: ELEM.float }), g.int(1, 3)]);
  const presentKey = g.op('Concat', [pastKey, fed], { axis: 2 });
  const presentValue = g.op('Concat', [pastValue, fed], { axis: 2 });
  const presentDims = ['batch_size', 1, 'present_decoder_sequence_length', 1];
  g.output('present.0.decoder.key', 'float', presentDims, presentKey);
  g.output('present.0.decoder.value', 'float', presentDims, presentValue);

  const history = g.op('Cast', [g.op('Squeeze', [presentKey, g.int(1, 3)])], { to: ELEM.int64 });
  const one = g.int(1);
  const T = g.op('Sub', [g.op('Shape', [presentKey], { start: 2, end: 3 }), one]);
  const src = g.op('Cast', [g.op('Squeeze', [enc, g.int(2)])], { to: ELEM.int64 });
  const S = g.op('Shape', [src], { start: 1, end: 2 });
  const last = g.op('Sub', [S, one]);
  const clamp = (i: string) => g.op('Max', [g.op('Min', [i, last]), g.int(0)]);
  const cur = g.gather(src, clamp(T), 1);
  const prev = g.gather(src, clamp(g.op('Sub', [T, one])), 1);
  const next = g.gather(src, clamp(g.op('Add', [T, one])), 1);
  const prevOut = g.gather(history, T, 1);
  // Finished rows must keep emitting EOS: the library does not pad them. (NLLB and BART start
  // from EOS, so their step 0 says EOS too; the forced BOS token overrides it.)
  const done = g.or(g.op('GreaterOrEqual', [T, S]), g.op('Equal', [prevOut, g.int(EOS)]));

  const emit: Frame['emit'] = (token, vocabSize, scores = { chosen: CHOSEN, other: OTHER }) => {
    const values = g.const('float', [scores.other, scores.chosen]);
    let logits = g.op('OneHot', [token, g.const('int64', [vocabSize], []), values], { axis: -1 });
    if (scores.bias) logits = g.op('Add', [logits, g.const('float', scores.bias)]);
    g.output('logits', 'float', ['batch_size', 1, vocabSize], logits);
    return g.encode();
  };
  return { g, T, S, history, prevOut, prev, cur, next, done, emit };
}

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
export function translatorDecoder(t: TranslatorTables): Uint8Array {
  const f = decoderFrame('tiny-translator');
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
  const after = (flags: number[], to: number[], x: string) =>
    g.where(g.flag(g.const('int64', flags), f.prevOut), g.gather(g.const('int64', to), x), x);
  const out = after(t.capAfter, t.capTo, after(t.joinAfter, t.joinTo, word));
  // The first visible piece is a word start, as a real model's output begins (it can be a
  // continuation piece when the words before it were dropped).
  const shown = g.op('ReduceSum', [g.gather(g.const('int64', t.visible), f.history), g.int(1)], { keepdims: 1 });
  const first = g.op('Equal', [shown, g.int(0)]);
  const token = g.where(first, g.gather(wordStart, out), out);
  return f.emit(g.where(f.done, g.int(EOS), token), t.vocabSize);
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
export function leadDecoder(t: LeadTables): Uint8Array {
  const f = decoderFrame('tiny-lead');
  const { g } = f;
  const afterPeriod = g.and(
    g.flag(g.const('int64', t.isPeriod), f.prevOut),
    g.op('Not', [g.flag(g.const('int64', t.continuesWord), f.cur)]),
  );
  const startsWord = g.const('int64', t.startsWord);
  const words = g.op('ReduceSum', [g.gather(startsWord, f.history), g.int(1)], { keepdims: 1 });
  const tooLong = g.and(g.op('GreaterOrEqual', [words, g.int(t.maxWords)]), g.flag(startsWord, f.cur));
  return f.emit(g.where(g.or(f.done, afterPeriod, tooLong), g.int(EOS), f.cur), t.vocabSize);
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
export function loopDecoder(t: LoopTables): Uint8Array {
  const f = decoderFrame('tiny-loop');
  const { g } = f;
  const step = g.gather(g.const('int64', t.cycle), g.op('Mod', [f.T, g.int(t.cycle.length)]));
  const token = g.where(g.op('Equal', [f.prevOut, g.int(EOS)]), g.int(EOS), step);
  const bias = new Array<number>(t.vocabSize).fill(0);
  bias[EOS] = t.eos - t.other;
  return f.emit(token, t.vocabSize, { chosen: t.chosen, other: t.other, bias });
}
