// The shared vocabulary layout of the tiny models, spelled the way each real tokenizer type
// spells its pieces.
//
// Every word (and every character of the fallback ranges) exists twice: as a word-start piece
// ("▁président" in SentencePiece, "Ġpresident" in byte-level BPE) and as a continuation piece
// ("président"). The decoders only look at that distinction and at the piece's text, so one set
// of tables (tables.ts) serves the Unigram, the SentencePiece-BPE and the byte-level models.
// Any word the dictionary lacks is spelled out from the character pieces and comes back
// unchanged, case included.
import { trainMerges } from './bpe.ts';

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

/** French elisions ("l'", "qu’"): SentencePiece keeps them in one chunk with the next word. */
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

export type Template = 'marian' | 'nllb' | 'm2m100' | 'bart';

/** How a tokenizer type writes text (a leading space marks a word start) as a piece, and back. */
interface Spelling {
  spell(text: string): string;
  read(piece: string): string;
}

/** SentencePiece (Unigram and BPE): spaces are "▁". */
const SENTENCEPIECE: Spelling = {
  spell: (text) => text.replaceAll(' ', '▁'),
  read: (piece) => piece.replaceAll('▁', ' '),
};

/**
 * GPT-2's byte-to-character table, as byte-level BPE uses it: printable Latin-1 bytes stand
 * for themselves, the others (space, controls…) are shifted past 255 (space -> "Ġ").
 */
function byteTable(): string[] {
  const printable = (b: number) => (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  const table: string[] = [];
  let shifted = 0;
  for (let b = 0; b < 256; b++) table.push(String.fromCharCode(printable(b) ? b : 256 + shifted++));
  return table;
}
export const BYTE_CHARS = byteTable();
const BYTE_OF = new Map(BYTE_CHARS.map((c, b) => [c, b]));
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

const BYTE_LEVEL: Spelling = {
  spell: (text) => Array.from(utf8.encode(text), (b) => BYTE_CHARS[b]).join(''),
  read: (piece) => fromUtf8.decode(Uint8Array.from([...piece], (c) => BYTE_OF.get(c)!)),
};

export const SPELLING: Record<Template, Spelling> = { marian: SENTENCEPIECE, nllb: SENTENCEPIECE, m2m100: SENTENCEPIECE, bart: BYTE_LEVEL };

export class Vocab {
  /** Pieces as tokenizer.json writes them, by id. */
  readonly tokens: string[] = [];
  /** What each piece stands for, without its word-start mark ('' for special tokens). */
  readonly texts: string[] = [];
  /** Whether each piece starts a word. */
  readonly starts: boolean[] = [];
  /** BPE merges, in rank order (none for Unigram). */
  merges: [string, string][] = [];
  private readonly ids = new Map<string, number>();
  private readonly specials = new Set<number>();
  private readonly spelling: Spelling;

  constructor(readonly template: Template) {
    this.spelling = SPELLING[template];
    for (const t of SPECIALS) this.addSpecial(t);
  }

  addSpecial(content: string): number {
    const id = this.addPiece(content);
    this.specials.add(id);
    this.texts[id] = '';
    this.starts[id] = false;
    return id;
  }

  /** Adds a piece written as tokenizer.json writes it. */
  addPiece(piece: string): number {
    let id = this.ids.get(piece);
    if (id === undefined) {
      id = this.tokens.length;
      const read = this.spelling.read(piece);
      this.tokens.push(piece);
      this.texts.push(read.startsWith(' ') ? read.slice(1) : read);
      this.starts.push(read.startsWith(' '));
      this.ids.set(piece, id);
    }
    return id;
  }

  /** The piece of `text` as a word start or as a continuation. */
  piece(text: string, start: boolean): string {
    return this.spelling.spell(start ? ` ${text}` : text);
  }

  /** Adds a word (or character) in both its word-start and its continuation form. */
  addWord(text: string): void {
    this.addPiece(this.piece(text, true));
    this.addPiece(this.piece(text, false));
  }

  start(text: string): number {
    return this.id(this.piece(text, true));
  }

  cont(text: string): number {
    return this.id(this.piece(text, false));
  }

  hasStart(text: string): boolean {
    return this.ids.has(this.piece(text, true));
  }

  id(piece: string): number {
    const id = this.ids.get(piece);
    if (id === undefined) throw new Error(`piece not in vocabulary: ${JSON.stringify(piece)}`);
    return id;
  }

  has(piece: string): boolean {
    return this.ids.has(piece);
  }

  isSpecial(id: number): boolean {
    return this.specials.has(id);
  }

  get size(): number {
    return this.tokens.length;
  }
}

export interface VocabWords {
  /** Words the model reads: BPE merges are trained so each one is a single piece. */
  source: Iterable<string>;
  /** Words the model only writes (the encoder never has to produce them). */
  target?: Iterable<string>;
  /** Special tokens after the pieces (NLLB's language codes, `<mask>`), as the real files have them. */
  extraSpecials?: readonly string[];
}

/**
 * Specials, the base symbols, every fallback character, the words, the merge results, the extra
 * specials — always in this order, so a rebuild is byte for byte the same.
 */
export function buildVocab(template: Template, words: VocabWords): Vocab {
  const vocab = new Vocab(template);
  const chars = fallbackChars();
  const source = [...new Set(words.source)].filter((w) => w !== '').sort();
  const target = [...new Set(words.target ?? [])].filter((w) => w !== '').sort();
  if (template === 'bart') for (const c of BYTE_CHARS) vocab.addPiece(c);
  else vocab.addPiece(vocab.piece('', true)); // "▁" alone: a space the model has no better piece for
  for (const c of chars) vocab.addWord(c);
  for (const w of [...source, ...target]) vocab.addWord(w);
  if (template !== 'marian') {
    // Units the merges must each turn into one piece: every character and source word as a
    // word start, the source words (and, byte-level, the multi-byte characters) as continuations.
    const units = [...chars.map((c) => vocab.piece(c, true)), ...source.flatMap((w) => [vocab.piece(w, true), vocab.piece(w, false)])];
    if (template === 'bart') units.push(...chars.map((c) => vocab.piece(c, false)));
    vocab.merges = trainMerges(units.map((u) => [...u]));
    for (const [a, b] of vocab.merges) vocab.addPiece(a + b);
  }
  for (const t of words.extraSpecials ?? []) vocab.addSpecial(t);
  return vocab;
}
