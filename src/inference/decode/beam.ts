import type { DecoderBatch, StepLogits } from './batch.ts';
import { hypothesis } from './hypothesis.ts';
import { beamCandidates, needsLogits, type Candidate } from './row-scores.ts';
import type { DecodeSettings } from './settings.ts';
import type { Hypothesis } from './types.ts';

// Beam search as Hugging Face transformers' generate runs it (generation/utils.py, `_beam_search`,
// version 5): scores are float32 and masked with -1e9 as there, so the same hypotheses survive, in
// the same order, with the same `sequences_scores`. One difference: a sentence that can no longer
// change (its finished list is final) leaves the batch, where generate keeps computing it.

const NEG = -1e9;
const f32 = Math.fround;
/** Continuations kept per step: HF's `beams_to_keep`, enough for num_beams to go on if the best end. */
const keep = (s: DecodeSettings) => Math.max(2, 1 + s.eos.length) * s.numBeams;

interface Beam {
  /** Decoder start, then the generated ids. */
  row: number[];
  logprobs: number[];
  /** Summed log-probability (running), or length-normalised score (finished); float32. */
  score: number;
}
interface Final extends Beam {
  finished: boolean;
}
interface Sentence {
  running: Beam[];
  finals: Final[];
  /** Can a running beam still beat the worst finished one? (HF's early-stop heuristic) */
  unsatisfied: boolean;
}
interface Continuation extends Beam {
  hits: boolean;
}

/** The `k` best of `values` (highest first; among equals the earlier), as indices. */
function topK(values: ArrayLike<number>, k: number): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i);
  return order.sort((a, b) => values[b] - values[a] || a - b).slice(0, k);
}

/**
 * The `k` best continuations of a sentence's beams by accumulated score (float32), as torch.topk
 * over beams × vocabulary orders them (among equals the lower beam, then the lower token). Each
 * beam's own k best are enough to find them.
 */
function bestContinuations(beams: Beam[], perBeam: Candidate[][], k: number): Array<{ beam: number; token: number; score: number; logprob: number }> {
  const all = beams.flatMap((b, j) => perBeam[j].map((c) => ({ beam: j, token: c.token, score: f32(b.score + c.score), logprob: c.score })));
  all.sort((a, b) => b.score - a.score || a.beam - b.beam || a.token - b.token);
  // Slots no finite score reached hold a -Infinity continuation of the first beam, never chosen.
  while (all.length < k) all.push({ beam: 0, token: 0, score: -Infinity, logprob: -Infinity });
  return all.slice(0, k);
}

/** One step of one sentence: each beam's best continuations (on the first step, all beams are one). */
function beamOptions(
  sent: Sentence,
  step: StepLogits,
  row: (j: number) => number,
  shared: boolean,
  k: number,
  s: DecodeSettings,
): Array<Candidate[] | undefined> {
  if (shared) {
    const one = beamCandidates(step, row(0), sent.running[0].row, k, s);
    return sent.running.map(() => one);
  }
  return sent.running.map((b, j) => beamCandidates(step, row(j), b.row, k, s));
}

/**
 * Advances one sentence by a step; returns the beams its new running beams extend, and whether
 * every continuation kept had to stop (the length limit).
 */
function advance(sent: Sentence, options: Candidate[][], curLen: number, s: DecodeSettings): { parents: number[]; allHit: boolean } {
  const n = s.numBeams;
  const cands: Array<Continuation & { parent: number }> = bestContinuations(sent.running, options, keep(s)).map((c) => {
    const from = sent.running[c.beam];
    const row = [...from.row, c.token];
    return { parent: c.beam, row, logprobs: [...from.logprobs, c.logprob], score: c.score, hits: s.eos.includes(c.token) || row.length >= s.maxLength };
  });
  // Running beams: the best continuations that have not just finished.
  const runningScores = cands.map((c) => f32(c.score + (c.hits ? NEG : 0)));
  const next = topK(runningScores, n);
  // Finished list: the best of those kept and of the top n continuations that just finished.
  const full = s.earlyStopping === true && sent.finals.every((f) => f.finished);
  const finished = cands.map((c, i) => {
    let score = f32(c.score / curLen ** s.lengthPenalty);
    score = f32(score + (full ? NEG : 0));
    score = f32(score + (sent.unsatisfied ? 0 : NEG));
    const justFinished = c.hits && i < n;
    score = f32(score + (justFinished ? 0 : NEG));
    return { row: c.row, logprobs: c.logprobs, score, finished: justFinished };
  });
  const merged = [...sent.finals, ...finished];
  sent.finals = topK(
    merged.map((f) => f.score),
    n,
  ).map((i) => merged[i]);
  sent.running = next.map((i) => ({ row: cands[i].row, logprobs: cands[i].logprobs, score: runningScores[i] }));
  return { parents: next.map((i) => cands[i].parent), allHit: cands.every((c) => c.hits) };
}

/** HF's stopping test for one sentence after a step (`curLen` already counts the new token). */
function isDone(sent: Sentence, allHit: boolean, curLen: number, s: DecodeSettings): boolean {
  const bestLength = s.earlyStopping === 'never' && s.lengthPenalty > 0 ? s.maxLength - 1 : curLen - 1;
  const bestPossible = f32(sent.running[0].score / bestLength ** s.lengthPenalty);
  const worst = Math.min(...sent.finals.map((f) => f.score));
  sent.unsatisfied = sent.unsatisfied && sent.finals.some((f) => bestPossible > (f.finished ? worst : NEG));
  const open = !(s.earlyStopping === true && sent.finals.every((f) => f.finished));
  return !(sent.unsatisfied && open && !allHit);
}

/**
 * Beam search over a batch: each input row keeps `numBeams` running hypotheses in the decoder
 * batch (its caches follow them every step) and returns its `numReturnSequences` best finished
 * ones, with scores and per-token log-probabilities.
 */
export async function beam(batch: DecoderBatch, inputs: number, s: DecodeSettings): Promise<Hypothesis[][]> {
  const n = s.numBeams;
  const sentences: Sentence[] = Array.from({ length: inputs }, () => ({
    running: Array.from({ length: n }, (_, j) => ({ row: [s.decoderStart], logprobs: [], score: j === 0 ? 0 : NEG })),
    finals: Array.from({ length: n }, () => ({ row: [s.decoderStart], logprobs: [], score: NEG, finished: false })),
    unsatisfied: true,
  }));
  let active = sentences.map((_, i) => i);
  let curLen = 1;
  // The first step runs one decoder row per sentence; its beams are copies of it.
  let first = true;
  while (active.length > 0) {
    const tokens = first ? active.map(() => s.decoderStart) : active.flatMap((b) => sentences[b].running.map((r) => r.row[r.row.length - 1]));
    // The whole logits only when a rule reads more than the scores head gives.
    const histories = active.flatMap((b) => sentences[b].running.map((r) => r.row));
    let step = await batch.next(tokens, { logits: needsLogits(s, histories, batch.ruleIds) });
    const width = first ? 1 : n;
    const parents: number[] = [];
    const kept: number[] = [];
    const hitAll: boolean[] = [];
    const optionsOf = () => active.map((b, ai) => beamOptions(sentences[b], step, (j) => ai * width + (first ? 0 : j), first, keep(s), s));
    let options = optionsOf();
    if (options.some((o) => o.some((c) => c === undefined))) {
      step = await batch.refetch();
      options = optionsOf();
    }
    active.forEach((b, ai) => {
      const sent = sentences[b];
      const { parents: from, allHit } = advance(sent, options[ai] as Candidate[][], curLen, s);
      hitAll.push(allHit);
      parents.push(...from.map((j) => ai * width + (first ? 0 : j)));
    });
    curLen++;
    active.forEach((b, ai) => {
      if (!isDone(sentences[b], hitAll[ai], curLen, s)) kept.push(ai);
    });
    first = false;
    active = kept.map((ai) => active[ai]);
    if (active.length > 0) batch.select(kept.flatMap((ai) => parents.slice(ai * n, (ai + 1) * n)));
  }
  return sentences.map((sent) => sent.finals.slice(0, s.numReturnSequences).map((f) => hypothesis(f.row, f.logprobs, s, f.score)));
}
