// The merged decoder as optimum exports it (decoder_model_merged[_quantized].onnx): one
// If(use_cache_branch) whose branches are whole decoders reading the main graph's weights.
// The first step runs the no-past branch: it reads encoder_hidden_states and outputs the
// "cross-attention cache" (here the source token ids, [B,1,S,1]). Later steps run the with-past
// branch: it reads the source from that cache and outputs dummy encoder presents (the library
// keeps the first ones). The self-attention cache holds every decoder token fed so far and must
// GROW: after the first step the library feeds only the newest token, so the step index T is the
// cache length minus one.
//
// Each branch computes the token to emit (the model's logic, see graphs.ts), takes its ±1 code
// (its row of the tied embedding) as the hidden state, adds the position embedding of step T
// (zeros; the Gather gives the real position limit) and runs the tied lm_head. The token whose
// lm_head score is above D − 1 (only the chosen one: it scores D, every other token at most
// D − 2) gets the "chosen" score, the others "other", plus a per-token bias. The margin of 1
// absorbs the rounding of a correct q8 rewrite (e.g. MatMulInteger on a dynamically quantized
// hidden state); a wrong lm_head (weights transposed, a wrong scale or zero point) picks no token
// or several, and the output strings change.
import { codeOf, DECODER_TIED, positionEmbedding, positionTable, TiedEmbedding, type Positions, type Precision } from './embeddings.ts';
import { ELEM, Graph } from './onnx.ts';
import { EOS } from './tokenizer.ts';

export interface Frame {
  g: Graph;
  /** Step index, shape [1]. */
  T: string;
  /** Source length, shape [1]. */
  S: string;
  /** All decoder tokens so far (cache + current), [B, T+1]. */
  history: string;
  /** The token fed at this step = previous output, [B,1]. */
  prevOut: string;
  /** Source tokens T-1, T, T+1 (clamped into the source), [B,1] each. */
  prev: string;
  cur: string;
  next: string;
  /** Whether this row is finished: past the source, or EOS already emitted, [B,1] bool. */
  done: string;
}

export interface Scores {
  /** The emitted token's score: one for every token, or one per token id (a model sure of some words only). */
  chosen: number | number[];
  other: number;
  /** Added to every step's logits, one value per token. */
  bias?: number[];
  /**
   * A runner-up per emitted token: when token t is emitted, token `token[t]` (-1: none) scores
   * `score[t]` instead of "other", so beam search has a real second choice to return.
   */
  second?: { token: number[]; score: number[] };
}

/** What a tiny decoder does at each step: the token it emits, [B,1] int64, and its scores. */
export interface DecoderLogic {
  name: string;
  vocabSize: number;
  step(f: Frame): { token: string; scores?: Scores };
}

const DEFAULT_SCORES: Scores = { chosen: 50, other: -50 };

const past = (kind: 'decoder' | 'encoder', kv: 'key' | 'value') => `past_key_values.0.${kind}.${kv}`;
const present = (kind: 'decoder' | 'encoder', kv: 'key' | 'value') => `present.0.${kind}.${kv}`;
const OUTPUTS = ['logits', present('decoder', 'key'), present('decoder', 'value'), present('encoder', 'key'), present('encoder', 'value')];

interface Weights {
  tied: TiedEmbedding;
  positions: Positions;
  positionTable: string;
  dummy: string;
}

function frame(g: Graph, withPast: boolean): { f: Frame; presents: string[] } {
  const fed = g.op('Unsqueeze', [g.op('Cast', ['input_ids'], { to: ELEM.float }), g.int(1, 3)]);
  let selfCache: string[];
  let source: string;
  if (withPast) {
    selfCache = [past('decoder', 'key'), past('decoder', 'value')].map((p) => g.op('Concat', [p, fed], { axis: 2 }));
    source = past('encoder', 'key');
  } else {
    selfCache = [fed, g.op('Identity', [fed])];
    source = g.op('Unsqueeze', ['encoder_hidden_states', g.int(1)]);
  }
  const history = g.op('Cast', [g.op('Squeeze', [selfCache[0], g.int(1, 3)])], { to: ELEM.int64 });
  const one = g.int(1);
  const T = g.op('Sub', [g.op('Shape', [selfCache[0]], { start: 2, end: 3 }), one]);
  const src = g.op('Cast', [g.op('Squeeze', [source, g.int(1, 3)])], { to: ELEM.int64 });
  const S = g.op('Shape', [src], { start: 1, end: 2 });
  const last = g.op('Sub', [S, one]);
  const clamp = (i: string) => g.op('Max', [g.op('Min', [i, last]), g.int(0)]);
  const cur = g.gather(src, clamp(T), 1);
  const prev = g.gather(src, clamp(g.op('Sub', [T, one])), 1);
  const next = g.gather(src, clamp(g.op('Add', [T, one])), 1);
  const prevOut = g.gather(history, T, 1);
  // Finished rows must keep emitting EOS: the library does not pad them. (NLLB and BART start
  // from EOS, so their step 0 says EOS too; the forced BOS token overrides it.)
  const done = g.or(g.op('GreaterOrEqual', [T, S]), g.op('Equal', [prevOut, g.int(EOS)]));
  const encoderCache = withPast ? ['dummy', 'dummy'] : [source, g.op('Identity', [source])];
  return { f: { g, T, S, history, prevOut, prev, cur, next, done }, presents: [...selfCache, ...encoderCache] };
}

function branch(root: Graph, logic: DecoderLogic, w: Weights, withPast: boolean) {
  const name = withPast ? 'with_past' : 'no_past';
  const g = root.branch(name);
  const { f, presents } = frame(g, withPast);
  const { token, scores = DEFAULT_SCORES } = logic.step(f);
  const hidden = g.op('Add', [codeOf(g, token, w.tied.width), positionEmbedding(g, w.positionTable, w.positions, f.T)]);
  const lm = w.tied.lmHead(g, hidden);
  const hit = g.op('Greater', [lm, g.const('float', [w.tied.width - 1], [])]);
  // Per token: the emitted token's own score, [B,1,1], broadcast over the vocabulary.
  const chosen = Array.isArray(scores.chosen)
    ? g.op('Unsqueeze', [g.gather(g.const('float', scores.chosen), token), g.int(2)])
    : g.const('float', [scores.chosen], []);
  let logits = g.where(hit, chosen, g.const('float', [scores.other], []));
  if (scores.second) {
    const perToken = (type: 'int64' | 'float', table: number[]) => g.op('Unsqueeze', [g.gather(g.const(type, table), token), g.int(2)]);
    const ids = g.const(
      'int64',
      Array.from({ length: logic.vocabSize }, (_, i) => i),
    );
    const isSecond = g.op('Equal', [ids, perToken('int64', scores.second.token)]);
    logits = g.where(isSecond, perToken('float', scores.second.score), logits);
  }
  if (scores.bias) logits = g.op('Add', [logits, g.const('float', scores.bias)]);
  const values = [logits, ...presents.map((p) => (p === 'dummy' ? w.dummy : p))];
  values.forEach((v, i) => g.output(`${name}/${OUTPUTS[i]}`, 'float', undefined, v));
  return g.proto();
}

/** The merged decoder file of `logic`, in fp32 or in the q8 layout. */
export function mergedDecoder(logic: DecoderLogic, positions: Positions, precision: Precision): Uint8Array {
  const g = new Graph(logic.name);
  const cache = (len: string) => ['batch_size', 1, len, 1];
  g.input('encoder_attention_mask', 'int64', ['batch_size', 'encoder_sequence_length']);
  g.input('input_ids', 'int64', ['batch_size', 'decoder_sequence_length']);
  g.input('encoder_hidden_states', 'float', ['batch_size', 'encoder_sequence_length', 1]);
  for (const kv of ['key', 'value'] as const) g.input(past('decoder', kv), 'float', cache('past_decoder_sequence_length'));
  for (const kv of ['key', 'value'] as const) g.input(past('encoder', kv), 'float', cache('encoder_sequence_length_out'));
  g.input('use_cache_branch', 'bool', [1]);

  const w: Weights = {
    tied: new TiedEmbedding(g, logic.vocabSize, precision, DECODER_TIED),
    positions,
    positionTable: positionTable(g, 'model.decoder.embed_positions.weight', positions),
    dummy: g.init('dummy_encoder_present', 'float', [1, 1, 1, 1], [0]),
  };
  const thenBranch = branch(g, logic, w, true);
  const elseBranch = branch(g, logic, w, false);
  g.node('If', ['use_cache_branch'], { then_branch: thenBranch, else_branch: elseBranch }, OUTPUTS, 'optimum::if');

  g.declareOutput('logits', 'float', ['batch_size', 1, logic.vocabSize]);
  for (const kv of ['key', 'value'] as const) g.declareOutput(present('decoder', kv), 'float', cache('past_decoder_sequence_length + 1'));
  for (const kv of ['key', 'value'] as const) g.declareOutput(present('encoder', kv), 'float', cache('encoder_sequence_length_out'));
  return g.encode();
}
