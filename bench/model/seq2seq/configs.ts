// config.json and generation_config.json of the stand-ins, with the fields of the published files
// (facebook/nllb-200-distilled-600M, sshleifer/distilbart-cnn-6-6 as Xenova's copies carry them):
// the limits and generation defaults a loader reads are the real ones, so a run pays what a real
// run pays (distilbart: min_length 56, max_length 142, no_repeat_ngram_size 3, num_beams 4,
// length_penalty 2.0, forced BOS 0 / EOS 2) unless audarma's config overrides them.
import type { Seq2SeqSpec } from './spec.ts';

const record = (s: Seq2SeqSpec) =>
  s.unforced
    ? { random_weights: true, stands_for: s.standsFor, eos_forcing: false, ...s.unforced, seed: s.seed }
    : {
        random_weights: true,
        stands_for: s.standsFor,
        eos_rule: { ratio: s.eosRatio, offset: s.eosOffset, max: Number.isFinite(s.eosMax) ? s.eosMax : null, features: s.eosFeatures },
        seed: s.seed,
      };

export function configJson(s: Seq2SeqSpec): object {
  const { bos, pad, eos, decoderStart } = s.ids;
  const common = {
    activation_dropout: 0,
    attention_dropout: 0.1,
    bos_token_id: bos,
    d_model: s.dModel,
    decoder_attention_heads: s.heads,
    decoder_ffn_dim: s.ffnDim,
    decoder_layerdrop: 0,
    decoder_layers: s.decoderLayers,
    decoder_start_token_id: decoderStart,
    dropout: 0.1,
    encoder_attention_heads: s.heads,
    encoder_ffn_dim: s.ffnDim,
    encoder_layerdrop: 0,
    encoder_layers: s.encoderLayers,
    eos_token_id: eos,
    init_std: 0.02,
    is_encoder_decoder: true,
    max_position_embeddings: s.maxPositions,
    num_hidden_layers: s.encoderLayers,
    pad_token_id: pad,
    use_cache: true,
    vocab_size: s.vocabSize,
  };
  if (s.family === 'm2m100') {
    return {
      _name_or_path: s.standsFor,
      ...common,
      activation_function: 'relu',
      architectures: ['M2M100ForConditionalGeneration'],
      max_length: 200,
      model_type: 'm2m_100',
      scale_embedding: true,
      tokenizer_class: s.tokenizer === 'm2m100' ? 'M2M100Tokenizer' : 'NllbTokenizer',
      // facebook/m2m100_418M's config.json also asks for beam search (transformers.js decodes greedily).
      ...(s.tokenizer === 'm2m100' ? { early_stopping: true, num_beams: 5 } : {}),
      torch_dtype: 'float32',
      transformers_version: '4.21.0.dev0',
      audarma_bench: record(s),
    };
  }
  return {
    _name_or_path: s.standsFor,
    _num_labels: 3,
    ...common,
    activation_dropout: 0,
    attention_dropout: 0,
    activation_function: 'gelu',
    add_bias_logits: false,
    add_final_layer_norm: false,
    architectures: ['BartForConditionalGeneration'],
    classif_dropout: 0,
    early_stopping: true,
    extra_pos_embeddings: 2,
    force_bos_token_to_be_generated: true,
    forced_bos_token_id: bos,
    forced_eos_token_id: eos,
    id2label: { 0: 'LABEL_0', 1: 'LABEL_1', 2: 'LABEL_2' },
    label2id: { LABEL_0: 0, LABEL_1: 1, LABEL_2: 2 },
    length_penalty: 2,
    max_length: 142,
    min_length: 56,
    model_type: 'bart',
    no_repeat_ngram_size: 3,
    normalize_before: false,
    normalize_embedding: true,
    num_beams: 4,
    output_past: true,
    prefix: ' ',
    scale_embedding: false,
    static_position_embeddings: false,
    task_specific_params: {
      summarization: { early_stopping: true, length_penalty: 2, max_length: 142, min_length: 56, no_repeat_ngram_size: 3, num_beams: 4 },
    },
    audarma_bench: record(s),
  };
}

export function generationConfigJson(s: Seq2SeqSpec): object {
  const { bos, pad, eos, decoderStart } = s.ids;
  if (s.tokenizer === 'm2m100')
    return {
      bos_token_id: bos,
      decoder_start_token_id: decoderStart,
      early_stopping: true,
      eos_token_id: eos,
      max_length: 200,
      num_beams: 5,
      pad_token_id: pad,
    };
  if (s.family === 'm2m100') return { bos_token_id: bos, decoder_start_token_id: decoderStart, eos_token_id: eos, max_length: 200, pad_token_id: pad };
  return {
    bos_token_id: bos,
    decoder_start_token_id: decoderStart,
    early_stopping: true,
    eos_token_id: eos,
    forced_bos_token_id: bos,
    forced_eos_token_id: eos,
    length_penalty: 2,
    max_length: 142,
    min_length: 56,
    no_repeat_ngram_size: 3,
    num_beams: 4,
    pad_token_id: pad,
  };
}
