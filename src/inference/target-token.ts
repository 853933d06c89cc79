import type { ModelConfig } from '../config/schema.ts';
import { messages, SetupError } from '../diagnostics/messages.ts';

/** The parts of a transformers.js tokenizer used here. */
export interface TargetTokenizer {
  (texts: string[], options: Record<string, unknown>): { input_ids: number[][]; attention_mask: number[][] };
  get_vocab(): Map<string, number>;
  batch_decode(ids: number[][], options: { skip_special_tokens: boolean }): string[];
  decode(ids: number[], options: { skip_special_tokens: boolean }): string;
  readonly pad_token_id: number;
  readonly model_max_length: number;
}

/**
 * The id of the model's target-language token; a token the vocabulary lacks is a setup error
 * naming the catalogue key and the language tokens the model does have.
 */
export function targetTokenId(key: string, m: ModelConfig, tokenizer: Pick<TargetTokenizer, 'get_vocab'>): number {
  const vocab = tokenizer.get_vocab();
  const id = vocab.get(m.targetToken!);
  if (id !== undefined) return id;
  const known = [...vocab.keys()].filter((t) => /^>>\w+<<$/.test(t)).sort();
  const shown = known.length > 20 ? [...known.slice(0, 20), `… (${known.length} in all)`] : known;
  throw SetupError.from(messages.targetTokenUnknown(key, m.targetToken!, m.id, shown));
}
