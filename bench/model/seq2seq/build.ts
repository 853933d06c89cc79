// Writes a whole model folder for an m2m100 or bart stand-in: config.json, generation_config.json,
// tokenizer files and the ONNX files of the asked variants (fp32 and/or q8), deterministic bytes.
// NLLB is built in q8 only: its fp32 decoder is past protobuf's 2 GB message limit without
// external data. One ONNX file is encoded at a time; a q8-only build drops the 1 GB fp32 table
// once it is quantized.
import { encodeModel, folderWriter } from '../onnx-graph.ts';
import { Weights } from '../weights.ts';
import { configJson, generationConfigJson } from './configs.ts';
import { decoderModel } from './decoder.ts';
import { encoderModel } from './encoder.ts';
import { drawUnforcedWeights } from '../unforced.ts';
import { SHARED, sharedTable, sharedTableQ8 } from './shared.ts';
import { checkSpec, type Seq2SeqSpec } from './spec.ts';
import { tokenizerFiles } from './tokenizers.ts';

export type Variant = 'fp32' | 'q8';
export const ONNX_FILES: Record<Variant, [string, string]> = {
  fp32: ['onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx'],
  q8: ['onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'],
};

export interface Seq2SeqBuild {
  seconds: number;
  /** Bytes per written file, relative to the folder. */
  files: Record<string, number>;
}

/**
 * `tokenizer: false` leaves the tokenizer files out (the test models' vocabularies are too small
 * for the stand-ins' tokenizers; their caller writes its own).
 */
/**
 * The decoder's final LayerNorm of an unforced M2M100 test model. Its bias carries `</s>`'s
 * bias (M2M100 has no final_logits_bias): laid along the `</s>` row, it adds eosBias to that
 * logit (and eosBias · cos(row, `</s>` row) to the others). Its weights alternate +1/−1: pre-LN,
 * the input token's own embedding stays in the state the tied lm_head reads, and would make every
 * step repeat its input; with the signs, the token written next is another one.
 */
function m2m100FinalNorm(w: Weights, s: Seq2SeqSpec): void {
  const t = sharedTable(w, s);
  const e = t.subarray(s.ids.eos * s.dModel, (s.ids.eos + 1) * s.dModel);
  const sq = e.reduce((acc, x) => acc + x * x, 0);
  w.memo('model.decoder.layer_norm.bias', s.dModel, (a) => e.forEach((x, j) => (a[j] = (s.unforced!.eosBias * x) / sq)));
  w.memo('model.decoder.layer_norm.weight', s.dModel, (a) => a.forEach((_, j) => (a[j] = j % 2 === 0 ? 1 : -1)));
}

export function buildSeq2SeqModel(dir: string, s: Seq2SeqSpec, variants: Variant[], opts: { tokenizer?: boolean } = {}): Seq2SeqBuild {
  const t0 = performance.now();
  checkSpec(s);
  const { files, write } = folderWriter(dir);
  const json = (o: object) => `${JSON.stringify(o, null, 2)}\n`;
  write('config.json', json(configJson(s)));
  write('generation_config.json', json(generationConfigJson(s)));
  if (opts.tokenizer !== false) {
    const tok = tokenizerFiles(s);
    write('tokenizer.json', JSON.stringify(tok.tokenizer));
    write('tokenizer_config.json', json(tok.config));
  }

  const w = new Weights(s.seed);
  drawUnforcedWeights(w, s, s.ids.eos);
  if (s.unforced && s.family === 'm2m100') m2m100FinalNorm(w, s);
  const order = (['fp32', 'q8'] as const).filter((v) => variants.includes(v));
  if (!order.includes('fp32')) {
    sharedTableQ8(w, s);
    w.drop(SHARED);
  }
  for (const v of order) write(ONNX_FILES[v][0], encodeModel(encoderModel(w, s, v === 'q8')));
  w.drop('model.encoder.');
  for (const v of order) write(ONNX_FILES[v][1], encodeModel(decoderModel(w, s, v === 'q8')));
  return { seconds: (performance.now() - t0) / 1000, files };
}
