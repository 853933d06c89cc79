// tokenizer.json and tokenizer_config.json of the bench model, of the types Xenova's Marian
// exports have (transformers.js scripts, Marian tokenizer.json): a Unigram model over the
// SentencePiece pieces, the Precompiled normalizer (no charsmap: transformers.js applies NFKC and
// its control/space mapping whatever the map), WhitespaceSplit + Metaspace pre-tokenizer, Metaspace
// decoder, `</s>` appended by TemplateProcessing.
import { specialToken } from '../../tests/tiny/tokenizer.ts';
import { benchPieces, EOS, PAD, SPACE, UNK } from './vocab.ts';

export function tokenizerJson(vocabSize: number): object {
  const pieces = benchPieces(vocabSize);
  const id = new Map(pieces.map(([p], i) => [p, i]));
  const special = (content: string) => specialToken(id.get(content)!, content);
  const metaspace = { type: 'Metaspace', replacement: SPACE, add_prefix_space: true };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [special(EOS), special(UNK), special(PAD)],
    normalizer: { type: 'Precompiled', precompiled_charsmap: null },
    pre_tokenizer: { type: 'Sequence', pretokenizers: [{ type: 'WhitespaceSplit' }, metaspace] },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: EOS, type_id: 0 } }],
      pair: [
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: EOS, type_id: 0 } },
        { Sequence: { id: 'B', type_id: 0 } },
        { SpecialToken: { id: EOS, type_id: 0 } },
      ],
      special_tokens: { [EOS]: { id: EOS, ids: [id.get(EOS)], tokens: [EOS] } },
    },
    decoder: metaspace,
    // Xenova's export script writes unk_id 2 for every Marian model; here the real `<unk>` id.
    model: { type: 'Unigram', unk_id: id.get(UNK), vocab: pieces },
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
    target_lang: 'en',
    sp_model_kwargs: {},
    additional_special_tokens: [],
  };
}
