import { type BenchDims, type Layout } from './config.ts';
import { EOS_VALUE, sharedEmbedding } from './embedding.ts';
import { additiveKeyMask, attend, decoderSteps, embed, feedForward, keyValue, layerNorm, linear, query, type Ctx } from './layers.ts';
import { attr, GraphBuilder, modelProto, valueInfo, type Dim, type IAttr, type IGraph } from './onnx-graph.ts';
import { q8TiedHead } from './quantize.ts';
import { transpose, type Weights } from './weights.ts';

/** The tied table's name in a merged decoder, and the decoder's positions table. */
export const TIED_TABLE = 'model.shared.weight_merged_0';
const POSITIONS = 'model.decoder.embed_positions.weight';

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

/** The lm_head of `h` [B, L, D] -> logits [B, L, V], in the chosen layout. */
function lmHead(c: Ctx, h: string, layout: Layout): string {
  const { g, w, d } = c;
  const { vocabSize: V, dModel: D } = d;
  if (layout === 'separate') {
    // Its own weight: the shared table transposed to MatMul's [D, V], and a zero bias.
    w.memo('lm_head.weight', D * V, (a) => transpose(sharedEmbedding(w, d), V, D, a));
    w.constant('lm_head.bias', V, 0);
    return linear(c, h, 'lm_head', D, V);
  }
  if (!g.hasInit('final_logits_bias')) g.init('final_logits_bias', 'float32', [1, V], w.constant('final_logits_bias', V, 0));
  const product = c.q8
    ? q8TiedHead(g, h, TIED_TABLE)
    : g.node('MatMul', [h, g.node('Transpose', [TIED_TABLE], [], 'model.shared.weight_transposed', g.fresh('Transpose'))], [], undefined, '/lm_head/MatMul');
  return g.node('Add', [product, 'final_logits_bias'], [], undefined, '/Add');
}

interface Shared {
  positions: string;
  causalMask: string;
  encoderMask: string;
  /** Absent in an unforced test model. */
  eosFeatures?: string;
  dummy: string;
}

function branch(root: GraphBuilder, w: Weights, d: BenchDims, q8: boolean, layout: Layout, withPast: boolean, s: Shared): IGraph {
  const g = root.branch(withPast ? 'with_past/' : 'no_past/');
  const c: Ctx = { g, w, d, q8 };
  const outs: string[] = [];
  const table = layout === 'tied' ? TIED_TABLE : 'model.decoder.embed_tokens.weight';
  let x = embed(c, 'input_ids', s.positions, table, POSITIONS);
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
  // Node names 'eos/…' let a profile count what the forcing costs (bench/eos-check.ts).
  let h = x;
  if (s.eosFeatures) {
    const kept = g.node('Slice', [x, g.i64([0]), g.i64([d.dModel - d.eosFeatures]), g.i64([2])], [], undefined, g.fresh('eos/Slice'));
    h = g.node('Concat', [kept, s.eosFeatures], [attr.int('axis', -1)], undefined, g.fresh('eos/Concat'));
  }
  const logits = lmHead(c, h, layout);
  const names = [logits, ...outs];
  return g.toGraph(
    withPast ? 'with_past' : 'no_past',
    [],
    names.map((n) => valueInfo(n, 'float32')),
  );
}

/** `</s>` features [B, L, k]: −EOS_VALUE while position < n_b, +EOS_VALUE from n_b on. */
function eosForcing(g: GraphBuilder, d: BenchDims, positions: string): string {
  const eos = (op: string, inputs: string[], attrs: IAttr[] = []) => g.node(op, inputs, attrs, undefined, g.fresh(`eos/${op}`));
  const srcLen = eos('ReduceSum', [eos('Cast', ['encoder_attention_mask'], [attr.int('to', 1)]), g.i64([1])], [attr.int('keepdims', 1)]);
  const nb = eos('Ceil', [eos('Mul', [eos('Sub', [srcLen, g.f32(1)]), g.f32(d.eosRatio)])]);
  const posF = eos('Unsqueeze', [eos('Cast', [positions], [attr.int('to', 1)]), g.i64([0])]);
  const sign = eos('Unsqueeze', [eos('Where', [eos('Less', [posF, nb]), g.f32(-1), g.f32(1)]), g.i64([2])]);
  return eos('Mul', [sign, g.f32(new Array<number>(d.eosFeatures).fill(EOS_VALUE))]);
}

export function decoderModel(w: Weights, d: BenchDims, q8: boolean, layout: Layout) {
  const g = new GraphBuilder();
  const H = d.heads;
  const hd = d.dModel / d.heads;

  const { steps: positions, causalMask } = decoderSteps(g, past(0, 'decoder', 'key'));
  const encoderMask = additiveKeyMask(g, 'encoder_attention_mask');
  const eosFeatures = d.unforced ? undefined : eosForcing(g, d, positions);
  const dummy = g.init('dummy_encoder_present', 'float32', [1, H, 1, hd], new Float32Array(H * hd));

  const shared: Shared = { positions, causalMask, encoderMask, eosFeatures, dummy };
  const thenBranch = branch(g, w, d, q8, layout, true, shared);
  const elseBranch = branch(g, w, d, q8, layout, false, shared);
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
  return modelProto(
    g.toGraph(
      'main_graph',
      inputs,
      names.map((n) => byName.get(n)!),
    ),
  );
}
