// Model dimensions and the config.json / generation_config.json of the bench model, mirroring
// Helsinki-NLP/opus-mt-fr-en (as exported to Xenova/opus-mt-fr-en).

/**
 * How the lm_head is stored: 'tied' to the shared embedding as the hub's optimum exports are, or
 * 'separate' (its own weight; a plain MatMulInteger in q8), the stand-in's earlier layout.
 */
export type Layout = 'tied' | 'separate';

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
  /** How many of the d_model features entering the lm_head carry that ban/force (decoder.ts). */
  eosFeatures: number;
  /** Seed of the N(0, 0.02) weights. */
  seed: number;
  /**
   * Test models compared with Hugging Face transformers: no `</s>` forcing (no extra nodes, no
   * reserved table columns), so the graphs compute only what HF's MarianMTModel computes, and
   * these weights instead of the stand-in's N(0, 0.02) everywhere. Unset for the stand-ins.
   */
  unforced?: UnforcedWeights;
}

/**
 * Weights of an unforced test model (random, seeded): large enough that each step's choice has a
 * clear margin and depends on the source, with `</s>` made likelier by a bias HF's model has.
 */
export interface UnforcedWeights {
  /**
   * Scale of the shared table: N(0, embedStd) rows rescaled to one norm, embedStd·√d_model, so no
   * row is a "hub" that wins whatever the state (the logits are row · LayerNorm output).
   */
  embedStd: number;
  /** Std of attention query and key projections: peaked attention, output follows the source. */
  attnStd: number;
  /** Std of value, output and feed-forward projections: what a sub-layer adds to the stream. */
  mixStd: number;
  /**
   * Std of the decoder self-attention's value and output projections: small, so the tokens
   * already written do not pull every later step back to themselves (a repeated token).
   */
  decoderSelfStd: number;
  /**
   * Learned position tables N(0, positionStd) (Marian's sinusoidal table is a weight too): they
   * make each step's state differ. Unset: the architecture's own table (M2M100 always).
   */
  positionStd?: number;
  /**
   * How much likelier `</s>` is: final_logits_bias of `</s>` in Marian and BART; M2M100 has no
   * such bias, so there it is the decoder's final layer_norm bias along the `</s>` row.
   */
  eosBias: number;
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
  eosFeatures: 48,
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
  eosFeatures: 4,
  seed: 1,
};

export function checkDims(d: BenchDims): void {
  if (d.dModel % d.heads !== 0) throw new Error(`d_model ${d.dModel} not divisible by ${d.heads} heads`);
  if (d.dModel % 2 !== 0) throw new Error('d_model must be even (sinusoidal positions)');
  if (!(d.eosRatio > 0)) throw new Error('eosRatio must be > 0');
  if (!(d.eosFeatures >= 1 && d.eosFeatures <= d.dModel / 4)) throw new Error(`eosFeatures must be in [1, d_model/4], got ${d.eosFeatures}`);
}

export function ids(d: BenchDims) {
  return { eos: 0, unk: 1, pad: d.vocabSize - 1 };
}

/**
 * config.json with the fields of Helsinki-NLP/opus-mt-fr-en's (which Xenova/opus-mt-fr-en copies):
 * the limits a loader reads (512 positions, max_length 512) are the real ones.
 */
export function configJson(d: BenchDims): object {
  const { eos, pad } = ids(d);
  return {
    _name_or_path: 'audarma-bench/opus-mt-fr-en',
    _num_labels: 3,
    activation_dropout: 0,
    activation_function: 'swish',
    add_bias_logits: false,
    add_final_layer_norm: false,
    architectures: ['MarianMTModel'],
    attention_dropout: 0,
    bad_words_ids: [[pad]],
    bos_token_id: eos,
    classif_dropout: 0,
    classifier_dropout: 0,
    d_model: d.dModel,
    decoder_attention_heads: d.heads,
    decoder_ffn_dim: d.ffnDim,
    decoder_layerdrop: 0,
    decoder_layers: d.decoderLayers,
    decoder_start_token_id: pad,
    decoder_vocab_size: d.vocabSize,
    dropout: 0.1,
    encoder_attention_heads: d.heads,
    encoder_ffn_dim: d.ffnDim,
    encoder_layerdrop: 0,
    encoder_layers: d.encoderLayers,
    eos_token_id: eos,
    forced_eos_token_id: eos,
    gradient_checkpointing: false,
    id2label: { 0: 'LABEL_0', 1: 'LABEL_1', 2: 'LABEL_2' },
    init_std: 0.02,
    is_encoder_decoder: true,
    label2id: { LABEL_0: 0, LABEL_1: 1, LABEL_2: 2 },
    max_length: 512,
    max_position_embeddings: d.maxPositions,
    model_type: 'marian',
    normalize_before: false,
    normalize_embedding: false,
    num_beams: 4,
    num_hidden_layers: d.encoderLayers,
    pad_token_id: pad,
    scale_embedding: true,
    share_encoder_decoder_embeddings: true,
    static_position_embeddings: true,
    transformers_version: '4.22.0.dev0',
    use_cache: true,
    vocab_size: d.vocabSize,
    // Not read by any library: records how the stand-in was made.
    audarma_bench: d.unforced
      ? { random_weights: true, eos_forcing: false, ...d.unforced, seed: d.seed }
      : { random_weights: true, eos_ratio: d.eosRatio, eos_features: d.eosFeatures, seed: d.seed },
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
