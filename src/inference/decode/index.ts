import { beam } from './beam.ts';
import { DecoderBatch } from './batch.ts';
import { greedy } from './greedy.ts';
import type { Seq2SeqSessions } from './sessions.ts';
import type { DecodeSettings } from './settings.ts';
import type { Hypothesis } from './types.ts';

export { seq2seqSessions, type OrtSession, type Seq2SeqSessions } from './sessions.ts';
export { decodeSettings, type DecodeSettings } from './settings.ts';
export type { Hypothesis } from './types.ts';

/**
 * Decodes a batch of input rows (token ids, unpadded) on an exported encoder and merged decoder:
 * greedily with one beam, else by beam search. Returns each row's hypotheses, best first.
 */
export async function decode(model: Seq2SeqSessions, rows: number[][], pad: number, s: DecodeSettings): Promise<Hypothesis[][]> {
  const batch = await DecoderBatch.open(model, rows, pad);
  return s.numBeams > 1 ? beam(batch, rows.length, s) : greedy(batch, rows.length, s);
}
