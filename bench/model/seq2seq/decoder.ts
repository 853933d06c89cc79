// decoder_model_merged[_quantized].onnx of the m2m100 and bart stand-ins, laid out as optimum
// exports it: one If(use_cache_branch) whose branches are whole decoders (the no-past branch
// computes every layer's cross-attention K/V from encoder_hidden_states, the with-past branch
// reads them from past_key_values.N.encoder.* and outputs dummy encoder presents), weights as
// main-graph initializers read by both branches, and the lm_head tied to the embedding table
// `model.shared.weight_merged_0` (lmhead.ts). Steps, masks, positions and the `</s>` features are
// computed once, outside the If.
import { additiveKeyMask, attend, decoderSteps, keyValue, query } from '../layers.ts';
import { attr, GraphBuilder, modelProto, valueInfo, type Dim, type IGraph } from '../onnx-graph.ts';
import type { Weights } from '../weights.ts';
import { attentionWeights, feedForward, layerNorm, positionEmbedding, sublayer, tokenEmbedding, type SCtx } from './blocks.ts';
import { EOS_VALUE } from '../embedding.ts';
import { tiedLmHead } from './lmhead.ts';
import { POSITION_OFFSET, type Seq2SeqSpec } from './spec.ts';

/** The tied table's name in a merged decoder (optimum renames the deduplicated initializer). */
export const TIED_TABLE = 'model.shared.weight_merged_0';

const past = (i: number, kind: 'decoder' | 'encoder', kv: 'key' | 'value') => `past_key_values.${i}.${kind}.${kv}`;
const present = (i: number, kind: 'decoder' | 'encoder', kv: 'key' | 'value') => `present.${i}.${kind}.${kv}`;

interface Outside {
  positionIds: string;
  causalMask: string;
  encoderMask: string;
  /** Absent in an unforced test model. */
  eosFeatures?: string;
  dummy: string;
}

function branch(root: GraphBuilder, w: Weights, d: Seq2SeqSpec, q8: boolean, withPast: boolean, o: Outside): IGraph {
  const g = root.branch(withPast ? 'with_past/' : 'no_past/');
  const c: SCtx = { g, w, d, q8 };
  const outs: string[] = [];
  let x = g.node('Add', [tokenEmbedding(c, 'input_ids', TIED_TABLE), positionEmbedding(c, o.positionIds, 'model.decoder')]);
  if (d.family === 'bart') x = layerNorm(c, x, 'model.decoder.layernorm_embedding');
  for (let i = 0; i < d.decoderLayers; i++) {
    const p = `model.decoder.layers.${i}`;
    attentionWeights(c, `${p}.self_attn`);
    attentionWeights(c, `${p}.encoder_attn`);
    let k = '';
    let v = '';
    x = sublayer(c, x, `${p}.self_attn_layer_norm`, (h) => {
      [k, v] = keyValue(c, h, `${p}.self_attn`);
      if (withPast) {
        k = g.node('Concat', [past(i, 'decoder', 'key'), k], [attr.int('axis', 2)]);
        v = g.node('Concat', [past(i, 'decoder', 'value'), v], [attr.int('axis', 2)]);
      }
      return attend(c, query(c, h, `${p}.self_attn`), k, v, [o.causalMask], `${p}.self_attn`);
    });
    let ck = past(i, 'encoder', 'key');
    let cv = past(i, 'encoder', 'value');
    if (!withPast) [ck, cv] = keyValue(c, 'encoder_hidden_states', `${p}.encoder_attn`);
    x = sublayer(c, x, `${p}.encoder_attn_layer_norm`, (h) => attend(c, query(c, h, `${p}.encoder_attn`), ck, cv, [o.encoderMask], `${p}.encoder_attn`));
    x = sublayer(c, x, `${p}.final_layer_norm`, (h) => feedForward(c, h, p));
    const dummies = withPast ? [g.node('Identity', [o.dummy]), g.node('Identity', [o.dummy])] : [ck, cv];
    outs.push(k, v, ...dummies);
  }
  if (d.family === 'm2m100') x = layerNorm(c, x, 'model.decoder.layer_norm');
  // The last eosFeatures features carry the `</s>` ban/force (shared.ts), but in a test model.
  let h = x;
  if (o.eosFeatures) {
    const kept = g.node('Slice', [x, g.i64([0]), g.i64([d.dModel - d.eosFeatures]), g.i64([2])]);
    h = g.node('Concat', [kept, o.eosFeatures], [attr.int('axis', -1)]);
  }
  const logits = tiedLmHead(c, h, TIED_TABLE);
  return g.toGraph(
    withPast ? 'with_past' : 'no_past',
    [],
    [logits, ...outs].map((n) => valueInfo(n, 'float32')),
  );
}

/**
 * `</s>` features [B, L, k]: −EOS_VALUE at steps before n_b, +EOS_VALUE from it on, with
 * n_b = min(eosMax, ceil(eosOffset + eosRatio × (source tokens − 1))). Step n_b's logits choose
 * the token after n_b generated ones: `</s>`.
 */
function eosForcing(g: GraphBuilder, d: Seq2SeqSpec, steps: string): string {
  const srcLen = g.node('ReduceSum', [g.node('Cast', ['encoder_attention_mask'], [attr.int('to', 1)]), g.i64([1])], [attr.int('keepdims', 1)]);
  const scaled = g.node('Add', [g.node('Mul', [g.node('Sub', [srcLen, g.f32(1)]), g.f32(d.eosRatio)]), g.f32(d.eosOffset)]);
  const nb = g.node('Min', [g.node('Ceil', [scaled]), g.f32(Number.isFinite(d.eosMax) ? d.eosMax : 1e9)]);
  const stepF = g.node('Unsqueeze', [g.node('Cast', [steps], [attr.int('to', 1)]), g.i64([0])]);
  const sign = g.node('Unsqueeze', [g.node('Where', [g.node('Less', [stepF, nb]), g.f32(-1), g.f32(1)]), g.i64([2])]);
  return g.node('Mul', [sign, g.f32(new Array<number>(d.eosFeatures).fill(EOS_VALUE))]);
}

export function decoderModel(w: Weights, d: Seq2SeqSpec, q8: boolean) {
  const g = new GraphBuilder();
  const H = d.heads;
  const hd = d.dModel / d.heads;

  const { pastLen, steps, causalMask } = decoderSteps(g, past(0, 'decoder', 'key'));
  const encoderMask = additiveKeyMask(g, 'encoder_attention_mask');
  // Position ids: bart step + 2; fairseq (past + cumsum(ids ≠ pad)) · (ids ≠ pad) + pad.
  let positionIds: string;
  if (d.family === 'bart') positionIds = g.node('Add', [steps, g.i64(POSITION_OFFSET)]);
  else {
    const keep = g.node('Cast', [g.node('Not', [g.node('Equal', ['input_ids', g.i64(d.ids.pad)])])], [attr.int('to', 7)]);
    const counted = g.node('Mul', [g.node('Add', [g.node('CumSum', [keep, g.i64(1)]), pastLen]), keep]);
    positionIds = g.node('Add', [counted, g.i64(d.ids.pad)]);
  }
  const eosFeatures = d.unforced ? undefined : eosForcing(g, d, steps);
  const dummy = g.init('dummy_encoder_present', 'float32', [1, H, 1, hd], new Float32Array(H * hd));

  const o: Outside = { positionIds, causalMask, encoderMask, eosFeatures, dummy };
  const thenBranch = branch(g, w, d, q8, true, o);
  const elseBranch = branch(g, w, d, q8, false, o);
  const names = ['logits'];
  for (let i = 0; i < d.decoderLayers; i++) {
    names.push(present(i, 'decoder', 'key'), present(i, 'decoder', 'value'), present(i, 'encoder', 'key'), present(i, 'encoder', 'value'));
  }
  g.nodeN('If', ['use_cache_branch'], names, [attr.graph('then_branch', thenBranch), attr.graph('else_branch', elseBranch)]);

  const kvShape = (len: Dim): Dim[] => ['batch_size', H, len, hd];
  const inputs = [
    valueInfo('encoder_attention_mask', 'int64', ['batch_size', 'encoder_sequence_length']),
    valueInfo('input_ids', 'int64', ['batch_size', 'decoder_sequence_length']),
    valueInfo('encoder_hidden_states', 'float32', ['batch_size', 'encoder_sequence_length', d.dModel]),
  ];
  const byName = new Map([['logits', valueInfo('logits', 'float32', ['batch_size', 'decoder_sequence_length', d.vocabSize])]]);
  for (let i = 0; i < d.decoderLayers; i++) {
    for (const kind of ['decoder', 'encoder'] as const) {
      const len = kind === 'decoder' ? 'past_decoder_sequence_length' : 'encoder_sequence_length_out';
      for (const kv of ['key', 'value'] as const) {
        inputs.push(valueInfo(past(i, kind, kv), 'float32', kvShape(len)));
        byName.set(present(i, kind, kv), valueInfo(present(i, kind, kv), 'float32', kvShape(kind === 'decoder' ? 'past_decoder_sequence_length + 1' : len)));
      }
    }
  }
  inputs.push(valueInfo('use_cache_branch', 'bool', [1]));
  return modelProto(
    g.toGraph(
      'main_graph',
      inputs,
      names.map((n) => byName.get(n)!),
    ),
  );
}
