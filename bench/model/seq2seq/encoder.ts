// encoder_model[_quantized].onnx of the m2m100 and bart stand-ins: input_ids, attention_mask
// int64 [batch_size, encoder_sequence_length] -> last_hidden_state [batch_size, …, d_model].
import { additiveKeyMask, dimScalar } from '../layers.ts';
import { attr, GraphBuilder, modelProto, valueInfo } from '../onnx-graph.ts';
import type { Weights } from '../weights.ts';
import { encoderLayer, layerNorm, positionEmbedding, tokenEmbedding, type SCtx } from './blocks.ts';
import { SHARED } from './shared.ts';
import { POSITION_OFFSET, type Seq2SeqSpec } from './spec.ts';

/**
 * Position ids: bart counts 2, 3, … along the sequence; fairseq (m2m100) counts only non-pad
 * tokens, cumsum(ids ≠ pad) · (ids ≠ pad) + pad, so padding sits on the zero row.
 */
export function encoderPositionIds(c: SCtx): string {
  const { g, d } = c;
  if (d.family === 'bart') {
    const S = dimScalar(g, 'input_ids', 1);
    return g.node('Range', [g.i64(POSITION_OFFSET), g.node('Add', [S, g.i64(POSITION_OFFSET)]), g.i64(1)]);
  }
  const keep = g.node('Cast', [g.node('Not', [g.node('Equal', ['input_ids', g.i64(d.ids.pad)])])], [attr.int('to', 7)]);
  const counted = g.node('Mul', [g.node('CumSum', [keep, g.i64(1)]), keep]);
  return g.node('Add', [counted, g.i64(d.ids.pad)]);
}

export function encoderModel(w: Weights, d: Seq2SeqSpec, q8: boolean) {
  const g = new GraphBuilder();
  const c: SCtx = { g, w, d, q8 };
  let x = g.node('Add', [tokenEmbedding(c, 'input_ids', SHARED), positionEmbedding(c, encoderPositionIds(c), 'model.encoder')]);
  if (d.family === 'bart') x = layerNorm(c, x, 'model.encoder.layernorm_embedding');
  const mask = additiveKeyMask(g, 'attention_mask');
  for (let i = 0; i < d.encoderLayers; i++) x = encoderLayer(c, x, `model.encoder.layers.${i}`, mask);
  if (d.family === 'm2m100') x = layerNorm(c, x, 'model.encoder.layer_norm');
  g.node('Identity', [x], [], 'last_hidden_state');

  const seq = ['batch_size', 'encoder_sequence_length'];
  return modelProto(
    g.toGraph(
      'main_graph',
      [valueInfo('input_ids', 'int64', seq), valueInfo('attention_mask', 'int64', seq)],
      [valueInfo('last_hidden_state', 'float32', [...seq, d.dModel])],
    ),
  );
}
