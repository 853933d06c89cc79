// The tied lm_head inside each If branch of a merged decoder: logits = h · tableᵀ (+ BART's
// final_logits_bias). In q8 the table is the uint8 main-graph initializer `<table>_quantized`
// (with scalar `_scale`, `_zero_point`) that the embedding Gather also reads, dequantized inside
// the branch by a node named `model.shared.weight_transposed_DequantizeLinear` (the name in
// onnxruntime's refusal of the real files, transformers.js #1637), the MatMul itself in float.
//
// Two node orders are possible, and they differ in what onnxruntime and audarma's rewrite see:
//   'dq-transpose': DequantizeLinear(table) -> Transpose -> MatMul, the layout audarma's
//                   q8 rewrite (src/inference/tied-head-rewrite.ts) matches;
//   'transpose-dq': Transpose(uint8 table) -> DequantizeLinear -> MatMul, what quantize_dynamic
//                   writes when it quantizes optimum's `Transpose(table)` directly (Direct8BitOp);
//                   the node name above suggests the real files have this one.
import type { INode } from '../onnx-graph.ts';
import { attr, type GraphBuilder } from '../onnx-graph.ts';
import type { SCtx } from './blocks.ts';

export type TiedHeadForm = 'dq-transpose' | 'transpose-dq';

export const DQ_NODE_NAME = 'model.shared.weight_transposed_DequantizeLinear';

/** A one-output node with an exact node name (GraphBuilder names nodes itself otherwise). */
function named(g: GraphBuilder, op: string, inputs: string[], name: string, attrs: INode['attribute'] = []): string {
  const out = g.fresh(op);
  g.nodes.push({ opType: op, input: inputs, output: [out], name, attribute: attrs });
  return out;
}

export function tiedLmHead(c: SCtx, h: string, table: string, form: TiedHeadForm): string {
  const { g, d } = c;
  const perm = [attr.ints('perm', [1, 0])];
  let weight: string;
  if (!c.q8) weight = named(g, 'Transpose', [table], g.fresh('model.shared.weight_transposed'), perm);
  else if (form === 'dq-transpose') {
    const dq = named(g, 'DequantizeLinear', [`${table}_quantized`, `${table}_scale`, `${table}_zero_point`], DQ_NODE_NAME);
    weight = named(g, 'Transpose', [dq], g.fresh('Transpose'), perm);
  } else {
    const t = named(g, 'Transpose', [`${table}_quantized`], g.fresh('Transpose'), perm);
    weight = named(g, 'DequantizeLinear', [t, `${table}_scale`, `${table}_zero_point`], DQ_NODE_NAME);
  }
  const logits = named(g, 'MatMul', [h, weight], g.fresh('/lm_head/MatMul'));
  if (d.family !== 'bart') return logits;
  // BART's final_logits_bias: a zero buffer, added in float after the product.
  if (!g.hasInit('final_logits_bias')) g.init('final_logits_bias', 'float32', [1, d.vocabSize], new Float32Array(d.vocabSize));
  return g.node('Add', [logits, 'final_logits_bias']);
}
