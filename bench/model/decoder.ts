// The merged Marian decoder as optimum exports it (decoder_model_merged[_quantized].onnx): one
// If(use_cache_branch) node whose branches are whole decoders. The no-past branch computes the
// cross-attention K/V of every layer from encoder_hidden_states; the with-past branch reads them
// from past_key_values.N.encoder.* and outputs dummy [1, H, 1, hd] encoder presents (the library
// keeps the previous ones). Self-attention presents are Concat(past, new) along the sequence.
//
// Deterministic output length: the last of the d_model features entering lm_head is replaced by
// f = −1 before decoder position n_b = ceil(eosRatio × (source tokens − 1)) and +1 from it on,
// and the `</s>` column's weight for that feature is 1e4, so `</s>` is banned, then forced. The
// other columns stay tied to the embedding. This costs nothing per step, unlike adding a
// [B, L, V] bias (an extra pass over the logits) or a 513th input row (measured +3–7 % CPU on
// the q8 lm_head: MLAS pads K). Positions, masks and f are computed once, outside the If.
// final_logits_bias bans `<unk>`, which a trained model practically never emits.
import { ids, type BenchDims } from './config.ts';
import { additiveKeyMask, attend, dimScalar, embed, feedForward, keyValue, layerNorm, linear, NEG_INF, query, type Ctx } from './layers.ts';
import { attr, GraphBuilder, modelProto, valueInfo, type Dim, type IGraph } from './onnx-graph.ts';
import { transpose, type Weights } from './weights.ts';

export const EOS_LOGIT = 1e4;

const past = (i: number, kind: 'decoder' | 'encoder', kv: 'key' | 'value') => `past_key_values.${i}.${kind}.${kv}`;
const present = (i: number, kind: 'decoder' | 'encoder', kv: 'key' | 'value') => `present.${i}.${kind}.${kv}`;

/** Output names in optimum's order: logits, then per layer decoder.key/value, encoder.key/value. */
function outputNames(d: BenchDims): string[] {
  const names = ['logits'];
  for (let i = 0; i < d.decoderLayers; i++) {
    names.push(present(i, 'decoder', 'key'), present(i, 'decoder', 'value'));
    names.push(present(i, 'encoder', 'key'), present(i, 'encoder', 'value'));
  }
  return names;
}

/** lm_head weight [d, V]: the tied embedding transposed, `</s>` reading only the last feature. */
function prepareLmHead(w: Weights, d: BenchDims): void {
  const { vocabSize: V, dModel: D } = d;
  const shared = w.normal('model.shared.weight', V * D);
  const eos = ids(d).eos;
  w.memo('lm_head.weight', D * V, (a) => {
    transpose(shared, V, D, a);
    for (let k = 0; k < D; k++) a[k * V + eos] = k === D - 1 ? EOS_LOGIT : 0;
  });
  // final_logits_bias: zero (as trained Marian models), except <unk>, which is never emitted.
  w.memo('lm_head.bias', V, (a) => (a[ids(d).unk] = -EOS_LOGIT));
}

interface Shared {
  positions: string;
  causalMask: string;
  encoderMask: string;
  eosFeature: string;
  dummy: string;
}

function branch(root: GraphBuilder, w: Weights, d: BenchDims, q8: boolean, withPast: boolean, s: Shared): IGraph {
  const g = root.branch(withPast ? 'with_past/' : 'no_past/');
  const c: Ctx = { g, w, d, q8 };
  const outs: string[] = [];
  let x = embed(c, 'input_ids', s.positions, 'model.decoder.embed_tokens.weight');
  for (let i = 0; i < d.decoderLayers; i++) {
    const p = `model.decoder.layers.${i}`;
    const q = query(c, x, `${p}.self_attn`);
    let [k, v] = keyValue(c, x, `${p}.self_attn`);
    if (withPast) {
      k = g.node('Concat', [past(i, 'decoder', 'key'), k], [attr.int('axis', 2)]);
      v = g.node('Concat', [past(i, 'decoder', 'value'), v], [attr.int('axis', 2)]);
    }
    const a = attend(c, q, k, v, [s.causalMask], `${p}.self_attn`);
    x = layerNorm(c, g.node('Add', [x, a]), `${p}.self_attn_layer_norm`);

    const q2 = query(c, x, `${p}.encoder_attn`);
    let ck: string;
    let cv: string;
    let presentK: string;
    let presentV: string;
    if (withPast) {
      [ck, cv] = [past(i, 'encoder', 'key'), past(i, 'encoder', 'value')];
      [presentK, presentV] = [g.node('Identity', [s.dummy]), g.node('Identity', [s.dummy])];
    } else {
      [ck, cv] = keyValue(c, 'encoder_hidden_states', `${p}.encoder_attn`);
      [presentK, presentV] = [ck, cv];
    }
    const a2 = attend(c, q2, ck, cv, [s.encoderMask], `${p}.encoder_attn`);
    x = layerNorm(c, g.node('Add', [x, a2]), `${p}.encoder_attn_layer_norm`);
    const f = feedForward(c, x, p);
    x = layerNorm(c, g.node('Add', [x, f]), `${p}.final_layer_norm`);
    outs.push(k, v, presentK, presentV);
  }
  const kept = g.node('Slice', [x, g.i64([0]), g.i64([d.dModel - 1]), g.i64([2])]);
  const h = g.node('Concat', [kept, s.eosFeature], [attr.int('axis', -1)]);
  const logits = linear(c, h, 'lm_head', d.dModel, d.vocabSize);
  const names = [logits, ...outs];
  return g.toGraph(
    withPast ? 'with_past' : 'no_past',
    [],
    names.map((n) => valueInfo(n, 'float32')),
  );
}

export function decoderModel(w: Weights, d: BenchDims, q8: boolean) {
  prepareLmHead(w, d);
  const g = new GraphBuilder();
  const H = d.heads;
  const hd = d.dModel / d.heads;

  // Positions of the new tokens: past length (0 on the first step: empty cache) + 0..L−1.
  const pastLen = dimScalar(g, past(0, 'decoder', 'key'), 2);
  const end = g.node('Add', [pastLen, dimScalar(g, 'input_ids', 1)]);
  const positions = g.node('Range', [pastLen, end, g.i64(1)]);
  // Causal mask [L, T]: key j is hidden from query at position p when j > p.
  const keyPos = g.node('Range', [g.i64(0), end, g.i64(1)]);
  const later = g.node('Greater', [g.node('Unsqueeze', [keyPos, g.i64([0])]), g.node('Unsqueeze', [positions, g.i64([1])])]);
  const causalMask = g.node('Where', [later, g.f32(NEG_INF), g.f32(0)]);
  const encoderMask = additiveKeyMask(g, 'encoder_attention_mask');
  // </s> feature [B, L, 1]: −1 while position < n_b, +1 from n_b on.
  const srcLen = g.node('ReduceSum', [g.node('Cast', ['encoder_attention_mask'], [attr.int('to', 1)]), g.i64([1])], [attr.int('keepdims', 1)]);
  const nb = g.node('Ceil', [g.node('Mul', [g.node('Sub', [srcLen, g.f32(1)]), g.f32(d.eosRatio)])]);
  const posF = g.node('Unsqueeze', [g.node('Cast', [positions], [attr.int('to', 1)]), g.i64([0])]);
  const before = g.node('Less', [posF, nb]);
  const eosFeature = g.node('Unsqueeze', [g.node('Where', [before, g.f32(-1), g.f32(1)]), g.i64([2])]);
  const dummy = g.init('dummy_encoder_present', 'float32', [1, H, 1, hd], new Float32Array(H * hd));

  const shared: Shared = { positions, causalMask, encoderMask, eosFeature, dummy };
  const thenBranch = branch(g, w, d, q8, true, shared);
  const elseBranch = branch(g, w, d, q8, false, shared);
  const names = outputNames(d);
  g.nodeN('If', ['use_cache_branch'], names, [attr.graph('then_branch', thenBranch), attr.graph('else_branch', elseBranch)]);

  const kvShape = (len: Dim): Dim[] => ['batch_size', H, len, hd];
  const inputs = [
    valueInfo('encoder_attention_mask', 'int64', ['batch_size', 'encoder_sequence_length']),
    valueInfo('input_ids', 'int64', ['batch_size', 'decoder_sequence_length']),
    valueInfo('encoder_hidden_states', 'float32', ['batch_size', 'encoder_sequence_length', d.dModel]),
  ];
  const outputs = [valueInfo('logits', 'float32', ['batch_size', 'decoder_sequence_length', d.vocabSize])];
  for (let i = 0; i < d.decoderLayers; i++) {
    for (const kv of ['key', 'value'] as const) {
      inputs.push(valueInfo(past(i, 'decoder', kv), 'float32', kvShape('past_decoder_sequence_length')));
      outputs.push(valueInfo(present(i, 'decoder', kv), 'float32', kvShape('past_decoder_sequence_length + 1')));
    }
    for (const kv of ['key', 'value'] as const) {
      inputs.push(valueInfo(past(i, 'encoder', kv), 'float32', kvShape('encoder_sequence_length_out')));
      outputs.push(valueInfo(present(i, 'encoder', kv), 'float32', kvShape('encoder_sequence_length_out')));
    }
  }
  inputs.push(valueInfo('use_cache_branch', 'bool', [1]));
  // Graph outputs must follow the If's output order.
  const byName = new Map(outputs.map((o) => [o.name as string, o]));
  return modelProto(g.toGraph('main_graph', inputs, names.map((n) => byName.get(n)!)));
}
