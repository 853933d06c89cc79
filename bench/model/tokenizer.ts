// tokenizer.json (WordLevel over the bench vocabulary) and tokenizer_config.json (MarianTokenizer)
// in the standard Hugging Face formats transformers.js reads.
import { specialToken } from '../../tests/tiny/tokenizer.ts';
import { benchVocab, EOS, PAD, UNK } from './vocab.ts';

export function tokenizerJson(vocabSize: number): object {
  const tokens = benchVocab(vocabSize);
  const vocab: Record<string, number> = {};
  tokens.forEach((t, i) => (vocab[t] = i));
  const special = (content: string) => specialToken(vocab[content], content);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(EOS), special(UNK), special(PAD)],
    normalizer: { type: 'Sequence', normalizers: [{ type: 'NFC' }, { type: 'Lowercase' }] },
    // WhitespaceSplit + Punctuation: the `Whitespace` pre-tokenizer's JS port splits accented words.
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [{ type: 'WhitespaceSplit' }, { type: 'Punctuation', behavior: 'Isolated' }],
    },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: EOS, type_id: 0 } }],
      pair: [
        { Sequence: { id: 'A', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 0 } },
        { SpecialToken: { id: EOS, type_id: 0 } },
      ],
      special_tokens: { [EOS]: { id: EOS, ids: [vocab[EOS]], tokens: [EOS] } },
    },
    decoder: null,
    model: { type: 'WordLevel', vocab, unk_token: UNK },
  };
}

export function tokenizerConfigJson(): object {
  return {
    tokenizer_class: 'MarianTokenizer',
    eos_token: EOS,
    unk_token: UNK,
    pad_token: PAD,
    model_max_length: 512,
    padding_side: 'right',
    separate_vocabs: false,
    source_lang: 'fr',
    // No `target_lang`: it crashes loading with a WordLevel tokenizer.
    additional_special_tokens: [],
  };
}
