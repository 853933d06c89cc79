// The shared embedding [V, D] (`model.shared.weight`): token table of the encoder and the decoder,
// and, tied, the lm_head. Seeded N(0, 0.02), with the rows and columns that make the output length
// deterministic:
//
// `</s>` forcing. The last k = eosFeatures features of the hidden state entering the lm_head are
// replaced by ±EOS_VALUE (decoder.ts): − before decoder position n_b, + from it on. In this table
// those k columns are 0 for every token but `</s>`, whose row is 0 elsewhere and the table's own
// maximum (hi) there. So logit(</s>) = ±k · EOS_VALUE · hi (about ±10.7 at OPUS-MT size: 48 · 2 ·
// 0.11; ±0.5 for the tiny variant), and no other token's logit depends on the k features.
// Every weight stays inside the N(0, 0.02) sample's range: the per-tensor uint8 quantization of
// the tied table (scale = (hi − lo) / 255) is what it would be without the trick, and `</s>` at hi
// is the top code, 255. EOS_VALUE = 2 lies inside the range of the other features (LayerNorm
// output, unit variance, |h| up to about 4), so the activation's per-tensor dynamic quantization
// (DynamicQuantizeLinear over the whole hidden state, when the lm_head is a MatMulInteger) keeps
// the same scale: bench/eos-check.ts measures it (scale ratio 1.000 over 76 steps × 16 rows, at 3
// it was 1.05; smallest `</s>` margin 5.8 logits; the 'eos/' nodes 0.1–0.3 % of a step's time).
//
// `<unk>` and `<pad>` rows are 0 (Marian's pad embedding is 0): their logit is 0, below the best
// of the other tokens, so greedy decoding does not pick them, with no ±1e4 bias anywhere.
import { ids, type BenchDims } from './config.ts';
import { fillNormal } from './random.ts';
import { unforcedTable } from './unforced.ts';
import { INIT_STD, type Weights } from './weights.ts';

export const EOS_VALUE = 2;

/** Name under which the table is memoised in `Weights` (the PyTorch parameter's). */
export const SHARED = 'model.shared.weight';

export function sharedEmbedding(w: Weights, d: BenchDims): Float32Array {
  const { vocabSize: V, dModel: D, eosFeatures: k } = d;
  const { eos, unk, pad } = ids(d);
  return w.memo(SHARED, V * D, (a) => {
    // A test model: a plain table, `</s>` an ordinary row.
    if (d.unforced) return unforcedTable(a, d, w.seed, SHARED, [unk, pad]);
    fillNormal(a, w.seed, SHARED, INIT_STD);
    for (let r = 0; r < V; r++) a.fill(0, r * D + D - k, r * D + D);
    for (const r of [eos, unk, pad]) a.fill(0, r * D, r * D + D);
    let hi = 0;
    for (let i = 0; i < a.length; i++) if (a[i] > hi) hi = a[i];
    a.fill(hi, eos * D + D - k, eos * D + D);
  });
}
