import { UserError } from '../../diagnostics/messages.ts';
import { greedySettings, type GenerationValues, type GreedySettings } from '../logits-rules.ts';

/** What decoding honours: the logits rules, and how many hypotheses are kept and returned. */
export interface DecodeSettings extends GreedySettings {
  /** 1 decodes greedily; more runs beam search. @default 1 */
  numBeams: number;
  /** Exponent of the length a finished hypothesis's summed log-probability is divided by. @default 1 */
  lengthPenalty: number;
  /** When beam search stops, as Hugging Face transformers' `early_stopping`. @default false */
  earlyStopping: boolean | 'never';
  /** Hypotheses returned per input row, best first; at most numBeams. @default 1 */
  numReturnSequences: number;
  /** Log-softmax again after the rules (generation_config's `renormalize_logits`). @default false */
  renormalize: boolean;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const whole = (x: unknown, fallback: number, name: string): number => {
  if (x === null || x === undefined) return fallback;
  if (!Number.isInteger(x) || (x as number) < 1)
    throw new UserError('GENERATION', `generation option ${name}: expected a whole number of at least 1, got ${JSON.stringify(x)}`);
  return x as number;
};

/**
 * The decoding settings of a merged generation config, or undefined when it needs what only
 * transformers.js's generate does (sampling, guidance, suppressed tokens).
 */
export function decodeSettings(g: GenerationValues): DecodeSettings | undefined {
  const rules = greedySettings({ ...g, num_return_sequences: undefined });
  if (!rules) return undefined;
  const numBeams = whole(g.num_beams, 1, 'num_beams');
  const numReturnSequences = whole(g.num_return_sequences, 1, 'num_return_sequences');
  if (numReturnSequences > numBeams) {
    throw new UserError('GENERATION', `generation option num_return_sequences: expected at most num_beams (${numBeams}), got ${numReturnSequences}`);
  }
  const early = g.early_stopping === true || g.early_stopping === 'never' ? g.early_stopping : false;
  return {
    ...rules,
    numBeams,
    lengthPenalty: isNum(g.length_penalty) ? g.length_penalty : 1,
    earlyStopping: early,
    numReturnSequences,
    renormalize: g.renormalize_logits === true,
  };
}
