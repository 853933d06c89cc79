// The shared vocabulary layout and the tokenizer files (HF tokenizer.json format, WordPiece).
//
// Why WordPiece with a character fallback: every character of a news text (letters, digits,
// accents, « » ’ – …, Cyrillic) has a plain and a `##` token, so any word the dictionary lacks is
// spelled out and comes back unchanged, case included; `##` marks "no space before", so spacing
// inside a chunk ("3,5", "spoke.", "(Chine)") survives decoding. No Lowercase normalizer: case is
// carried by the tokens themselves (dictionary words exist lower- and Capitalized).

export const PREFIX = '##';

/** Fixed ids shared by every tiny model (NLLB/BART layout: <s>=0, <pad>=1, </s>=2, <unk>=3). */
export const BOS = 0;
export const PAD = 1;
export const EOS = 2;
export const UNK = 3;
/**
 * A dropped word. `<blank_join>` is one dropped after a Han word (the next Han word stays
 * glued), `<blank_cap>` a dropped Capitalized word (the next dictionary word takes the capital:
 * "Le président" -> "Президент"). All three vanish with skip_special_tokens.
 */
export const BLANK = 4;
export const BLANK_JOIN = 5;
export const BLANK_CAP = 6;
export const SPECIALS = ['<s>', '<pad>', '</s>', '<unk>', '<blank>', '<blank_join>', '<blank_cap>'] as const;

/** French elisions the pre-tokenizer splits off ("l'économie" -> "l'", "économie"). */
export const ELISION_REGEX = "^(?:[CDJLMNSTcdjlmnst]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’]";

const CHAR_RANGES: readonly [number, number][] = [
  [0x21, 0x7e], // ASCII
  [0xa1, 0x24f], // Latin-1 supplement, Latin Extended-A/B
  [0x391, 0x3c9], // Greek
  [0x400, 0x4ff], // Cyrillic (Kazakh letters included)
  [0x2010, 0x205e], // dashes, quotes, ellipsis, ‰, ′
  [0x20a0, 0x20c0], // currency: € ₸ ₽
  [0x2100, 0x214f], // № ™ ℃
  [0x2212, 0x2212], // minus sign
  [0x3000, 0x303f], // CJK punctuation
  [0xff01, 0xff5e], // full-width forms
];

export function fallbackChars(): string[] {
  const out: string[] = [];
  for (const [lo, hi] of CHAR_RANGES) for (let c = lo; c <= hi; c++) out.push(String.fromCodePoint(c));
  return out;
}

export class Vocab {
  readonly tokens: string[] = [];
  private readonly ids = new Map<string, number>();
  readonly specialCount: number;

  constructor(extraSpecials: readonly string[] = []) {
    for (const t of [...SPECIALS, ...extraSpecials]) this.add(t);
    this.specialCount = this.tokens.length;
  }

  add(token: string): number {
    let id = this.ids.get(token);
    if (id === undefined) {
      id = this.tokens.length;
      this.tokens.push(token);
      this.ids.set(token, id);
    }
    return id;
  }

  /** Adds a word (or character) in both its word-start and its `##` continuation form. */
  addWord(word: string): void {
    this.add(word);
    this.add(PREFIX + word);
  }

  id(token: string): number {
    const id = this.ids.get(token);
    if (id === undefined) throw new Error(`token not in vocabulary: ${JSON.stringify(token)}`);
    return id;
  }

  has(token: string): boolean {
    return this.ids.has(token);
  }

  isSpecial(id: number): boolean {
    return id < this.specialCount;
  }

  get size(): number {
    return this.tokens.length;
  }
}

/** Specials, then every fallback character, then the given words — always in this order. */
export function buildVocab(words: Iterable<string>, extraSpecials: readonly string[] = []): Vocab {
  const vocab = new Vocab(extraSpecials);
  for (const c of fallbackChars()) vocab.addWord(c);
  for (const w of [...words].sort()) if (w !== '') vocab.addWord(w);
  return vocab;
}

export type Template = 'marian' | 'nllb' | 'bart';

export interface TokenizerOptions {
  template: Template;
  /** Split French elisions off the following word. */
  elisions: boolean;
  /** Remove spaces before . , ? ! on decoding (readable translations; copy models keep them). */
  cleanup: boolean;
  /** NLLB: the default source-language token of the template. */
  srcLang?: string;
}

function special(id: string) {
  return { SpecialToken: { id, type_id: 0 } };
}

function templateOf(opts: TokenizerOptions) {
  const a = { Sequence: { id: 'A', type_id: 0 } };
  const b = { Sequence: { id: 'B', type_id: 0 } };
  if (opts.template === 'marian') return { single: [a, special('</s>')], pair: [a, b, special('</s>')] };
  if (opts.template === 'bart') {
    return { single: [special('<s>'), a, special('</s>')], pair: [special('<s>'), a, b, special('</s>')] };
  }
  const lang = opts.srcLang ?? 'fra_Latn';
  return { single: [special(lang), a, special('</s>')], pair: [special(lang), a, b, special('</s>')] };
}

export function tokenizerJson(vocab: Vocab, opts: TokenizerOptions): object {
  const template = templateOf(opts);
  const used = new Set(
    [...template.single, ...template.pair].flatMap((x) => ('SpecialToken' in x ? [x.SpecialToken.id] : [])),
  );
  const specialTokens = Object.fromEntries(
    [...used].map((t) => [t, { id: t, ids: [vocab.id(t)], tokens: [t] }]),
  );
  const preTokenizers: object[] = [{ type: 'WhitespaceSplit' }];
  if (opts.elisions) {
    preTokenizers.push({ type: 'Split', pattern: { Regex: ELISION_REGEX }, behavior: 'Isolated', invert: false });
  }
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: vocab.tokens.slice(0, vocab.specialCount).map((content, id) => specialToken(id, content)),
    normalizer: { type: 'NFC' },
    pre_tokenizer: { type: 'Sequence', pretokenizers: preTokenizers },
    post_processor: { type: 'TemplateProcessing', ...template, special_tokens: specialTokens },
    decoder: { type: 'WordPiece', prefix: PREFIX, cleanup: opts.cleanup },
    model: {
      type: 'WordPiece',
      unk_token: '<unk>',
      continuing_subword_prefix: PREFIX,
      max_input_chars_per_word: 200,
      vocab: Object.fromEntries(vocab.tokens.map((t, i) => [t, i])),
    },
  };
}

const TOKENIZER_CLASS: Record<Template, string> = {
  marian: 'MarianTokenizer',
  nllb: 'NllbTokenizer',
  bart: 'BartTokenizer',
};

export function tokenizerConfig(vocab: Vocab, opts: TokenizerOptions, modelMaxLength: number): object {
  return {
    tokenizer_class: TOKENIZER_CLASS[opts.template],
    ...(opts.template === 'marian' ? {} : { bos_token: '<s>' }),
    eos_token: '</s>',
    unk_token: '<unk>',
    pad_token: '<pad>',
    ...(opts.template === 'nllb' ? { src_lang: opts.srcLang ?? 'fra_Latn' } : {}),
    additional_special_tokens: vocab.tokens.slice(SPECIALS.length, vocab.specialCount),
    model_max_length: modelMaxLength,
    padding_side: 'right',
    clean_up_tokenization_spaces: opts.cleanup,
  };
}

/** A special token as tokenizer.json lists it under `added_tokens` (skipped when decoding). */
export function specialToken(id: number, content: string): object {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}
