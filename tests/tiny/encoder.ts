// The tiny encoder: embeds the tokens with the tied table (uint8 + DequantizeLinear in the q8
// file) plus the position table, then hands each token id through as a one-float hidden state
// (the ±1 code read back as a binary number), which is all the tiny decoders need.
import { ENCODER_TIED, positionEmbedding, positionTable, TiedEmbedding, type Positions, type Precision } from './embeddings.ts';
import { Graph } from './onnx.ts';
import { EOS } from './tokenizer.ts';

export function encoderGraph(vocabSize: number, positions: Positions, precision: Precision): Uint8Array {
  const g = new Graph('tiny-encoder');
  const ids = g.input('input_ids', 'int64', ['batch_size', 'encoder_sequence_length']);
  const mask = g.input('attention_mask', 'int64', ['batch_size', 'encoder_sequence_length']);
  const tied = new TiedEmbedding(g, vocabSize, precision, ENCODER_TIED);
  const table = positionTable(g, 'model.encoder.embed_positions.weight', positions);

  // Padding becomes EOS, so a short row of a padded batch finishes like a single call would.
  const tokens = g.where(g.op('Equal', [mask, g.int(0)]), g.int(EOS), ids);
  const length = g.op('Squeeze', [g.op('Shape', [ids], { start: 1, end: 2 }), g.int(0)]);
  const steps = g.op('Range', [g.const('int64', [0], []), length, g.const('int64', [1], [])]);
  const x = g.op('Add', [tied.lookup(g, tokens), positionEmbedding(g, table, positions, steps)]);

  // id = (Σ_k code_k·2^k + 2^D − 1) / 2, exact in float32 for the vocabulary sizes used here.
  const d = tied.width;
  const powers = g.const(
    'float',
    Array.from({ length: d }, (_, k) => 2 ** k),
  );
  const sum = g.op('ReduceSum', [g.op('Mul', [x, powers]), g.int(-1)], { keepdims: 1 });
  const id = g.op('Mul', [g.op('Add', [sum, g.const('float', [2 ** d - 1], [])]), g.const('float', [0.5], [])]);
  g.output('last_hidden_state', 'float', ['batch_size', 'encoder_sequence_length', 1], id);
  return g.encode();
}
