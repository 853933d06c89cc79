import type { DecoderBatch } from './batch.ts';
import { hypothesis } from './hypothesis.ts';
import { greedyChoice, needsLogits } from './row-scores.ts';
import type { DecodeSettings } from './settings.ts';
import type { Hypothesis } from './types.ts';

/**
 * Greedy decoding, as transformers.js's generate chooses tokens (the rules on the raw logits, the
 * first highest score), with each chosen token's log-probability under the processed scores. A
 * row that has ended leaves the batch at once: later steps never compute it.
 */
export async function greedy(batch: DecoderBatch, inputs: number, s: DecodeSettings): Promise<Hypothesis[][]> {
  const rows = Array.from({ length: inputs }, () => [s.decoderStart]);
  const logprobs: number[][] = rows.map(() => []);
  const out: Hypothesis[][] = new Array(inputs);
  let active = rows.map((_, i) => i);
  while (active.length > 0) {
    // The whole logits only when a rule reads more than the scores head gives.
    let step = await batch.next(
      active.map((r) => rows[r][rows[r].length - 1]),
      {
        logits: needsLogits(
          s,
          active.map((r) => rows[r]),
          batch.ruleIds,
        ),
      },
    );
    let choices = active.map((r, i) => greedyChoice(step, i, rows[r], s));
    if (choices.some((c) => c === undefined)) {
      step = await batch.refetch();
      choices = active.map((r, i) => greedyChoice(step, i, rows[r], s));
    }
    const kept: number[] = [];
    active.forEach((r, i) => {
      const { token, score } = choices[i]!;
      logprobs[r].push(score);
      rows[r].push(token);
      if (s.eos.includes(token) || rows[r].length >= s.maxLength) out[r] = [hypothesis(rows[r], logprobs[r], s)];
      else kept.push(i);
    });
    active = kept.map((i) => active[i]);
    if (active.length > 0) batch.select(kept);
  }
  return out;
}
