// The tied lm_head inside each If branch of a merged decoder: logits = h · tableᵀ (+ BART's
// final_logits_bias). In q8, node for node as optimum + quantize_dynamic write it (the OPUS-MT
// stand-in's q8TiedHead): Transpose of the uint8 main-graph table `<table>_quantized` (the one the
// embedding Gather reads), DequantizeLinear `model.shared.weight_transposed_DequantizeLinear` with
// the table's scalar scale and zero point, MatMul in float. In fp32: Transpose(table) -> MatMul.
import { q8TiedHead } from '../quantize.ts';
import type { SCtx } from './blocks.ts';

export function tiedLmHead(c: SCtx, h: string, table: string): string {
  const { g, d } = c;
  const logits = c.q8
    ? q8TiedHead(g, h, table)
    : g.node('MatMul', [h, g.node('Transpose', [table], [], 'model.shared.weight_transposed', g.fresh('Transpose'))], [], undefined, '/lm_head/MatMul');
  if (d.family !== 'bart') return logits;
  // BART's final_logits_bias: a zero buffer, added in float after the product.
  if (!g.hasInit('final_logits_bias')) g.init('final_logits_bias', 'float32', [1, d.vocabSize], c.w.constant('final_logits_bias', d.vocabSize, 0));
  return g.node('Add', [logits, 'final_logits_bias'], [], undefined, '/Add');
}
