// The bench model generator, exercised on a tiny variant built through the same code path as the
// real-sized model: its files must be laid out as the hub's Xenova/opus-mt-fr-en (tied lm_head,
// q8 as optimum + quantize_dynamic write it), load through pipeline('translation', …) in fp32 and
// q8 (q8 through audarma's preparation, as every bench arm loads it), and its output length must
// follow the `</s>` rule with every weight in the range of its N(0, 0.02) draws.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, LogLevel, pipeline } from '@huggingface/transformers';
import onnxPkg from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBenchModel, ONNX_FILES, type BuildResult } from '../../bench/model/build.ts';
import { TINY_DIMS } from '../../bench/model/config.ts';
import { benchVocab, wordsInVocab } from '../../bench/model/vocab.ts';
import { PREPARED_SUBFOLDER, preparedSubfolder } from '../../src/inference/q8-prepare.ts';

const { onnx } = onnxPkg;
const DT = onnx.TensorProto.DataType;
type Graph = onnxPkg.onnx.IGraphProto;
type Pipe = ((texts: string | string[], options?: object) => Promise<{ translation_text: string }[]>) & {
  tokenizer: { encode(text: string, options?: object): number[] } & ((text: string) => object);
  model: { generate(inputs: object): Promise<{ data: BigInt64Array }> };
  dispose(): Promise<void>;
};

let root: string;
const built: Record<string, BuildResult> = {};

// Inputs of 1 to 20 words (some with elisions and punctuation), all in the tiny vocabulary.
const words = [...wordsInVocab(TINY_DIMS.vocabSize)].filter((w) => w.length > 2);
const inputs = [
  words[0],
  `${words.slice(1, 6).join(' ')} .`,
  `l'${words.find((w) => /^[aeioué]/.test(w))} ${words.slice(6, 14).join(' ')}, ${words.slice(14, 17).join(' ')}.`,
  words.slice(3, 23).join(' '),
];

async function load(id: string, dtype: 'fp32' | 'q8'): Promise<Pipe> {
  env.localModelPath = root;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.logLevel = LogLevel.ERROR; // MarianTokenizer warns on every load
  const subfolder = preparedSubfolder(join(root, id), dtype);
  return (await pipeline('translation', id, { dtype, subfolder })) as unknown as Pipe;
}

const countTokens = (pipe: Pipe, text: string) => pipe.tokenizer.encode(text, { add_special_tokens: false }).length;
const decoder = (id: string, dtype: 'fp32' | 'q8') => onnx.ModelProto.decode(readFileSync(join(root, id, ONNX_FILES[dtype][1]))).graph!;
const branches = (g: Graph) => g.node!.find((n) => n.opType === 'If')!.attribute!.map((a) => a.g!);
const producer = (g: Graph, value: string) => g.node!.find((n) => n.output!.includes(value));
const floats = (t: onnxPkg.onnx.ITensorProto) => new Float32Array(Uint8Array.from(t.rawData!).buffer);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bench-model-'));
  built.r1 = await buildBenchModel(join(root, 'bench/tiny'), { dims: TINY_DIMS });
  built.half = await buildBenchModel(join(root, 'bench/tiny-half'), { dims: { ...TINY_DIMS, eosRatio: 0.5 } });
  built.again = await buildBenchModel(join(root, 'bench/tiny-again'), { dims: TINY_DIMS });
  built.separate = await buildBenchModel(join(root, 'bench/tiny-separate'), { dims: TINY_DIMS, layout: 'separate' });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('bench model (tiny variant)', () => {
  it('writes the files of a Xenova Marian export, byte-identical on rebuild', () => {
    const files = Object.keys(built.r1.files).sort();
    expect(files).toEqual(['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', ...ONNX_FILES.fp32, ...ONNX_FILES.q8].sort());
    for (const f of files) {
      expect(readFileSync(join(root, 'bench/tiny-again', f)).equals(readFileSync(join(root, 'bench/tiny', f))), f).toBe(true);
    }
    const config = JSON.parse(readFileSync(join(root, 'bench/tiny/config.json'), 'utf8'));
    expect(config).toMatchObject({ model_type: 'marian', d_model: 16, decoder_layers: 2, vocab_size: 200, pad_token_id: 199, max_position_embeddings: 512 });
    const tokenizer = JSON.parse(readFileSync(join(root, 'bench/tiny/tokenizer.json'), 'utf8'));
    expect([tokenizer.model.type, tokenizer.normalizer.type, tokenizer.decoder.type]).toEqual(['Unigram', 'Precompiled', 'Metaspace']);
    expect(tokenizer.pre_tokenizer.pretokenizers.map((p: { type: string }) => p.type)).toEqual(['WhitespaceSplit', 'Metaspace']);
    expect(benchVocab(200)).toHaveLength(200);
    expect(new Set(benchVocab(200)).size).toBe(200);
  });

  it('ties the q8 lm_head to a uint8 main-graph table, read in both branches as quantize_dynamic writes it', () => {
    const g = decoder('bench/tiny', 'q8');
    const init = new Map(g.initializer!.map((t) => [t.name!, t]));
    const table = init.get('model.shared.weight_merged_0_quantized')!;
    expect([table.dataType, table.dims!.map(Number)]).toEqual([DT.UINT8, [200, 16]]);
    expect([init.get('model.shared.weight_merged_0_scale')!.dataType, init.get('model.shared.weight_merged_0_scale')!.dims]).toEqual([DT.FLOAT, []]);
    expect([init.get('model.shared.weight_merged_0_zero_point')!.dataType, init.get('model.shared.weight_merged_0_zero_point')!.dims]).toEqual([DT.UINT8, []]);
    expect(init.has('model.shared.weight_merged_0')).toBe(false); // no float copy
    const [withPast, noPast] = branches(g);
    for (const b of [withPast, noPast]) {
      const head = b.node!.find((n) => n.name === '/lm_head/MatMul')!;
      const dq = producer(b, head.input![1])!;
      expect([dq.opType, dq.name, dq.input]).toEqual([
        'DequantizeLinear',
        'model.shared.weight_transposed_DequantizeLinear',
        ['model.shared.weight_transposed_quantized', 'model.shared.weight_merged_0_scale', 'model.shared.weight_merged_0_zero_point'],
      ]);
      const transpose = producer(b, dq.input![0])!;
      expect([transpose.opType, transpose.input]).toEqual(['Transpose', ['model.shared.weight_merged_0_quantized']]);
      // The embedding reads the same table, then dequantizes the rows it gathered.
      const gather = b.node!.find((n) => n.opType === 'Gather' && n.input![0] === 'model.shared.weight_merged_0_quantized')!;
      expect(b.node!.find((n) => n.input!.includes(gather.output![0]))!.opType).toBe('DequantizeLinear');
      // Every other MatMul with a weight is a MatMulInteger on an int8 initializer.
      const floatWeighted = b.node!.filter((n) => n.opType === 'MatMul' && init.has(n.input![1]));
      expect(floatWeighted).toEqual([]);
      const integer = b.node!.filter((n) => n.opType === 'MatMulInteger');
      // Per layer: self-attention q, k, v, out; cross-attention q, out (k, v: first step only); fc1, fc2.
      expect(integer.length).toBe(TINY_DIMS.decoderLayers * (b === withPast ? 8 : 10));
      expect(integer.every((n) => init.get(n.input![1])?.dataType === DT.INT8)).toBe(true);
    }
  });

  it('ties the fp32 lm_head to the same main-graph table through Transpose, with no weight out of the N(0, 0.02) range', () => {
    const g = decoder('bench/tiny', 'fp32');
    const init = new Map(g.initializer!.map((t) => [t.name!, t]));
    const table = init.get('model.shared.weight_merged_0')!;
    expect([table.dataType, table.dims!.map(Number)]).toEqual([DT.FLOAT, [200, 16]]);
    for (const b of branches(g)) {
      const head = b.node!.find((n) => n.name === '/lm_head/MatMul')!;
      expect(producer(b, head.input![1])).toMatchObject({ opType: 'Transpose', input: ['model.shared.weight_merged_0'] });
    }
    const values = floats(table);
    const max = Math.max(...values.map(Math.abs));
    expect(max).toBeLessThan(0.1); // 3,200 draws of N(0, 0.02): max |x| about 0.07
    // `</s>` (row 0) holds the table's own maximum, nothing above it; no ±1e4 anywhere.
    expect(Math.max(...values.slice(0, 16))).toBe(max);
    for (const t of g.initializer!) {
      if (t.dataType === DT.FLOAT && Number(t.dims!.reduce((a, b) => Number(a) * Number(b), 1)) > 1) {
        expect(Math.max(...floats(t).map(Math.abs)), t.name!).toBeLessThanOrEqual(2);
      }
    }
  });

  it('keeps the earlier layout buildable: its own lm_head weight, a MatMulInteger in q8', () => {
    const g = decoder('bench/tiny-separate', 'q8');
    expect(g.initializer!.some((t) => t.name!.startsWith('model.shared.weight_merged_0'))).toBe(false);
    for (const b of branches(g)) {
      expect(b.node!.some((n) => n.opType === 'MatMulInteger' && n.input![1] === 'lm_head.weight_quantized')).toBe(true);
      expect(b.node!.some((n) => n.opType === 'DequantizeLinear' && n.input![0].includes('lm_head'))).toBe(false);
    }
    // Nothing in its lm_head to rewrite: preparing it only adds the scores head decoding reads.
    expect(preparedSubfolder(join(root, 'bench/tiny-separate'), 'q8')).toBe('onnx-audarma');
  });

  for (const dtype of ['fp32', 'q8'] as const) {
    it(`loads through pipeline('translation') in ${dtype}; output length = ceil(ratio × (source tokens − 1))`, async () => {
      for (const [id, ratio] of [
        ['bench/tiny', 1],
        ['bench/tiny-half', 0.5],
      ] as const) {
        const pipe = await load(id, dtype);
        const sourceTokens = inputs.map((t) => pipe.tokenizer.encode(t).length); // with </s>
        expect(sourceTokens.every((n, i) => n > 1 && !pipe.tokenizer.encode(inputs[i]).includes(1))).toBe(true);
        const expected = sourceTokens.map((n) => Math.ceil(ratio * (n - 1)));

        const batched = await pipe(inputs); // padded batch: rows stop on their own
        expect(batched.map((o) => countTokens(pipe, o.translation_text))).toEqual(expected);
        // One at a time (q8 texts may differ from the batch's: activations are quantized per batch).
        const singles = [];
        for (const t of inputs) singles.push(countTokens(pipe, (await pipe(t))[0].translation_text));
        expect(singles).toEqual(expected);
        await pipe.dispose();
      }
    });
  }

  it('is loaded in q8 through the prepared decoder, with the greedy tokens of fp32 and of the earlier layout', async () => {
    expect(preparedSubfolder(join(root, 'bench/tiny'), 'q8')).toBe(PREPARED_SUBFOLDER);
    // Generated token ids per input, greedy, one input at a time.
    const tokens: string[][] = [];
    for (const [id, dtype] of [
      ['bench/tiny', 'fp32'],
      ['bench/tiny', 'q8'],
      ['bench/tiny-separate', 'fp32'],
      ['bench/tiny-separate', 'q8'],
    ] as const) {
      const pipe = await load(id, dtype);
      const out = [];
      for (const t of inputs) out.push((await pipe.model.generate({ ...pipe.tokenizer(t), num_beams: 1 })).data.join(' '));
      tokens.push(out);
      await pipe.dispose();
    }
    expect(new Set(tokens[0]).size).toBe(inputs.length); // a different output for every input
    expect(tokens.slice(1)).toEqual([tokens[0], tokens[0], tokens[0]]);
  });
});
