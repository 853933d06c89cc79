import { Tensor } from '@huggingface/transformers';
import { nextToken, type GreedySettings } from './logits-rules.ts';

/** An onnxruntime session as transformers.js holds it. */
export interface OrtSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  inputMetadata?: ReadonlyArray<{ name: string; shape?: ReadonlyArray<number | string>; type?: string }>;
  run(feeds: Record<string, unknown>): Promise<Record<string, { data: unknown; dims: readonly number[]; type: string }>>;
}

/** The encoder and merged decoder sessions of an exported encoder-decoder model. */
export interface Seq2SeqSessions {
  encoder: OrtSession;
  decoder: OrtSession;
}

const PAST = 'past_key_values.';
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
  if (shapes.length !== past.length || !shapes.every((m) => m.shape?.every((d) => typeof d === 'number' || !/batch/.test(d) || d === 'batch_size'))) return undefined;
  return { encoder, decoder };
}

const int64 = (values: number[], dims: number[]) => new Tensor('int64', BigInt64Array.from(values, BigInt), dims).ort_tensor;

/**
 * Greedy decoding of a batch, as transformers.js's `generate` chooses tokens, with two
 * differences that matter to a batch: a row that has ended is fed padding and its output stops at
 * its end token (transformers.js keeps sampling ended rows, and their text after `</s>` would
 * reach the translation), and nothing is copied or kept beyond what the next step needs, which
 * halves the garbage a long run makes. Returns each row's new tokens, without the end token.
 */
export async function greedyDecode(model: Seq2SeqSessions, rows: number[][], pad: number, s: GreedySettings): Promise<number[][]> {
  const batch = rows.length;
  const width = Math.max(...rows.map((r) => r.length));
  const ids: number[] = [];
  const mask: number[] = [];
  for (const r of rows) {
    ids.push(...r, ...Array<number>(width - r.length).fill(pad));
    mask.push(...Array<number>(r.length).fill(1), ...Array<number>(width - r.length).fill(0));
  }
  const attention = int64(mask, [batch, width]);
  const encoded = await model.encoder.run(
    Object.fromEntries(model.encoder.inputNames.map((n) => [n, n === 'input_ids' ? int64(ids, [batch, width]) : attention])),
  );
  const feeds: Record<string, unknown> = { encoder_hidden_states: encoded.last_hidden_state, encoder_attention_mask: attention };
  for (const m of model.decoder.inputMetadata!) {
    if (!m.name.startsWith(PAST)) continue;
    const shape = m.shape!.map((d) => (typeof d === 'number' ? d : d === 'batch_size' ? batch : 0));
    feeds[m.name] = new Tensor((m.type ?? 'float32') as 'float32', new Float32Array(0), shape).ort_tensor;
  }
  const past = Object.keys(feeds).filter((n) => n.startsWith(PAST));
  const history = rows.map(() => [s.decoderStart]);
  const done = rows.map(() => false);
  const out: number[][] = rows.map(() => []);
  let next = history.map((h) => h[0]);
  for (let step = 0; !done.every(Boolean); step++) {
    feeds.input_ids = int64(next, [batch, 1]);
    feeds.use_cache_branch = new Tensor('bool', new Uint8Array([step > 0 ? 1 : 0]), [1]).ort_tensor;
    const result = await model.decoder.run(feeds);
    const logits = result.logits;
    const vocab = logits.dims[logits.dims.length - 1];
    const data = logits.data instanceof Float32Array ? logits.data : Float32Array.from(logits.data as ArrayLike<number>);
    const perRow = data.length / batch;
    next = history.map((row, b) => {
      if (done[b]) return pad;
      // The last position's scores of row b (a first step may return one position per input token).
      const token = nextToken(s, row, data.subarray(b * perRow + perRow - vocab, (b + 1) * perRow));
      row.push(token);
      if (s.eos.includes(token) || row.length >= s.maxLength) done[b] = true;
      if (!s.eos.includes(token)) out[b].push(token);
      return token;
    });
    // The self-attention cache grows every step; the cross-attention one is computed on the first
    // step only (the cached branch returns placeholders for it).
    for (const name of past) if (step === 0 || name.includes('.decoder.')) feeds[name] = result[name.replace(PAST, 'present.')];
  }
  return out;
}
