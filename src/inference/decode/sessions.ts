/** An onnxruntime session as transformers.js holds it. */
export interface OrtSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  inputMetadata?: ReadonlyArray<{ name: string; shape?: ReadonlyArray<number | string>; type?: string }>;
  /** `fetches`: the outputs to return (onnxruntime-node copies each into JS memory); default all. */
  run(feeds: Record<string, unknown>, fetches?: string[]): Promise<Record<string, { data: unknown; dims: readonly number[]; type: string }>>;
}

/** The encoder and merged decoder sessions of an exported encoder-decoder model. */
export interface Seq2SeqSessions {
  encoder: OrtSession;
  decoder: OrtSession;
}

export const PAST = 'past_key_values.';
const DECODER_INPUTS = ['input_ids', 'encoder_hidden_states', 'encoder_attention_mask', 'use_cache_branch'];

/**
 * The sessions of a model exported as optimum does for seq2seq (an encoder reading input_ids and
 * attention_mask, one merged decoder switching on use_cache_branch, its cache as
 * past_key_values.* → present.*), or undefined for any other layout.
 */
export function seq2seqSessions(sessions: Record<string, OrtSession | undefined>): Seq2SeqSessions | undefined {
  const encoder = sessions.model;
  const decoder = sessions.decoder_model_merged;
  if (!encoder || !decoder || !decoder.inputMetadata) return undefined;
  if (!encoder.inputNames.every((n) => n === 'input_ids' || n === 'attention_mask') || !encoder.outputNames.includes('last_hidden_state')) return undefined;
  const past = decoder.inputNames.filter((n) => n.startsWith(PAST));
  const known = past.length > 0 && decoder.inputNames.every((n) => DECODER_INPUTS.includes(n) || n.startsWith(PAST));
  if (!known || !past.every((n) => decoder.outputNames.includes(n.replace(PAST, 'present.')))) return undefined;
  // Empty caches are shaped from these; only the batch size may be a named dimension we fill in.
  const shapes = decoder.inputMetadata.filter((m) => m.name.startsWith(PAST));
  if (shapes.length !== past.length || !shapes.every((m) => m.shape?.every((d) => typeof d === 'number' || !/batch/.test(d) || d === 'batch_size')))
    return undefined;
  return { encoder, decoder };
}
