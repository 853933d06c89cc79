// Variants of the tiny models for the tests of what goes wrong with real ones: a decoder with a
// position table as small as Marian's, a slow decoder, a broken file, a token the decoder cannot
// look up, a target-language token. Each starts as a copy of a built tiny model folder; the
// decoder is changed at the ONNX level, after its `logits`, so any decoder layout works.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { TINY_MODELS_DIR } from '../tiny/build.ts';

const { onnx } = onnxProto;
const FLOAT = 1;
const INT64 = 7;
const INT_ATTR = 2;

/** A models folder of its own, holding copies of tiny models under new names. */
export function modelsDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'audarma-models-'));
}

/** Copies tiny model `name` (e.g. `opus-mt-fr-en`) into `dir` as `audarma-test/<as>`; returns its folder. */
export function copyTinyModel(dir: string, name: string, as: string): string {
  const to = path.join(dir, 'audarma-test', as);
  mkdirSync(path.dirname(to), { recursive: true });
  cpSync(path.join(TINY_MODELS_DIR, 'audarma-tiny', name), to, { recursive: true });
  return to;
}

export function editJson(folder: string, file: string, edit: (json: Record<string, any>) => void): void {
  const p = path.join(folder, file);
  const json = JSON.parse(readFileSync(p, 'utf8'));
  edit(json);
  writeFileSync(p, JSON.stringify(json));
}

const DECODERS = ['onnx/decoder_model_merged.onnx', 'onnx/decoder_model_merged_quantized.onnx'];

type Node = { opType: string; input: string[]; output: string[]; name?: string; attribute?: object[] };

/**
 * Rewrites every decoder file of a folder: `add` gets the name of the logits before the change
 * and returns the nodes, initializers and final tensor that become the new `logits`.
 */
function rewriteDecoders(folder: string, add: (logits: string) => { nodes: Node[]; inits: object[]; out: string }): void {
  for (const rel of DECODERS) {
    const file = path.join(folder, rel);
    if (!existsSync(file)) continue;
    const model = onnx.ModelProto.toObject(onnx.ModelProto.decode(readFileSync(file))) as { graph: { node: Node[]; initializer: object[] } };
    const producer = model.graph.node.find((n) => n.output.includes('logits'))!;
    producer.output = producer.output.map((o) => (o === 'logits' ? 'logits_unchanged' : o));
    const { nodes, inits, out } = add('logits_unchanged');
    model.graph.node.push(...nodes, { opType: 'Identity', input: [out], output: ['logits'], name: 'logits_out' });
    model.graph.initializer.push(...inits);
    writeFileSync(file, onnx.ModelProto.encode(onnx.ModelProto.fromObject(model)).finish());
  }
}

const floats = (name: string, values: number[], dims: number[]) => ({ name, dataType: FLOAT, dims, rawData: new Uint8Array(Float32Array.from(values).buffer) });
const ints = (name: string, values: number[]) => ({
  name,
  dataType: INT64,
  dims: [values.length],
  rawData: new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer),
});
/** The decoder's step index: the length of its self-attention cache, [1]. */
const stepNode = (out: string): Node => ({
  opType: 'Shape',
  input: ['past_key_values.0.decoder.key'],
  output: [out],
  name: out,
  attribute: [
    { name: 'start', type: INT_ATTR, i: 2 },
    { name: 'end', type: INT_ATTR, i: 3 },
  ],
});

/**
 * Gives the decoder a table of `positions` learned positions, looked up at every step as Marian's
 * is, so step `positions` fails with onnxruntime's "Gather … idx=N" exactly like the real model.
 * config.json and tokenizer_config.json say the same limit.
 */
export function limitPositions(folder: string, positions: number): void {
  rewriteDecoders(folder, (logits) => ({
    nodes: [
      stepNode('position'),
      { opType: 'Gather', input: ['position_table', 'position'], output: ['position_row'], name: 'position_row' },
      { opType: 'Add', input: [logits, 'position_row'], output: ['logits_positioned'], name: 'logits_positioned' },
    ],
    inits: [floats('position_table', new Array(positions).fill(0), [positions])],
    out: 'logits_positioned',
  }));
  editJson(folder, 'config.json', (c) => (c.max_position_embeddings = positions));
  editJson(folder, 'tokenizer_config.json', (c) => (c.model_max_length = positions));
}

/**
 * Makes every decoder step multiply two n×n matrices built from the step index (so onnxruntime
 * cannot fold them away); the outputs do not change, a batch just takes long enough to be caught.
 */
export function slowDown(folder: string, n: number): void {
  rewriteDecoders(folder, (logits) => ({
    nodes: [
      stepNode('busy_step'),
      { opType: 'Cast', input: ['busy_step'], output: ['busy_float'], name: 'busy_float', attribute: [{ name: 'to', type: INT_ATTR, i: FLOAT }] },
      { opType: 'Expand', input: ['busy_float', 'busy_shape'], output: ['busy_matrix'], name: 'busy_matrix' },
      { opType: 'MatMul', input: ['busy_matrix', 'busy_matrix'], output: ['busy_product'], name: 'busy_product' },
      { opType: 'ReduceSum', input: ['busy_product'], output: ['busy_sum'], name: 'busy_sum', attribute: [{ name: 'keepdims', type: INT_ATTR, i: 0 }] },
      { opType: 'Mul', input: ['busy_sum', 'busy_zero'], output: ['busy_nothing'], name: 'busy_nothing' },
      { opType: 'Add', input: [logits, 'busy_nothing'], output: ['logits_slow'], name: 'logits_slow' },
    ],
    inits: [ints('busy_shape', [n, n]), floats('busy_zero', [0], [])],
    out: 'logits_slow',
  }));
}

/** The tokenizer's vocabulary, whichever model type holds it. */
function vocabOf(tokenizer: Record<string, any>): {
  has(t: string): boolean;
  id(t: string): number;
  set(t: string, id: number): void;
  delete(t: string): void;
  size: number;
} {
  const vocab = tokenizer.model.vocab;
  if (Array.isArray(vocab)) {
    // Unigram: [piece, score] pairs, the id is the index.
    return {
      has: (t) => vocab.some(([p]: [string]) => p === t),
      id: (t) => vocab.findIndex(([p]: [string]) => p === t),
      set: (t, id) => (id === vocab.length ? vocab.push([t, 0]) : (vocab[id] = [t, vocab[id][1]])),
      delete: () => {},
      size: vocab.length,
    };
  }
  return {
    has: (t) => t in vocab,
    id: (t) => vocab[t],
    set: (t, id) => (vocab[t] = id),
    delete: (t) => delete vocab[t],
    size: Object.keys(vocab).length,
  };
}

/**
 * Adds `word` to the vocabulary with an id past the model's tables: any batch holding it fails in
 * onnxruntime ("Gather … out of data bounds").
 */
export function addUnknownToDecoder(folder: string, word: string): void {
  editJson(folder, 'tokenizer.json', (t) => {
    const vocab = vocabOf(t);
    // SentencePiece marks a word start with ▁ (the Metaspace pre-tokenizer adds it).
    vocab.set(Array.isArray(t.model.vocab) ? `▁${word}` : word, vocab.size);
  });
}

/** Gives the id of vocabulary piece `word` (`▁water` for SentencePiece) to `token` instead (`word` is no longer known). */
export function renameToken(folder: string, word: string, token: string): void {
  editJson(folder, 'tokenizer.json', (t) => {
    const vocab = vocabOf(t);
    const id = vocab.id(word);
    if (id === undefined || id < 0) throw new Error(`${word} is not in the vocabulary of ${folder}`);
    vocab.delete(word);
    vocab.set(token, id);
  });
}

/**
 * Makes the decoder go on after its end: a step whose input is the end token `eos` scores `token`
 * far above the rest, as a real model may do anything past `</s>`. transformers.js's generate
 * keeps running a batch's ended rows, so their text would go on.
 */
export function speakAfterEnd(folder: string, eos: number, token: number, vocab: number): void {
  const onehot = new Array(vocab).fill(0);
  onehot[token] = 1e4;
  rewriteDecoders(folder, (logits) => ({
    nodes: [
      { opType: 'Equal', input: ['input_ids', 'after_end_eos'], output: ['after_end_is_eos'], name: 'after_end_is_eos' },
      {
        opType: 'Cast',
        input: ['after_end_is_eos'],
        output: ['after_end_flag'],
        name: 'after_end_flag',
        attribute: [{ name: 'to', type: INT_ATTR, i: FLOAT }],
      },
      { opType: 'Reshape', input: ['after_end_flag', 'after_end_shape'], output: ['after_end_rows'], name: 'after_end_rows' },
      { opType: 'Mul', input: ['after_end_rows', 'after_end_onehot'], output: ['after_end_bonus'], name: 'after_end_bonus' },
      { opType: 'Add', input: [logits, 'after_end_bonus'], output: ['logits_after_end'], name: 'logits_after_end' },
    ],
    inits: [ints('after_end_eos', [eos]), ints('after_end_shape', [-1, 1, 1]), floats('after_end_onehot', onehot, [vocab])],
    out: 'logits_after_end',
  }));
}

/**
 * A project whose fr→en model is the tiny one made slow (~5 ms a decoder step), run by two model
 * worker processes as shipped: a run lasts a few seconds, long enough to be stopped or to have a
 * worker killed in the middle of a batch.
 */
export function slowWorkersProject(project: (config: string[]) => string): string {
  const models = modelsDir();
  slowDown(copyTinyModel(models, 'opus-mt-fr-en', 'slow-fr-en'), 400);
  return project([
    `models: { dir: ${models} }`,
    'catalogue:',
    '  fr-en: { id: audarma-test/slow-fr-en, task: translation, pairs: [{ from: fr, to: en }], batchSize: 4 }',
    'targets:',
    '  en: { model: fr-en, script: Latn }',
    'inference: { workers: 2, intraOpThreads: 1 }',
  ]);
}
