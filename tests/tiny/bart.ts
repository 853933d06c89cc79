// BART-style lead summarizer (BartTokenizer, model_type "bart", English vocabulary): the
// "summary" is the source's first sentence.
import { englishWords } from './dictionaries.ts';
import { LONG_POSITIONS } from './embeddings.ts';
import { EXACT_GENERATION, modelFolder, seq2seqConfig, type TinyModel } from './folder.ts';
import { leadDecoder } from './graphs.ts';
import { continuesWord, isText, startsWord } from './tables.ts';
import { BOS, buildVocab, EOS, PAD } from './tokenizer.ts';

/** A first sentence longer than this many words is cut (at a word boundary). */
export const LEAD_MAX_WORDS = 24;

export function bartLeadModel(): TinyModel {
  const vocab = buildVocab('bart', { source: englishWords(), extraSpecials: ['<mask>'] });
  const decoder = leadDecoder({
    vocabSize: vocab.size,
    continuesWord: continuesWord(vocab),
    startsWord: startsWord(vocab),
    isPeriod: isText(vocab, ['.']),
    // BART adds no prefix space: the first word is a continuation piece ("The", not "ĠThe"), so
    // the decoder counts the word starts after it.
    maxWords: LEAD_MAX_WORDS - 1,
  });
  const ids = {
    bos_token_id: BOS,
    pad_token_id: PAD,
    eos_token_id: EOS,
    decoder_start_token_id: EOS,
    forced_bos_token_id: BOS,
    forced_eos_token_id: EOS,
  };
  return modelFolder({
    name: 'bart-lead',
    config: seq2seqConfig('bart', 'BartForConditionalGeneration', ids),
    generationConfig: { ...ids, max_length: 256, ...EXACT_GENERATION },
    vocab,
    // A copying model: decoding without cleanup gives back the source's own spacing.
    tokenizer: { template: 'bart', cleanup: false },
    decoder,
    positions: LONG_POSITIONS,
  });
}
