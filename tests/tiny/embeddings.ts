// The tied token embedding and the position tables of the tiny models, laid out like the real
// exports: `model.shared.weight` [V, D] is the encoder's embedding, the decoder's and (transposed)
// its lm_head; in the q8 files it is what onnxruntime's quantize_dynamic writes, a uint8 table
// with a float scale and a uint8 zero point, dequantized where it is used.
//
// Row j of the table is the binary code of token j as ±1 (bit k set -> +1), D = bits of V. A
// hidden state equal to the code of token t scores D against row t and at most D − 2 against
// any other row, so the lm_head alone tells which token the decoder chose.
import { ELEM, type Graph } from './onnx.ts';

export type Precision = 'fp32' | 'q8';

/** Bits needed to give every one of `vocabSize` tokens its own code. */
export function codeWidth(vocabSize: number): number {
  return Math.max(1, Math.ceil(Math.log2(vocabSize)));
}

/** The ±1 codes, row-major [V, D]. */
export function tokenCodes(vocabSize: number): Float32Array {
  const d = codeWidth(vocabSize);
  const out = new Float32Array(vocabSize * d);
  for (let id = 0; id < vocabSize; id++) for (let k = 0; k < d; k++) out[id * d + k] = (id >> k) & 1 ? 1 : -1;
  return out;
}

// ±1 as uint8 128 ± 127 with scale 1/127: dequantizes to exactly ±1 in float32, so the q8 graphs
// compute the same numbers as the fp32 ones.
const SCALE = Math.fround(1 / 127);
const ZERO_POINT = 128;

/** Where a model keeps its tied weight: the names optimum + quantize_dynamic give it. */
export interface TiedNames {
  fp32: string;
  /** q8 prefix: `<prefix>_quantized`, `<prefix>_scale`, `<prefix>_zero_point`. */
  q8: string;
}
export const ENCODER_TIED: TiedNames = { fp32: 'model.shared.weight', q8: 'model.shared.weight' };
/** In the merged decoder the weight shared by both decoders was renamed `…_merged_0` by the merge. */
export const DECODER_TIED: TiedNames = { fp32: 'model.shared.weight', q8: 'model.shared.weight_merged_0' };

export class TiedEmbedding {
  readonly width: number;
  private readonly weight: string;
  private readonly scale: string = '';
  private readonly zeroPoint: string = '';

  /** Adds the weight to `root` (the main graph, so If branches read it as an outer-scope value). */
  constructor(
    root: Graph,
    readonly vocabSize: number,
    readonly precision: Precision,
    names: TiedNames,
  ) {
    this.width = codeWidth(vocabSize);
    const codes = tokenCodes(vocabSize);
    const dims = [vocabSize, this.width];
    if (precision === 'fp32') {
      this.weight = root.init(names.fp32, 'float', dims, codes);
    } else {
      this.weight = root.init(
        `${names.q8}_quantized`,
        'uint8',
        dims,
        codes.map((c) => ZERO_POINT + 127 * c),
      );
      this.scale = root.init(`${names.q8}_scale`, 'float', [], [SCALE]);
      this.zeroPoint = root.init(`${names.q8}_zero_point`, 'uint8', [], [ZERO_POINT]);
    }
  }

  /** Embedding rows of `ids` (q8: Gather on the uint8 table, then DequantizeLinear). */
  lookup(g: Graph, ids: string): string {
    const rows = g.gather(this.weight, ids);
    if (this.precision === 'fp32') return rows;
    return g.op('DequantizeLinear', [rows, this.scale, this.zeroPoint], {}, undefined, `${rows}_DequantizeLinear`);
  }

  /**
   * lm_head: `hidden` [..., D] times the transposed table -> logits [..., V]. q8: the table is
   * dequantized inside the graph that uses it, as in the hub's q8 merged decoders (the layout
   * onnxruntime 1.30 refuses at its default optimization level).
   */
  lmHead(g: Graph, hidden: string): string {
    const table =
      this.precision === 'fp32'
        ? this.weight
        : g.op('DequantizeLinear', [this.weight, this.scale, this.zeroPoint], {}, undefined, 'model.shared.weight_transposed_DequantizeLinear');
    return g.op('MatMul', [hidden, g.op('Transpose', [table], { perm: [1, 0] })]);
  }
}

/**
 * The ±1 code of each int64 token id in `ids` [...], as float [..., D], computed from the id
 * itself (bit k = id / 2^k mod 2) rather than read from the table: in the q8 merged decoder the
 * lm_head's DequantizeLinear must be the uint8 table's only reader, as in the hub's files (a
 * Gather on the same table makes onnxruntime skip the transform that fails on them).
 */
export function codeOf(g: Graph, ids: string, width: number): string {
  const powers = g.const(
    'int64',
    Array.from({ length: width }, (_, k) => 2 ** k),
  );
  const bits = g.op('Mod', [g.op('Div', [g.op('Unsqueeze', [ids, g.int(-1)]), powers]), g.int(2)]);
  const float = g.op('Cast', [bits], { to: ELEM.float });
  return g.op('Sub', [g.op('Mul', [float, g.const('float', [2], [])]), g.const('float', [1], [])]);
}

/** A learned-position table: `count` usable positions, looked up at position + `offset`. */
export interface Positions {
  count: number;
  offset: number;
}
/** Marian (all OPUS-MT): 512 positions. */
export const MARIAN_POSITIONS: Positions = { count: 512, offset: 0 };
/** BART and M2M100/NLLB: 1024 positions, stored from index 2 (their tables have 1026 rows). */
export const LONG_POSITIONS: Positions = { count: 1024, offset: 2 };

/**
 * Adds a position table `name` of `count + offset` rows to `root`. It is all zeros: it adds
 * nothing, but its Gather fails past the last row exactly like a real model's ("indices element
 * out of data bounds, idx=512"), so the tiny models have the real length limits.
 */
export function positionTable(root: Graph, name: string, p: Positions): string {
  const rows = p.count + p.offset;
  return root.init(name, 'float', [rows, 1], new Array<number>(rows).fill(0));
}

/** Position embeddings [..., 1] of `positions` (int64 indices, counted from 0). */
export function positionEmbedding(g: Graph, table: string, p: Positions, positions: string): string {
  return g.gather(table, p.offset ? g.op('Add', [positions, g.int(p.offset)]) : positions);
}
