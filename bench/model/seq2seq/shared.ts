// The shared embedding [V, D] (`model.shared.weight`): the token table of the encoder and the
// decoder and, tied, the lm_head. Seeded N(0, embedStd) (spec.ts), with what makes the output
// length deterministic without any weight out of that range:
//
// The last k = eosFeatures features of the hidden state entering the lm_head are replaced by
// ±EOS_VALUE (decoder.ts; 2, the OPUS-MT stand-in's): − before decoder step n_b, + from it on.
// In this table those k columns are 0 for every token but `</s>`, whose row is 0 elsewhere and the
// table's own maximum (hi) there: logit(`</s>`) = ±k · EOS_VALUE · hi (about ±15 at distilbart size
// against a best other logit near 3; ±8 against 0.7 for NLLB, whose table is 4× narrower), and
// every other logit is untouched by the k features. The per-tensor uint8 quantization of the table
// (scale = (hi − lo) / 255) is what it would be without the trick, and EOS_VALUE sits inside the
// range of the other features (LayerNorm output), so the lm_head's dynamic activation quantization
// keeps its resolution. The same scheme as the OPUS-MT stand-in's (../embedding.ts).
//
// `<unk>` and `<pad>` rows are 0 (logit 0, below the best of the others): greedy decoding never
// picks them, as a trained model practically never does.
import { quantizeUint8 } from '../quantize.ts';
import { fillNormal } from '../random.ts';
import { unforcedTable } from '../unforced.ts';
import type { Weights } from '../weights.ts';
import type { Seq2SeqSpec } from './spec.ts';

export const SHARED = 'model.shared.weight';

export interface Q8Table {
  q: Uint8Array;
  scale: number;
  zeroPoint: number;
}

/** The fp32 table (memoised in `w`: about 1 GB at NLLB size, so q8-only builds drop it). */
export function sharedTable(w: Weights, s: Seq2SeqSpec): Float32Array {
  const { vocabSize: V, dModel: D, eosFeatures: k } = s;
  const { eos, unk, pad } = s.ids;
  return w.memo(SHARED, V * D, (a) => {
    // A test model: a plain table, `</s>` an ordinary row.
    if (s.unforced) return unforcedTable(a, s, w.seed, SHARED, [unk, pad]);
    fillNormal(a, w.seed, SHARED, s.embedStd);
    for (let r = 0; r < V; r++) a.fill(0, r * D + D - k, r * D + D);
    for (const r of [eos, unk, pad]) a.fill(0, r * D, r * D + D);
    let hi = 0;
    for (let i = 0; i < a.length; i++) if (a[i] > hi) hi = a[i];
    a.fill(hi, eos * D + D - k, eos * D + D);
  });
}

const q8Cache = new WeakMap<Weights, Q8Table>();

/** The table as quantize_dynamic stores a Gather's data: uint8, one scale and zero point. */
export function sharedTableQ8(w: Weights, s: Seq2SeqSpec): Q8Table {
  let t = q8Cache.get(w);
  if (!t) {
    t = quantizeUint8(sharedTable(w, s));
    q8Cache.set(w, t);
  }
  return t;
}
