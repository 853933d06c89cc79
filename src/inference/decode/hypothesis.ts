import type { DecodeSettings } from './settings.ts';
import type { Hypothesis } from './types.ts';

/**
 * A finished row (decoder start first) as a hypothesis: its tokens without the start and the end
 * token that closed it; `score` as beam search gives it, by default sum(logprobs) / length ** length_penalty.
 */
export function hypothesis(row: number[], logprobs: number[], s: DecodeSettings, score?: number): Hypothesis {
  const ended = s.eos.includes(row[row.length - 1]);
  const sum = logprobs.reduce((a, b) => a + b, 0);
  return { tokens: row.slice(1, ended ? -1 : undefined), score: score ?? sum / logprobs.length ** s.lengthPenalty, logprobs };
}
