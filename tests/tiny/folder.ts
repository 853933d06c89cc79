// What every tiny model folder holds, laid out like a hub model so transformers.js loads it
// with `env.localModelPath` pointing at the models directory.
import { mergedDecoder, type DecoderLogic } from './decoder.ts';
import type { Positions } from './embeddings.ts';
import { encoderGraph } from './encoder.ts';
import { tokenizerConfig, tokenizerJson, type TokenizerOptions, type Vocab } from './tokenizer.ts';

/** Hub-style organisation of every tiny model id: `audarma-tiny/<name>`. */
export const ORG = 'audarma-tiny';

export interface TinyModel {
  /** Folder name under `audarma-tiny/`. */
  name: string;
  /** Relative path -> content. */
  files: Map<string, string | Uint8Array>;
}

export interface FolderSpec {
  name: string;
  config: Record<string, unknown>;
  generationConfig: Record<string, unknown>;
  vocab: Vocab;
  tokenizer: TokenizerOptions;
  decoder: DecoderLogic;
  /**
   * The real model's positions (Marian 512, BART/NLLB 1024): the graphs' position tables, the
   * config's `max_position_embeddings` and the tokenizer's `model_max_length`.
   */
  positions: Positions;
}

const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;

export function modelFolder(spec: FolderSpec): TinyModel {
  const { vocab, positions } = spec;
  const files = new Map<string, string | Uint8Array>([
    ['config.json', json({ ...spec.config, max_position_embeddings: positions.count, vocab_size: vocab.size })],
    ['generation_config.json', json(spec.generationConfig)],
    ['tokenizer.json', `${JSON.stringify(tokenizerJson(vocab, spec.tokenizer))}\n`],
    ['tokenizer_config.json', json(tokenizerConfig(vocab, spec.tokenizer, positions.count))],
    ['onnx/encoder_model.onnx', encoderGraph(vocab.size, positions, 'fp32')],
    ['onnx/decoder_model_merged.onnx', mergedDecoder(spec.decoder, positions, 'fp32')],
    // What `dtype: 'q8'` loads: the same model in quantize_dynamic's layout (see embeddings.ts).
    ['onnx/encoder_model_quantized.onnx', encoderGraph(vocab.size, positions, 'q8')],
    ['onnx/decoder_model_merged_quantized.onnx', mergedDecoder(spec.decoder, positions, 'q8')],
  ]);
  return { name: spec.name, files };
}

/** The config.json fields every tiny encoder-decoder shares (one layer, one head, width 1). */
export function seq2seqConfig(modelType: string, architecture: string, ids: Record<string, number>) {
  return {
    architectures: [architecture],
    model_type: modelType,
    is_encoder_decoder: true,
    d_model: 1,
    encoder_layers: 1,
    decoder_layers: 1,
    encoder_attention_heads: 1,
    decoder_attention_heads: 1,
    ...ids,
  };
}

/** Settings that would break exact outputs if a hub default leaked in. */
export const EXACT_GENERATION = { num_beams: 1, min_length: 0, no_repeat_ngram_size: 0 };
