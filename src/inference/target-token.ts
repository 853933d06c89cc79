import { Tensor } from '@huggingface/transformers';
import type { ModelConfig } from '../config/schema.ts';
import { messages, SetupError } from '../diagnostics/messages.ts';

/** The parts of a transformers.js tokenizer used here. */
export interface TargetTokenizer {
  (texts: string[], options: Record<string, unknown>): { input_ids: number[][]; attention_mask: number[][] };
  get_vocab(): Map<string, number>;
  batch_decode(ids: Tensor, options: { skip_special_tokens: boolean }): string[];
  readonly pad_token_id: number;
  readonly model_max_length: number;
}

/** The parts of a transformers.js seq2seq model used here. */
export interface Generator {
  generate(inputs: Record<string, unknown>): Promise<Tensor>;
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

/**
 * Translates with the target-language token as the first input token, as the model was trained:
 * the id goes in front of the tokenized text. It is not put in the text itself, because the
 * tokenizer.json of a Marian model has no rule keeping `>>cmn_Hans<<` whole, and transformers.js 4
 * no longer splits it off as its Python MarianTokenizer does. The token is never part of the
 * output; should a model echo it, it is removed.
 */
export async function generateWithTargetToken(
  model: Generator,
  tokenizer: TargetTokenizer,
  tokenId: number,
  token: string,
  texts: string[],
  options: Record<string, unknown>,
): Promise<string[]> {
  const max = Number.isFinite(tokenizer.model_max_length) ? tokenizer.model_max_length - 1 : undefined;
  const { input_ids } = tokenizer(texts, { padding: false, truncation: max !== undefined, max_length: max, return_tensor: false });
  const rows = input_ids.map((ids) => [tokenId, ...ids]);
  const width = Math.max(...rows.map((r) => r.length));
  const ids = rows.flatMap((r) => [...r, ...Array<number>(width - r.length).fill(tokenizer.pad_token_id)]);
  const mask = rows.flatMap((r) => [...Array<number>(r.length).fill(1), ...Array<number>(width - r.length).fill(0)]);
  const tensor = (values: number[]) => new Tensor('int64', BigInt64Array.from(values, BigInt), [rows.length, width]);
  const out = await model.generate({ input_ids: tensor(ids), attention_mask: tensor(mask), ...options });
  return tokenizer.batch_decode(out, { skip_special_tokens: true }).map((t) => (t.trimStart().startsWith(token) ? t.trimStart().slice(token.length) : t));
}
