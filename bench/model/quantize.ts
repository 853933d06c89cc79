// q8 as onnxruntime's `quantize_dynamic` writes it (what transformers.js loads for `dtype: 'q8'`):
//   x -> DynamicQuantizeLinear (uint8, one per input value, shared by its MatMuls)
//     -> MatMulInteger(x_q, W_q int8, x_zp, W_zp) -> Cast(float) -> Mul(·, Mul(x_scale, W_scale))
//     -> Add(bias)
// with int8, per-channel (per output column), symmetric, reduced-range (7-bit) weights, and
// embedding tables as uint8 rows (per-tensor, asymmetric) + DequantizeLinear after the Gather.
// ORT fuses the chain into MatMulIntegerToFloat / DynamicQuantizeMatMul at session creation.
// A tied lm_head is no such MatMul: see q8TiedHead.
import { attr, type GraphBuilder } from './onnx-graph.ts';

const Q_MAX_7BIT = 63;

/** Per-column symmetric int8 of a row-major [k, n] matrix, values in [−63, 63]. */
export function quantizePerColumn(w: Float32Array, k: number, n: number): { q: Int8Array; scale: Float32Array } {
  const absMax = new Float32Array(n);
  for (let r = 0; r < k; r++) {
    const row = r * n;
    for (let c = 0; c < n; c++) {
      const a = Math.abs(w[row + c]);
      if (a > absMax[c]) absMax[c] = a;
    }
  }
  const scale = new Float32Array(n);
  const inv = new Float32Array(n);
  for (let c = 0; c < n; c++) {
    scale[c] = absMax[c] > 0 ? absMax[c] / Q_MAX_7BIT : 1;
    inv[c] = 1 / scale[c];
  }
  const q = new Int8Array(k * n);
  for (let r = 0; r < k; r++) {
    const row = r * n;
    for (let c = 0; c < n; c++) {
      const v = Math.round(w[row + c] * inv[c]);
      q[row + c] = v > Q_MAX_7BIT ? Q_MAX_7BIT : v < -Q_MAX_7BIT ? -Q_MAX_7BIT : v;
    }
  }
  return { q, scale };
}

/** Per-tensor asymmetric uint8 (range widened to include 0, as ORT does). */
export function quantizeUint8(w: Float32Array): { q: Uint8Array; scale: number; zeroPoint: number } {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < w.length; i++) {
    if (w[i] < lo) lo = w[i];
    if (w[i] > hi) hi = w[i];
  }
  const scale = hi > lo ? (hi - lo) / 255 : 1;
  const zeroPoint = Math.min(255, Math.max(0, Math.round(-lo / scale)));
  const q = new Uint8Array(w.length);
  for (let i = 0; i < w.length; i++) {
    const v = Math.round(w[i] / scale) + zeroPoint;
    q[i] = v > 255 ? 255 : v < 0 ? 0 : v;
  }
  return { q, scale, zeroPoint };
}

/** DynamicQuantizeLinear of `x`, once per graph (later MatMuls on the same value share it). */
export function dynamicQuantize(g: GraphBuilder, x: string): [string, string, string] {
  let hit = g.quantized.get(x);
  if (!hit) {
    const base = `${g.prefix}${x}`;
    const [q, s, zp] = g.nodeN('DynamicQuantizeLinear', [x], [`${base}_quantized`, `${base}_scale`, `${base}_zero_point`]);
    hit = [q, s, zp];
    g.quantized.set(x, hit);
  }
  return hit;
}

/**
 * q8 `x @ W + b` for a [k, n] weight named `name` (fp32 values `w`, bias `b`). The quantized
 * initializers are added once even when two If-branches use the same layer.
 */
export function q8Linear(g: GraphBuilder, x: string, name: string, k: number, n: number, w: () => Float32Array, b: () => Float32Array): string {
  const wq = `${name}.weight_quantized`;
  const ws = `${name}.weight_scale`;
  const wzp = `${name}.weight_zero_point`;
  const bias = `${name}.bias`;
  if (!g.hasInit(wq)) {
    const { q, scale } = quantizePerColumn(w(), k, n);
    g.init(wq, 'int8', [k, n], q);
    g.init(ws, 'float32', [n], scale);
    g.init(wzp, 'int8', [n], new Int8Array(n));
    g.init(bias, 'float32', [n], b());
  }
  const [xq, xs, xzp] = dynamicQuantize(g, x);
  const mm = g.node('MatMulInteger', [xq, wq, xzp, wzp]);
  const f = g.node('Cast', [mm], [attr.int('to', 1)]);
  const scale = g.node('Mul', [xs, ws]);
  const y = g.node('Mul', [f, scale]);
  return g.node('Add', [y, bias]);
}

/** q8 embedding lookup: Gather on a uint8 table, then DequantizeLinear. */
export function q8Gather(g: GraphBuilder, ids: string, name: string, rows: number, cols: number, table: () => Float32Array): string {
  const tq = `${name}_quantized`;
  const ts = `${name}_scale`;
  const tzp = `${name}_zero_point`;
  if (!g.hasInit(tq)) {
    const { q, scale, zeroPoint } = quantizeUint8(table());
    g.init(tq, 'uint8', [rows, cols], q);
    g.init(ts, 'float32', [], Float32Array.of(scale));
    g.init(tzp, 'uint8', [], Uint8Array.of(zeroPoint));
  }
  const gathered = g.node('Gather', [tq, ids], [attr.int('axis', 0)]);
  return g.node('DequantizeLinear', [gathered, ts, tzp]);
}

/**
 * The tied lm_head product of a q8 merged decoder, node for node as optimum + quantize_dynamic
 * write it inside each If branch. optimum ties the MatMul to the Gather's table with
 * `Transpose(table)` -> `model.shared.weight_transposed`; quantize_dynamic (MatMulConstBOnly)
 * leaves that MatMul in float since its B is no initializer, quantizes the Transpose directly on the
 * uint8 table (Direct8BitOp: `…_transposed_quantized`, the table's scale and zero point), then
 * dequantizes its output for the MatMul in a node named after the value:
 *   Transpose(<table>_quantized) -> DequantizeLinear `model.shared.weight_transposed_DequantizeLinear`
 *   -> MatMul `/lm_head/MatMul`
 * (the node onnxruntime 1.30 names in "Missing required scale: model.shared.weight_merged_0_scale
 * for node: model.shared.weight_transposed_DequantizeLinear", transformers.js #1637).
 */
export function q8TiedHead(g: GraphBuilder, x: string, table: string): string {
  const t = g.node('Transpose', [`${table}_quantized`], [], 'model.shared.weight_transposed_quantized', g.fresh('Transpose'));
  const w = g.node(
    'DequantizeLinear',
    [t, `${table}_scale`, `${table}_zero_point`],
    [],
    'model.shared.weight_transposed',
    'model.shared.weight_transposed_DequantizeLinear',
  );
  return g.node('MatMul', [x, w], [], undefined, '/lm_head/MatMul');
}
