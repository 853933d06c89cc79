// Adds a "scores head" to a decoder: next to its logits, each row's log-sum-exp and its best
// SCORES_TOP_K logits with their token ids. Decoding then reads a few numbers per row instead of
// walking the whole vocabulary in JavaScript: the log-softmax behind every token's probability is
// computed by onnxruntime's vectorised LogSoftmax (about 8× the speed of a JavaScript pass, which
// made beam search spend most of its time outside the model), and the best candidates come from
// its TopK. The logits stay an output, for the few tokens the generation rules touch.
import onnxPkg from 'onnx-proto';

const { onnx } = onnxPkg;
type IModel = onnxPkg.onnx.IModelProto;

const DT = onnx.TensorProto.DataType;
const AT = onnx.AttributeProto.AttributeType;

/** Output names: [batch, positions, 1] log-sum-exp; [batch, positions, K] best logits and ids. */
export const SCORES_LSE = 'audarma_logsumexp';
export const SCORES_TOP_VALUES = 'audarma_top_logits';
export const SCORES_TOP_IDS = 'audarma_top_ids';
/**
 * [batch, positions, n] logits of the tokens the model's own configs name (end, pad, decoder
 * start, bad words, forced tokens), and [n] those ids: what the generation rules read besides a
 * row's best, so that a step need not fetch the whole logits (see decode/batch.ts).
 */
export const SCORES_RULE_LOGITS = 'audarma_rule_logits';
export const SCORES_RULE_IDS = 'audarma_rule_ids';
/** Candidates per row: beam search needs 2 × num_beams, plus room for tokens the rules change. */
export const SCORES_TOP_K = 32;

const P = 'audarma_scores/';

/**
 * Adds the scores head to a decoder model's main graph in place; false when it has no rank-3
 * float `logits` output, or has the head already.
 */
export function addScoresHead(model: IModel, ruleIds: readonly number[] = []): boolean {
  const g = model.graph;
  const logits = g?.output?.find((o) => o.name === 'logits');
  const shape = logits?.type?.tensorType?.shape?.dim;
  if (!g || !logits || logits.type?.tensorType?.elemType !== DT.FLOAT || shape?.length !== 3) return false;
  if (g.output!.some((o) => o.name === SCORES_LSE)) return false;
  // A vocabulary smaller than K (test models) keeps every token.
  const vocab = Number(shape[2].dimValue ?? 0);
  const k = vocab > 0 ? Math.min(SCORES_TOP_K, vocab) : SCORES_TOP_K;
  const i64 = (name: string, v: number) => ({ name: P + name, dataType: DT.INT64, dims: [1], rawData: new Uint8Array(BigInt64Array.of(BigInt(v)).buffer) });
  g.initializer = [...(g.initializer ?? []), i64('zero', 0), i64('one', 1), i64('last', -1), i64('k', k)];
  // log-sum-exp = x[0] - log_softmax(x)[0]: LogSoftmax is vectorised where ReduceLogSumExp is not.
  g.node = [
    ...(g.node ?? []),
    { opType: 'LogSoftmax', name: `${P}LogSoftmax`, input: ['logits'], output: [`${P}log_softmax`], attribute: [{ name: 'axis', type: AT.INT, i: -1 }] },
    { opType: 'Slice', name: `${P}FirstLogit`, input: ['logits', `${P}zero`, `${P}one`, `${P}last`], output: [`${P}x0`] },
    { opType: 'Slice', name: `${P}FirstLogProb`, input: [`${P}log_softmax`, `${P}zero`, `${P}one`, `${P}last`], output: [`${P}l0`] },
    { opType: 'Sub', name: `${P}LogSumExp`, input: [`${P}x0`, `${P}l0`], output: [SCORES_LSE] },
    {
      opType: 'TopK',
      name: `${P}TopK`,
      input: ['logits', `${P}k`],
      output: [SCORES_TOP_VALUES, SCORES_TOP_IDS],
      attribute: [{ name: 'axis', type: AT.INT, i: -1 }],
    },
  ];
  const out = (name: string, elemType: number, last: number) => ({
    name,
    type: { tensorType: { elemType, shape: { dim: [shape[0], shape[1], { dimValue: last }] } } },
  });
  g.output!.push(out(SCORES_LSE, DT.FLOAT, 1), out(SCORES_TOP_VALUES, DT.FLOAT, k), out(SCORES_TOP_IDS, DT.INT64, k));
  const ids = [...new Set(ruleIds)].filter((t) => Number.isInteger(t) && t >= 0 && (vocab <= 0 || t < vocab)).sort((a, b) => a - b);
  if (ids.length) {
    g.initializer.push({ name: `${P}rule_ids`, dataType: DT.INT64, dims: [ids.length], rawData: new Uint8Array(BigInt64Array.from(ids, BigInt).buffer) });
    g.node.push(
      {
        opType: 'Gather',
        name: `${P}RuleLogits`,
        input: ['logits', `${P}rule_ids`],
        output: [SCORES_RULE_LOGITS],
        attribute: [{ name: 'axis', type: AT.INT, i: -1 }],
      },
      { opType: 'Identity', name: `${P}RuleIds`, input: [`${P}rule_ids`], output: [SCORES_RULE_IDS] },
    );
    g.output!.push(out(SCORES_RULE_LOGITS, DT.FLOAT, ids.length), {
      name: SCORES_RULE_IDS,
      type: { tensorType: { elemType: DT.INT64, shape: { dim: [{ dimValue: ids.length }] } } },
    });
  }
  return true;
}
