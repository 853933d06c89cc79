// The Marian encoder graph (encoder_model.onnx / encoder_model_quantized.onnx):
// input_ids, attention_mask int64 [batch_size, encoder_sequence_length] ->
// last_hidden_state float [batch_size, encoder_sequence_length, d_model].
import type { BenchDims } from './config.ts';
import { additiveKeyMask, attend, dimScalar, embed, feedForward, keyValue, layerNorm, query, type Ctx } from './layers.ts';
import { GraphBuilder, modelProto, valueInfo } from './onnx-graph.ts';
import type { Weights } from './weights.ts';

export function encoderModel(w: Weights, d: BenchDims, q8: boolean) {
  const g = new GraphBuilder();
  const c: Ctx = { g, w, d, q8 };
  const S = dimScalar(g, 'input_ids', 1);
  const positions = g.node('Range', [g.i64(0), S, g.i64(1)]);
  // optimum's encoder_model.onnx reads the tied table under its first PyTorch name.
  let x = embed(c, 'input_ids', positions, 'model.shared.weight', 'model.encoder.embed_positions.weight');
  const mask = additiveKeyMask(g, 'attention_mask');

  for (let i = 0; i < d.encoderLayers; i++) {
    const p = `model.encoder.layers.${i}`;
    // Post-LN: x = LN(x + SelfAttn(x)); x = LN(x + FFN(x)).
    const q = query(c, x, `${p}.self_attn`);
    const [k, v] = keyValue(c, x, `${p}.self_attn`);
    const a = attend(c, q, k, v, [mask], `${p}.self_attn`);
    x = layerNorm(c, g.node('Add', [x, a]), `${p}.self_attn_layer_norm`);
    const f = feedForward(c, x, p);
    x = layerNorm(c, g.node('Add', [x, f]), `${p}.final_layer_norm`);
  }
  g.node('Identity', [x], [], 'last_hidden_state');

  const seq = ['batch_size', 'encoder_sequence_length'];
  const graph = g.toGraph(
    'main_graph',
    [valueInfo('input_ids', 'int64', seq), valueInfo('attention_mask', 'int64', seq)],
    [valueInfo('last_hidden_state', 'float32', [...seq, d.dModel])],
  );
  return modelProto(graph);
}
