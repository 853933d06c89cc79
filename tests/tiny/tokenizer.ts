// tokenizer.json and tokenizer_config.json of the real types, as the hub's files have them:
// - Marian / OPUS-MT: SentencePiece Unigram, normalizer Precompiled, Metaspace pre-tokenizer and
//   decoder, TemplateProcessing `$A </s>`, MarianTokenizer.
// - NLLB-200: SentencePiece BPE (vocab + merges, fuse_unk), normalizer Precompiled then
//   Replace(" {2,}" -> " "), Metaspace, TemplateProcessing `<src_lang> $A </s>`, the language codes
//   as special added tokens (after the pieces), NllbTokenizer.
// - M2M100: as NLLB (SentencePiece BPE: sentencepiece.bpe.model is a BPE model), with its own
//   `__fr__`-style language tokens and TemplateProcessing `__en__ $A </s>`, M2M100Tokenizer.
// - BART: byte-level BPE (ByteLevel pre-tokenizer and decoder, no prefix space), RobertaProcessing
//   `<s> $A </s>`, BartTokenizer.
import { SPECIALS, type Template, type Vocab } from './vocab.ts';

// The graphs and model builders import the shared ids and the vocabulary from here.
export * from './vocab.ts';

export interface TokenizerOptions {
  template: Template;
  /** Remove spaces before . , ? ! on decoding (readable translations; copy models keep them). */
  cleanup: boolean;
  /** NLLB, M2M100: the default source-language token of the template. */
  srcLang?: string;
}

/**
 * A SentencePiece precompiled charsmap without rules: a little-endian u32 trie size, a
 * double-array trie of 256 empty units (no character matches), no replacement strings.
 * tokenizers.js (which transformers.js 4.3.2 uses) never reads the charsmap: its Precompiled
 * normalizer always applies a built-in equivalent of the real files' nmt_nfkc map (control
 * characters removed, other spaces and U+2581 made plain spaces, then NFKC).
 */
const PRECOMPILED_CHARSMAP = (() => {
  const blob = new Uint8Array(4 + 256 * 4);
  new DataView(blob.buffer).setUint32(0, 256 * 4, true);
  return Buffer.from(blob).toString('base64');
})();
const PRECOMPILED = { type: 'Precompiled', precompiled_charsmap: PRECOMPILED_CHARSMAP };
const METASPACE = { type: 'Metaspace', replacement: '▁', add_prefix_space: true };

function special(id: string) {
  return { SpecialToken: { id, type_id: 0 } };
}

/** TemplateProcessing: `$A </s>` (Marian), `<src_lang> $A </s>` (NLLB). */
function templateProcessing(vocab: Vocab, lead: string[]) {
  const a = { Sequence: { id: 'A', type_id: 0 } };
  const b = { Sequence: { id: 'B', type_id: 0 } };
  const used = [...lead, '</s>'];
  return {
    type: 'TemplateProcessing',
    single: [...lead.map(special), a, special('</s>')],
    pair: [...lead.map(special), a, b, special('</s>')],
    special_tokens: Object.fromEntries(used.map((t) => [t, { id: t, ids: [vocab.id(t)], tokens: [t] }])),
  };
}

/**
 * Unigram scores (log probabilities): a dictionary word beats any split of it, characters are
 * the fallback, and a target phrase with a space inside ("▁of▁the") is never chosen over its
 * words, as SentencePiece never makes a piece across a space.
 */
function unigramScore(vocab: Vocab, id: number): number {
  if (vocab.isSpecial(id)) return 0;
  const text = vocab.texts[id];
  if (text.includes(' ')) return -100;
  return [...text].length <= 1 ? -10 : -1;
}

function model(vocab: Vocab): object {
  if (vocab.template === 'marian') {
    return { type: 'Unigram', unk_id: vocab.id('<unk>'), vocab: vocab.tokens.map((t, id) => [t, unigramScore(vocab, id)]) };
  }
  const bpe = {
    type: 'BPE',
    dropout: null,
    vocab: Object.fromEntries(vocab.tokens.map((t, i) => [t, i])),
    merges: vocab.merges.map(([a, b]) => `${a} ${b}`),
  };
  if (vocab.template === 'nllb' || vocab.template === 'm2m100') {
    const sp = { unk_token: '<unk>', continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: true };
    return { ...bpe, ...sp, byte_fallback: false };
  }
  const byteLevel = { unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false };
  return { ...bpe, ...byteLevel, byte_fallback: false };
}

function pipelineParts(vocab: Vocab, opts: TokenizerOptions): object {
  if (opts.template === 'marian') {
    const post_processor = templateProcessing(vocab, []);
    return { normalizer: PRECOMPILED, pre_tokenizer: METASPACE, post_processor, decoder: METASPACE };
  }
  if (opts.template === 'nllb' || opts.template === 'm2m100') {
    const collapse = { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' };
    return {
      normalizer: { type: 'Sequence', normalizers: [PRECOMPILED, collapse] },
      pre_tokenizer: METASPACE,
      post_processor: templateProcessing(vocab, [opts.srcLang ?? (opts.template === 'nllb' ? 'eng_Latn' : '__en__')]),
      decoder: METASPACE,
    };
  }
  const byteLevel = { add_prefix_space: false, trim_offsets: true, use_regex: true };
  const roberta = { sep: ['</s>', vocab.id('</s>')], cls: ['<s>', vocab.id('<s>')], trim_offsets: true, add_prefix_space: false };
  return {
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', ...byteLevel },
    post_processor: { type: 'RobertaProcessing', ...roberta },
    decoder: { type: 'ByteLevel', ...byteLevel, add_prefix_space: true },
  };
}

export function tokenizerJson(vocab: Vocab, opts: TokenizerOptions): object {
  const specials = vocab.tokens.flatMap((t, id) => (vocab.isSpecial(id) ? [specialToken(id, t)] : []));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials,
    ...pipelineParts(vocab, opts),
    model: model(vocab),
  };
}

const TOKENIZER_CLASS: Record<Template, string> = {
  marian: 'MarianTokenizer',
  nllb: 'NllbTokenizer',
  m2m100: 'M2M100Tokenizer',
  bart: 'BartTokenizer',
};

export function tokenizerConfig(vocab: Vocab, opts: TokenizerOptions, modelMaxLength: number): object {
  const extras = vocab.tokens.filter((t, id) => vocab.isSpecial(id) && !(SPECIALS as readonly string[]).includes(t));
  const mask = vocab.has('<mask>') ? { mask_token: '<mask>' } : {};
  return {
    tokenizer_class: TOKENIZER_CLASS[opts.template],
    ...(opts.template === 'marian' ? {} : { bos_token: '<s>' }),
    eos_token: '</s>',
    unk_token: '<unk>',
    pad_token: '<pad>',
    ...mask,
    ...(opts.template === 'nllb' ? { src_lang: opts.srcLang ?? 'eng_Latn', tgt_lang: null, legacy_behaviour: false } : {}),
    // As facebook/m2m100_418M's tokenizer_config.json: no default languages; every call names them.
    ...(opts.template === 'm2m100' ? { src_lang: null, tgt_lang: null, language_codes: 'm2m100', num_madeup_words: 8 } : {}),
    ...(opts.template === 'bart' ? { sep_token: '</s>', cls_token: '<s>', add_prefix_space: false, errors: 'replace' } : {}),
    additional_special_tokens: extras.filter((t) => t !== '<mask>'),
    model_max_length: modelMaxLength,
    padding_side: 'right',
    clean_up_tokenization_spaces: opts.cleanup,
  };
}

/** A special token as tokenizer.json lists it under `added_tokens` (skipped when decoding). */
export function specialToken(id: number, content: string): object {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}
