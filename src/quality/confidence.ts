import { DEFAULT_MIN_CONFIDENCE } from '../config/schema.ts';
import type { Flag } from '../document/article.ts';

/**
 * A flag when the model's confidence in a segment (the geometric mean of its tokens'
 * probabilities, see inference/scores.ts) is below `min` (config `quality.minConfidence`).
 */
export function checkConfidence(confidence: number | undefined, min: number = DEFAULT_MIN_CONFIDENCE): Flag[] {
  if (confidence === undefined || confidence >= min) return [];
  return [{ kind: 'low-confidence', reason: `the model's confidence in it is ${confidence.toFixed(2)}, below ${min}` }];
}
