// What every tiny model folder holds, laid out like a hub model so transformers.js loads it
// with `env.localModelPath` pointing at the models directory.
import { encoderGraph } from './graphs.ts';
import { tokenizerConfig, tokenizerJson, type TokenizerOptions, type Vocab } from './tokenizer.ts';

/** Hub-style organisation of every tiny model id: `audarma-tiny/<name>`. */
export const ORG = 'audarma-tiny';

/**
 * Advertised maximum input length (config `max_position_embeddings`, tokenizer
 * `model_max_length`), read by the application to split long texts. The graphs have no
 * position limit; the pipeline truncates inputs to this length.
 */
export const MAX_LENGTH = 64;

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
  decoder: Uint8Array;
}

const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;

export function modelFolder(spec: FolderSpec): TinyModel {
  const encoder = encoderGraph();
  const files = new Map<string, string | Uint8Array>([
    ['config.json', json({ ...spec.config, max_position_embeddings: MAX_LENGTH, vocab_size: spec.vocab.size })],
    ['generation_config.json', json(spec.generationConfig)],
    ['tokenizer.json', `${JSON.stringify(tokenizerJson(spec.vocab, spec.tokenizer))}\n`],
    ['tokenizer_config.json', json(tokenizerConfig(spec.vocab, spec.tokenizer, MAX_LENGTH))],
    ['onnx/encoder_model.onnx', encoder],
    ['onnx/decoder_model_merged.onnx', spec.decoder],
    // Identical copies, so configurations asking for `dtype: 'q8'` load the same graphs.
    ['onnx/encoder_model_quantized.onnx', encoder],
    ['onnx/decoder_model_merged_quantized.onnx', spec.decoder],
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
