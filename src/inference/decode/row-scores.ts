// What decoding needs from one row of a step's scores: greedy search its chosen token and that
// token's log-probability; beam search a beam's best continuations by processed log-probability.
// With the scores head (scores-head.ts) these come from the row's log-sum-exp and best logits plus
// the few tokens the generation rules change; otherwise, or when those do not settle the answer
// (the rules pushed the best logits down, or removed nearly all probability), from the whole row.
import { applyRules, argmax, logSoftmax, logSumExp, ruleEdits, type RuleEdits } from '../logits-rules.ts';
import type { StepLogits } from './batch.ts';
import type { DecodeSettings } from './settings.ts';

/** A continuation of a row: a token and its score after the rules. */
export interface Candidate {
  token: number;
  score: number;
}

/** Below this share of probability left by the rules, sums of differences lose precision. */
const MIN_MASS = 1e-3;

/** Higher score first; among equals the lower token, as onnxruntime's TopK and an argmax order them. */
const byScore = (a: Candidate, b: Candidate) => b.score - a.score || a.token - b.token;

/**
 * The candidates the scores head and the rules give, best first, in the units of `value` (raw
 * logits, or log-probabilities); `floor` bounds every token left out, `logNorm` is the log of the
 * row's total exp after the rules (`offset` is the row's log-sum-exp in those units). Undefined when
 * the head is missing, or the rules left too little probability for differences to be exact.
 */
function sparse(step: StepLogits, i: number, e: RuleEdits, value: (t: number) => number, offset: number) {
  const top = step.top(i);
  if (!top) return undefined;
  const list: Candidate[] = [];
  for (const [token, score] of e.scores) if (score > -Infinity) list.push({ token, score });
  if (e.cleared) return { list: list.sort(byScore), floor: -Infinity, logNorm: logSumExp(Float32Array.from(list, (c) => c.score)) };
  for (let j = 0; j < top.values.length; j++) {
    const token = Number(top.ids[j]);
    if (!e.scores.has(token)) list.push({ token, score: value(token) });
  }
  let mass = 1;
  for (const [t, after] of e.scores) mass += Math.exp(after - offset) - Math.exp(e.before.get(t)! - offset);
  if (!(mass > MIN_MASS)) return undefined;
  // Tokens outside the head's best, untouched by the rules, score at most its last one.
  return { list: list.sort(byScore), floor: value(Number(top.ids[top.values.length - 1])), logNorm: offset + Math.log(mass) };
}

/**
 * Whether a step for these rows must fetch the whole logits: a rule reads a token whose logit
 * the scores head does not gather (repetition penalty, n-grams, bad words beyond the config's),
 * or the decoder has no such head (`ruleIds` undefined).
 */
export function needsLogits(s: DecodeSettings, histories: number[][], ruleIds: ReadonlySet<number> | undefined): boolean {
  if (!ruleIds) return true;
  let outside = false;
  const probe = (t: number) => {
    if (!ruleIds.has(t)) outside = true;
    return 0;
  };
  for (const h of histories) {
    ruleEdits(s, h, probe);
    if (outside) return true;
  }
  return false;
}

/**
 * Greedy search's token for row `i` (the rules on the raw logits) and its log-probability;
 * undefined when the step's row is sparse and its best logits do not settle it (refetch).
 */
export function greedyChoice(step: StepLogits, i: number, history: number[], s: DecodeSettings): Candidate | undefined {
  const x = step.row(i);
  const lse = step.lse(i);
  if (lse !== undefined) {
    const raw = (t: number) => x[t];
    const r = sparse(step, i, ruleEdits(s, history, raw), raw, lse);
    const best = r?.list[0];
    if (r && best && best.score >= r.floor) return { token: best.token, score: best.score - r.logNorm };
  }
  if (!step.full) return undefined;
  applyRules(s, history, x);
  const token = argmax(x);
  return { token, score: x[token] - logSumExp(x) };
}

/**
 * Beam search's `k` best continuations of the beam in row `i`, by log-probability as Hugging Face
 * scores it: log-softmax, then the rules (float32), then log-softmax again with renormalize_logits.
 * Undefined when the step's row is sparse and its best logits do not settle them (refetch).
 */
export function beamCandidates(step: StepLogits, i: number, history: number[], k: number, s: DecodeSettings): Candidate[] | undefined {
  const lse = step.lse(i);
  if (lse !== undefined) {
    const x = step.row(i);
    const lp = (t: number) => Math.fround(x[t] - lse);
    const r = sparse(step, i, ruleEdits(s, history, lp), lp, 0);
    if (r) {
      const shift = s.renormalize ? r.logNorm : 0;
      const sure = r.list.filter((c) => c.score >= r.floor);
      if (sure.length >= k || r.floor === -Infinity) return sure.slice(0, k).map((c) => ({ token: c.token, score: Math.fround(c.score - shift) }));
    }
  }
  if (!step.full) return undefined;
  const lp = Float32Array.from(step.row(i));
  logSoftmax(lp);
  applyRules(s, history, lp);
  if (s.renormalize) logSoftmax(lp);
  return bestOf(lp, k);
}

/** The `k` best scores of a row, best first (equal ones: lower token first). */
function bestOf(scores: Float32Array, k: number): Candidate[] {
  const out: Candidate[] = [];
  for (let v = 0; v < scores.length; v++) {
    const score = scores[v];
    if (out.length === k && !(score > out[k - 1].score)) continue;
    let p = out.length < k ? out.length : k - 1;
    if (out.length < k) out.push({ token: v, score });
    while (p > 0 && out[p - 1].score < score) {
      out[p] = out[p - 1];
      p--;
    }
    out[p] = { token: v, score };
  }
  return out.filter((c) => c.score > -Infinity);
}
