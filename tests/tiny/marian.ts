// Marian-style models (MarianTokenizer, model_type "marian"): the opus-mt stand-ins, plus two
// purpose-built bad models for the quality checks (a looping one and an echoing one).
import type { DecoderLogic } from './decoder.ts';
import { englishDictionary, frenchDictionary } from './dictionaries.ts';
import { MARIAN_POSITIONS } from './embeddings.ts';
import { EXACT_GENERATION, modelFolder, seq2seqConfig, type TinyModel } from './folder.ts';
import { loopDecoder, translatorDecoder } from './graphs.ts';
import { capitalTable, commonTables, dictionaryWords, HAN, isElision, isHan, joinTable, translationTable } from './tables.ts';
import { buildVocab, EOS, PAD, type TokenizerOptions, type Vocab } from './tokenizer.ts';

export function marianFolder(name: string, vocab: Vocab, tokenizer: TokenizerOptions, decoder: DecoderLogic): TinyModel {
  // Marian starts decoding from the pad token and must never emit it.
  const ids = { pad_token_id: PAD, eos_token_id: EOS, decoder_start_token_id: PAD, forced_eos_token_id: EOS };
  return modelFolder({
    name,
    config: { ...seq2seqConfig('marian', 'MarianMTModel', ids), decoder_vocab_size: vocab.size },
    generationConfig: { ...ids, bad_words_ids: [[PAD]], max_length: 512, ...EXACT_GENERATION },
    vocab,
    tokenizer,
    decoder,
    positions: MARIAN_POSITIONS,
  });
}

export const FRENCH_SOURCE = { template: 'marian', cleanup: true } as const;

/** The decoder of a French -> target dictionary translator over `vocab`. */
export function frenchDecoder(vocab: Vocab, dict: ReadonlyMap<string, string>, translate = translationTable(vocab, dict)) {
  return translatorDecoder({
    ...commonTables(vocab),
    translate,
    // An elision left untranslated stays glued to its word (the echo model relies on this).
    joinAfter: isElision(vocab),
    joinTo: joinTable(vocab, () => true),
    capTo: capitalTable(vocab, dict.values()),
  });
}

/** French -> target dictionary translator (`opus-mt-fr-en`, `opus-mt-fr-ru`). */
export function frenchMarian(target: 'en' | 'ru'): TinyModel {
  const dict = frenchDictionary(target);
  const vocab = buildVocab('marian', dictionaryWords(dict));
  return marianFolder(`opus-mt-fr-${target}`, vocab, FRENCH_SOURCE, frenchDecoder(vocab, dict));
}

/** English -> Chinese: Han words after Han words are emitted as continuation pieces, so no spaces. */
export function englishChinese(): TinyModel {
  const dict = englishDictionary('zh');
  const vocab = buildVocab('marian', dictionaryWords(dict));
  const decoder = translatorDecoder({
    ...commonTables(vocab),
    translate: translationTable(vocab, dict),
    joinAfter: isHan(vocab),
    joinTo: joinTable(vocab, (t) => HAN.test(t), true),
    capTo: capitalTable(vocab, dict.values()),
  });
  return marianFolder('opus-mt-en-zh', vocab, { template: 'marian', cleanup: true }, decoder);
}

/**
 * Emits "sorry ," forever. The cycle token scores -1 and EOS -1.1, so a caller's
 * `no_repeat_ngram_size: 2` (banning the repeated pair) or `repetition_penalty` > 1.1
 * (-1 × p < -1.1) turns EOS into the best choice and ends the output.
 */
export function loopModel(): TinyModel {
  const vocab = buildVocab('marian', { source: ['sorry'] });
  const decoder = loopDecoder({
    vocabSize: vocab.size,
    cycle: [vocab.start('sorry'), vocab.cont(',')],
    chosen: -1,
    eos: -1.1,
    other: -50,
  });
  return marianFolder('loop-fr-en', vocab, FRENCH_SOURCE, decoder);
}

/** Probability the unsure model gives the English words it doubts (see unsureModel). */
export const UNSURE_PROBABILITY = 0.05;
/** Probability of the runner-up it has in mind for each. */
export const RUNNER_UP_PROBABILITY = 0.04;
/** The English words the unsure model doubts, and the word it would write instead. */
export const UNSURE_WORDS: Record<string, string> = { delegation: 'ministry', parliament: 'government' };

/**
 * opus-mt-fr-en's translator, made unsure of some words: the tokens of UNSURE_WORDS score just
 * enough above the rest of the vocabulary (instead of 100 above) that softmax gives them
 * UNSURE_PROBABILITY, and their runner-up RUNNER_UP_PROBABILITY, so a segment's confidence, its
 * marked words and its n-best list are known in advance. Its best output is opus-mt-fr-en's.
 */
export function unsureModel(): TinyModel {
  const dict = frenchDictionary('en');
  const vocab = buildVocab('marian', dictionaryWords(dict));
  const other = -50;
  // The rest of the vocabulary (all but the two) shares what the two leave: solve softmax for their scores.
  const rest = 1 - UNSURE_PROBABILITY - RUNNER_UP_PROBABILITY;
  const scoreOf = (p: number) => other + Math.log(((vocab.size - 2) * p) / rest);
  const chosen: number[] = vocab.tokens.map(() => 50);
  const second = { token: vocab.tokens.map(() => -1), score: vocab.tokens.map(() => other) };
  for (const [word, instead] of Object.entries(UNSURE_WORDS)) {
    for (const form of ['start', 'cont'] as const) {
      const id = vocab[form](word);
      chosen[id] = scoreOf(UNSURE_PROBABILITY);
      second.token[id] = vocab[form](instead);
      second.score[id] = scoreOf(RUNNER_UP_PROBABILITY);
    }
  }
  const decoder = frenchDecoder(vocab, dict);
  return marianFolder('unsure-fr-en', vocab, FRENCH_SOURCE, { ...decoder, step: (f) => ({ ...decoder.step(f), scores: { chosen, other, second } }) });
}

/** Copies its input unchanged (the "untranslated" case); no cleanup, so spacing survives. */
export function echoModel(): TinyModel {
  const vocab = buildVocab('marian', { source: frenchDictionary('en').keys() });
  const decoder = frenchDecoder(
    vocab,
    new Map(),
    vocab.tokens.map((_, id) => id),
  );
  return marianFolder('echo-fr', vocab, { template: 'marian', cleanup: false }, decoder);
}
