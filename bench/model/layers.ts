// Marian building blocks shared by the encoder and decoder graphs, in fp32 or q8 form:
// linear layers, post-LayerNorm, swish FFN, multi-head attention, embeddings and positions.
import type { BenchDims } from './config.ts';
import { sharedEmbedding } from './embedding.ts';
import { attr, type GraphBuilder } from './onnx-graph.ts';
import { q8Gather, q8Linear } from './quantize.ts';
import { fillNormal } from './random.ts';
import { sinusoidTable, type Weights } from './weights.ts';

export interface Ctx {
  g: GraphBuilder;
  w: Weights;
  d: BenchDims;
  q8: boolean;
}

export const NEG_INF = -1e9;

/** `x @ W + b` with W stored [in, out] (as MatMul's constant B), named like PyTorch's Linear. */
export function linear(c: Ctx, x: string, name: string, inDim: number, outDim: number): string {
  const w = () => c.w.normal(`${name}.weight`, inDim * outDim);
  const b = () => c.w.constant(`${name}.bias`, outDim, 0); // as HF's _init_weights: zero biases
  if (c.q8) return q8Linear(c.g, x, name, inDim, outDim, w, b);
  const wn = `${name}.weight`;
  const bn = `${name}.bias`;
  if (!c.g.hasInit(wn)) {
    c.g.init(wn, 'float32', [inDim, outDim], w());
    c.g.init(bn, 'float32', [outDim], b());
  }
  return c.g.node('Add', [c.g.node('MatMul', [x, wn]), bn]);
}

export function layerNorm(c: Ctx, x: string, name: string): string {
  const gn = `${name}.weight`;
  const bn = `${name}.bias`;
  if (!c.g.hasInit(gn)) {
    c.g.init(gn, 'float32', [c.d.dModel], c.w.constant(gn, c.d.dModel, 1));
    c.g.init(bn, 'float32', [c.d.dModel], c.w.constant(bn, c.d.dModel, 0));
  }
  return c.g.node('LayerNormalization', [x, gn, bn], [attr.int('axis', -1), attr.float('epsilon', 1e-5)]);
}

/** fc1 -> swish (x·sigmoid(x)) -> fc2. */
export function feedForward(c: Ctx, x: string, name: string): string {
  const h = linear(c, x, `${name}.fc1`, c.d.dModel, c.d.ffnDim);
  const act = c.g.node('Mul', [h, c.g.node('Sigmoid', [h])]);
  return linear(c, act, `${name}.fc2`, c.d.ffnDim, c.d.dModel);
}

/** [B, T, d] -> [B, heads, T, head_dim] (the cache layout). */
export function splitHeads(c: Ctx, x: string): string {
  const hd = c.d.dModel / c.d.heads;
  const r = c.g.node('Reshape', [x, c.g.i64([0, -1, c.d.heads, hd])]);
  return c.g.node('Transpose', [r], [attr.ints('perm', [0, 2, 1, 3])]);
}

/** Query projection, scaled by head_dim^-0.5 after the bias (as in BART/Marian). */
export function query(c: Ctx, x: string, name: string): string {
  const q = linear(c, x, `${name}.q_proj`, c.d.dModel, c.d.dModel);
  const scaled = c.g.node('Mul', [q, c.g.f32(Math.pow(c.d.dModel / c.d.heads, -0.5))]);
  return splitHeads(c, scaled);
}

export function keyValue(c: Ctx, x: string, name: string): [string, string] {
  const k = splitHeads(c, linear(c, x, `${name}.k_proj`, c.d.dModel, c.d.dModel));
  const v = splitHeads(c, linear(c, x, `${name}.v_proj`, c.d.dModel, c.d.dModel));
  return [k, v];
}

/**
 * softmax(q·kᵀ + masks)·v, heads merged, then out_proj. q [B,H,L,hd]; k, v [B,H,T,hd];
 * masks are additive and broadcast to [B,H,L,T].
 */
export function attend(c: Ctx, q: string, k: string, v: string, masks: string[], name: string): string {
  const g = c.g;
  let scores = g.node('MatMul', [q, g.node('Transpose', [k], [attr.ints('perm', [0, 1, 3, 2])])]);
  for (const m of masks) scores = g.node('Add', [scores, m]);
  const p = g.node('Softmax', [scores], [attr.int('axis', -1)]);
  const ctx = g.node('Transpose', [g.node('MatMul', [p, v])], [attr.ints('perm', [0, 2, 1, 3])]);
  const merged = g.node('Reshape', [ctx, g.i64([0, -1, c.d.dModel])]);
  return linear(c, merged, `${name}.out_proj`, c.d.dModel, c.d.dModel);
}

/** int64 [B, S] padding mask -> additive float [B, 1, 1, S] (0 keep, −1e9 masked). */
export function additiveKeyMask(g: GraphBuilder, mask: string): string {
  const m = g.node('Cast', [mask], [attr.int('to', 1)]);
  const neg = g.node('Mul', [g.node('Sub', [g.f32(1), m]), g.f32(NEG_INF)]);
  return g.node('Unsqueeze', [neg, g.i64([1, 2])]);
}

/** Length of axis `axis` of `x` as an int64 scalar. */
export function dimScalar(g: GraphBuilder, x: string, axis: number): string {
  const s = g.node('Shape', [x], [attr.int('start', axis), attr.int('end', axis + 1)]);
  return g.node('Squeeze', [s, g.i64([0])]);
}

/**
 * Token embeddings × √d_model plus sinusoidal positions at `positions` (int64 [L]). `table` is
 * the initializer's name (its q8 form adds `_quantized`, `_scale`, `_zero_point`), filled with the
 * shared embedding the first time a graph of this model needs it.
 */
export function embed(c: Ctx, ids: string, positions: string, table: string, posName: string): string {
  const { vocabSize: V, dModel: d, maxPositions: P } = c.d;
  const values = () => sharedEmbedding(c.w, c.d);
  const tok = c.q8
    ? q8Gather(c.g, ids, table, V, d, values)
    : c.g.node('Gather', [c.g.hasInit(table) ? table : c.g.init(table, 'float32', [V, d], values()), ids], [attr.int('axis', 0)]);
  const scaled = c.g.node('Mul', [tok, c.g.f32(Math.sqrt(d))]);
  const positionTable = () =>
    c.d.unforced?.positionStd
      ? c.w.memo(posName, P * d, (a) => fillNormal(a, c.w.seed, posName, c.d.unforced!.positionStd!))
      : c.w.memo('sinusoid', P * d, (a) => a.set(sinusoidTable(P, d)));
  if (!c.g.hasInit(posName)) c.g.init(posName, 'float32', [P, d], positionTable());
  const pos = c.g.node('Gather', [posName, positions], [attr.int('axis', 0)]);
  return c.g.node('Add', [scaled, pos]);
}

/**
 * The decoder steps of the tokens fed now (past length, 0 on the first call with an empty cache,
 * + 0…L−1) and the causal mask [L, T] over them: key j is hidden from the query at step p when
 * j > p. `pastKey` is any self-attention cache input, whose axis 2 is the past length.
 */
export function decoderSteps(g: GraphBuilder, pastKey: string): { pastLen: string; steps: string; causalMask: string } {
  const pastLen = dimScalar(g, pastKey, 2);
  const end = g.node('Add', [pastLen, dimScalar(g, 'input_ids', 1)]);
  const steps = g.node('Range', [pastLen, end, g.i64(1)]);
  const keySteps = g.node('Range', [g.i64(0), end, g.i64(1)]);
  const later = g.node('Greater', [g.node('Unsqueeze', [keySteps, g.i64([0])]), g.node('Unsqueeze', [steps, g.i64([1])])]);
  return { pastLen, steps, causalMask: g.node('Where', [later, g.f32(NEG_INF), g.f32(0)]) };
}
