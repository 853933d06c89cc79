// Building blocks of the m2m100 and bart graphs on top of the Marian stand-in's (attention,
// linear layers, LayerNorm, masks in ../layers.ts): token embeddings read from the tied table,
// position tables, feed-forward layers with the family's activation, and whole encoder/decoder
// layers in pre-LN (m2m100) or post-LN (bart) order.
import { attend, keyValue, layerNorm, linear, query, type Ctx } from '../layers.ts';
import { attr } from '../onnx-graph.ts';
import { quantizeUint8 } from '../quantize.ts';
import { fillNormal } from '../random.ts';
import { INIT_STD } from '../weights.ts';
import { sharedTable, sharedTableQ8 } from './shared.ts';
import { POSITION_OFFSET, type Seq2SeqSpec } from './spec.ts';

export interface SCtx extends Ctx {
  d: Seq2SeqSpec;
}

/** Adds a uint8 table (`name`_quantized/_scale/_zero_point) once; returns the quantized name. */
function q8Table(c: SCtx, name: string, rows: number, table: () => { q: Uint8Array; scale: number; zeroPoint: number }): string {
  const q = `${name}_quantized`;
  if (!c.g.hasInit(q)) {
    const t = table();
    c.g.init(q, 'uint8', [rows, c.d.dModel], t.q);
    c.g.init(`${name}_scale`, 'float32', [], Float32Array.of(t.scale));
    c.g.init(`${name}_zero_point`, 'uint8', [], Uint8Array.of(t.zeroPoint));
  }
  return q;
}

/** Gather rows of a table: in q8 a Gather on the uint8 table then DequantizeLinear, as quantize_dynamic writes it. */
function gatherRows(c: SCtx, name: string, rows: number, ids: string, fp32: () => Float32Array): string {
  const { g } = c;
  if (c.q8) {
    const q = q8Table(c, name, rows, () => quantizeUint8(fp32()));
    return g.node('DequantizeLinear', [g.node('Gather', [q, ids], [attr.int('axis', 0)]), `${name}_scale`, `${name}_zero_point`]);
  }
  if (!g.hasInit(name)) g.init(name, 'float32', [rows, c.d.dModel], fp32());
  return g.node('Gather', [name, ids], [attr.int('axis', 0)]);
}

/** Token embeddings from the tied table named `table` (× √d_model for m2m100's scaled embedding). */
export function tokenEmbedding(c: SCtx, ids: string, table: string): string {
  const { g, d } = c;
  let x: string;
  if (c.q8) {
    const q = q8Table(c, table, d.vocabSize, () => sharedTableQ8(c.w, d));
    x = g.node('DequantizeLinear', [g.node('Gather', [q, ids], [attr.int('axis', 0)]), `${table}_scale`, `${table}_zero_point`]);
  } else {
    if (!g.hasInit(table)) g.init(table, 'float32', [d.vocabSize, d.dModel], sharedTable(c.w, d));
    x = g.node('Gather', [table, ids], [attr.int('axis', 0)]);
  }
  return d.family === 'm2m100' ? g.node('Mul', [x, g.f32(Math.sqrt(d.dModel))]) : x;
}

/** fairseq's sinusoidal table (M2M100SinusoidalPositionalEmbedding): sin | cos halves, row `pad` zero. */
function fairseqSinusoids(rows: number, dim: number, pad: number): Float32Array {
  const out = new Float32Array(rows * dim);
  const half = dim / 2;
  const step = Math.log(10000) / (half - 1);
  for (let p = 0; p < rows; p++) {
    if (p === pad) continue;
    for (let j = 0; j < half; j++) {
      const angle = p * Math.exp(-step * j);
      out[p * dim + j] = Math.sin(angle);
      out[p * dim + half + j] = Math.cos(angle);
    }
  }
  return out;
}

/** Position embeddings of int64 position ids (already offset by 2), from the family's table. */
export function positionEmbedding(c: SCtx, positionIds: string, prefix: 'model.encoder' | 'model.decoder'): string {
  const { d } = c;
  const rows = d.maxPositions + POSITION_OFFSET;
  if (d.family === 'm2m100') {
    const name = `${prefix}.embed_positions.weights`;
    return gatherRows(c, name, rows, positionIds, () =>
      c.w.memo('fairseq-sinusoids', rows * d.dModel, (a) => a.set(fairseqSinusoids(rows, d.dModel, d.ids.pad))),
    );
  }
  const name = `${prefix}.embed_positions.weight`;
  const std = d.unforced?.positionStd ?? INIT_STD;
  return gatherRows(c, name, rows, positionIds, () => c.w.memo(name, rows * d.dModel, (a) => fillNormal(a, c.w.seed, name, std)));
}

/** fc1 -> ReLU (m2m100) or exact GELU (bart, as torch exports it: x·½·(1 + erf(x/√2))) -> fc2. */
export function feedForward(c: SCtx, x: string, p: string): string {
  const { g, d } = c;
  // fc2's columns sum to zero: ReLU/GELU outputs have a positive mean, which random fc2 weights
  // would turn into the same offset for every token, piling up in the residual stream until one
  // fixed token wins every step. A trained model has no such offset; its cost is the same.
  const w2 = `${p}.fc2.weight`;
  c.w.memo(w2, d.ffnDim * d.dModel, (a) => {
    fillNormal(a, c.w.seed, w2, INIT_STD);
    const mean = new Float64Array(d.dModel);
    for (let r = 0; r < d.ffnDim; r++) for (let j = 0; j < d.dModel; j++) mean[j] += a[r * d.dModel + j] / d.ffnDim;
    for (let r = 0; r < d.ffnDim; r++) for (let j = 0; j < d.dModel; j++) a[r * d.dModel + j] -= mean[j];
  });
  const h = linear(c, x, `${p}.fc1`, d.dModel, d.ffnDim);
  const act =
    d.family === 'm2m100'
      ? g.node('Relu', [h])
      : g.node('Mul', [g.node('Mul', [h, g.node('Add', [g.node('Erf', [g.node('Div', [h, g.f32(Math.SQRT2)])]), g.f32(1)])]), g.f32(0.5)]);
  return linear(c, act, `${p}.fc2`, d.ffnDim, d.dModel);
}

/** Queries and keys of attention `p` drawn with the spec's attnStd (see spec.ts) before first use. */
export function attentionWeights(c: SCtx, p: string): void {
  const D = c.d.dModel;
  for (const n of [`${p}.q_proj.weight`, `${p}.k_proj.weight`]) c.w.memo(n, D * D, (a) => fillNormal(a, c.w.seed, n, c.d.attnStd));
}

/** A residual sub-layer: pre-LN `x + f(LN(x))` (m2m100) or post-LN `LN(x + f(x))` (bart). */
export function sublayer(c: SCtx, x: string, norm: string, f: (h: string) => string): string {
  if (c.d.family === 'm2m100') return c.g.node('Add', [x, f(layerNorm(c, x, norm))]);
  return layerNorm(c, c.g.node('Add', [x, f(x)]), norm);
}

/** One encoder layer. */
export function encoderLayer(c: SCtx, x: string, p: string, mask: string): string {
  attentionWeights(c, `${p}.self_attn`);
  x = sublayer(c, x, `${p}.self_attn_layer_norm`, (h) => {
    const [k, v] = keyValue(c, h, `${p}.self_attn`);
    return attend(c, query(c, h, `${p}.self_attn`), k, v, [mask], `${p}.self_attn`);
  });
  return sublayer(c, x, `${p}.final_layer_norm`, (h) => feedForward(c, h, p));
}

export { layerNorm };
