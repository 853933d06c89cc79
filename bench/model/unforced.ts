// The weights of an unforced test model (config.ts `UnforcedWeights`), drawn before the graphs
// are built: the layer builders then find them memoised under the PyTorch names and use them in
// place of their N(0, 0.02) draws. Same names in Marian, M2M100 and BART.
import type { BenchDims } from './config.ts';
import { fillNormal } from './random.ts';
import type { Weights } from './weights.ts';

export function drawUnforcedWeights(w: Weights, d: BenchDims, eos: number): void {
  const u = d.unforced;
  if (!u) return;
  const D = d.dModel;
  const F = d.ffnDim;
  const normal = (name: string, size: number, std: number) => w.memo(name, size, (a) => fillNormal(a, w.seed, name, std));
  const attention = (p: string, mix = u.mixStd) => {
    for (const m of ['q', 'k']) normal(`${p}.${m}_proj.weight`, D * D, u.attnStd);
    for (const m of ['v', 'out']) normal(`${p}.${m}_proj.weight`, D * D, mix);
  };
  const feedForward = (p: string) => {
    normal(`${p}.fc1.weight`, D * F, u.mixStd);
    // fc2's columns sum to zero, as the seq2seq stand-ins' (seq2seq/blocks.ts says why).
    w.memo(`${p}.fc2.weight`, F * D, (a) => {
      fillNormal(a, w.seed, `${p}.fc2.weight`, u.mixStd);
      for (let j = 0; j < D; j++) {
        let mean = 0;
        for (let r = 0; r < F; r++) mean += a[r * D + j] / F;
        for (let r = 0; r < F; r++) a[r * D + j] -= mean;
      }
    });
  };
  for (let i = 0; i < d.encoderLayers; i++) {
    attention(`model.encoder.layers.${i}.self_attn`);
    feedForward(`model.encoder.layers.${i}`);
  }
  for (let i = 0; i < d.decoderLayers; i++) {
    attention(`model.decoder.layers.${i}.self_attn`, u.decoderSelfStd);
    attention(`model.decoder.layers.${i}.encoder_attn`);
    feedForward(`model.decoder.layers.${i}`);
  }
  w.memo('final_logits_bias', d.vocabSize, (a) => (a[eos] = u.eosBias));
}

/**
 * The shared table of an unforced model: N(0, embedStd) rows, each rescaled to norm
 * embedStd·√D; the `zero` rows (`<unk>`, `<pad>`, as HF zeroes a padding row) stay 0.
 */
export function unforcedTable(a: Float32Array, d: BenchDims, seed: number, name: string, zero: number[]): void {
  const u = d.unforced!;
  const D = d.dModel;
  fillNormal(a, seed, name, u.embedStd);
  const norm = u.embedStd * Math.sqrt(D);
  for (let r = 0; r < d.vocabSize; r++) {
    const row = a.subarray(r * D, (r + 1) * D);
    if (zero.includes(r)) {
      row.fill(0);
      continue;
    }
    let sq = 0;
    for (const x of row) sq += x * x;
    const k = norm / Math.sqrt(sq);
    for (let j = 0; j < D; j++) row[j] *= k;
  }
}
