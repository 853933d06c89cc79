// Model dimensions and the config.json / generation_config.json of the bench model, mirroring
// Helsinki-NLP/opus-mt-fr-en (as exported to Xenova/opus-mt-fr-en).

export interface BenchDims {
  vocabSize: number;
  dModel: number;
  encoderLayers: number;
  decoderLayers: number;
  heads: number;
  ffnDim: number;
  maxPositions: number;
  /** `</s>` is banned before decoder position ceil(eosRatio × (source tokens − 1)), forced from it on. */
  eosRatio: number;
  /** Seed of the N(0, 0.02) weights. */
  seed: number;
}

/** The real OPUS-MT fr-en sizes: 74.6 M parameters. */
export const OPUS_MT_DIMS: BenchDims = {
  vocabSize: 59_514,
  dModel: 512,
  encoderLayers: 6,
  decoderLayers: 6,
  heads: 8,
  ffnDim: 2048,
  maxPositions: 512,
  eosRatio: 1.0,
  seed: 1,
};

/** A tiny variant for tests: same graphs, built in milliseconds. */
export const TINY_DIMS: BenchDims = {
  vocabSize: 200,
  dModel: 16,
  encoderLayers: 2,
  decoderLayers: 2,
  heads: 2,
  ffnDim: 32,
  maxPositions: 512,
  eosRatio: 1.0,
  seed: 1,
};

export function checkDims(d: BenchDims): void {
  if (d.dModel % d.heads !== 0) throw new Error(`d_model ${d.dModel} not divisible by ${d.heads} heads`);
  if (d.dModel % 2 !== 0) throw new Error('d_model must be even (sinusoidal positions)');
  if (!(d.eosRatio > 0)) throw new Error('eosRatio must be > 0');
}

export function ids(d: BenchDims) {
  return { eos: 0, unk: 1, pad: d.vocabSize - 1 };
}

export function configJson(d: BenchDims): object {
  const { eos, pad } = ids(d);
  return {
    _name_or_path: 'audarma-bench/opus-mt-fr-en',
    architectures: ['MarianMTModel'],
    model_type: 'marian',
    is_encoder_decoder: true,
    activation_function: 'swish',
    activation_dropout: 0,
    attention_dropout: 0,
    dropout: 0.1,
    add_bias_logits: false,
    add_final_layer_norm: false,
    normalize_before: false,
    normalize_embedding: false,
    scale_embedding: true,
    static_position_embeddings: true,
    share_encoder_decoder_embeddings: true,
    d_model: d.dModel,
    encoder_layers: d.encoderLayers,
    decoder_layers: d.decoderLayers,
    num_hidden_layers: d.encoderLayers,
    encoder_attention_heads: d.heads,
    decoder_attention_heads: d.heads,
    encoder_ffn_dim: d.ffnDim,
    decoder_ffn_dim: d.ffnDim,
    max_position_embeddings: d.maxPositions,
    vocab_size: d.vocabSize,
    decoder_vocab_size: d.vocabSize,
    init_std: 0.02,
    bos_token_id: eos,
    eos_token_id: eos,
    forced_eos_token_id: eos,
    pad_token_id: pad,
    decoder_start_token_id: pad,
    bad_words_ids: [[pad]],
    max_length: 512,
    num_beams: 4,
    use_cache: true,
    // Not read by any library: records how the stand-in was made.
    audarma_bench: { random_weights: true, eos_ratio: d.eosRatio, seed: d.seed },
  };
}

/** As the real model's: num_beams 4 (transformers.js v4 decodes greedily with it, via top-k). */
export function generationConfigJson(d: BenchDims): object {
  const { eos, pad } = ids(d);
  return {
    bad_words_ids: [[pad]],
    bos_token_id: eos,
    decoder_start_token_id: pad,
    eos_token_id: eos,
    forced_eos_token_id: eos,
    max_length: 512,
    num_beams: 4,
    pad_token_id: pad,
    renormalize_logits: true,
  };
}
