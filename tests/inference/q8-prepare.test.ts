// The q8 tied lm_head of optimum's merged decoders, reduced to its essentials: a uint8 main-graph
// initializer read inside both branches of an If by DequantizeLinear -> Transpose -> MatMul.
import { mkdirSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import onnxPkg from 'onnx-proto';
import { describe, expect, it } from 'vitest';
import { PREPARED_SUBFOLDER, preparedSubfolder } from '../../src/inference/q8-prepare.ts';

const { onnx } = onnxPkg;
const DT = onnx.TensorProto.DataType;
const AT = onnx.AttributeProto.AttributeType;
const V = 40;
const D = 8;
const W = 'model.shared.weight_merged_0_quantized';

const tensor = (name: string, dataType: number, dims: number[], data: ArrayBufferView) => ({
  name,
  dataType,
  dims,
  rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
});
const info = (name: string, elemType: number, dims: (number | string)[]) => ({
  name,
  type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } },
});

/** Weights [V, D] in uint8 (zero point 131, so a lost zero point or sign shift shows). */
const weights = Uint8Array.from({ length: V * D }, (_, i) => (i * 37 + (i >> 3) * 11) % 256);

/** `order`: DequantizeLinear then Transpose, or Transpose then DequantizeLinear (quantize_dynamic's). */
function tiedHeadModel(order: 'dq-first' | 'transpose-first' = 'dq-first'): Uint8Array {
  const dqThenTranspose = (p: string) => [
    { opType: 'DequantizeLinear', name: 'model.shared.weight_transposed_DequantizeLinear', input: [W, 'scale', 'zero_point'], output: [`${p}w`] },
    { opType: 'Transpose', input: [`${p}w`], output: [`${p}wt`], attribute: [{ name: 'perm', type: AT.INTS, ints: [1, 0] }] },
  ];
  const transposeThenDq = (p: string) => [
    { opType: 'Transpose', input: [W], output: [`${p}wq`] },
    { opType: 'DequantizeLinear', name: 'model.shared.weight_transposed_DequantizeLinear', input: [`${p}wq`, 'scale', 'zero_point'], output: [`${p}wt`] },
  ];
  const branch = (p: string, extra: boolean) => ({
    name: `${p}branch`,
    node: [
      ...(order === 'dq-first' ? dqThenTranspose(p) : transposeThenDq(p)),
      { opType: 'MatMul', input: ['x', `${p}wt`], output: [`${p}mm`] },
      // The branches differ, as the with-past and first-step decoders do.
      { opType: extra ? 'Add' : 'Sub', input: [`${p}mm`, 'bias'], output: [`${p}logits`] },
    ],
    output: [info(`${p}logits`, DT.FLOAT, ['batch_size', V])],
  });
  const graph = {
    name: 'main_graph',
    node: [
      {
        opType: 'If',
        input: ['use_cache_branch'],
        output: ['logits'],
        attribute: [
          { name: 'then_branch', type: AT.GRAPH, g: branch('with_past/', true) },
          { name: 'else_branch', type: AT.GRAPH, g: branch('no_past/', false) },
        ],
      },
    ],
    initializer: [
      tensor(W, DT.UINT8, [V, D], weights),
      tensor('scale', DT.FLOAT, [], new Float32Array([0.02])),
      tensor('zero_point', DT.UINT8, [], new Uint8Array([131])),
      tensor(
        'bias',
        DT.FLOAT,
        [V],
        Float32Array.from({ length: V }, (_, i) => i / 100),
      ),
    ],
    input: [info('x', DT.FLOAT, ['batch_size', D]), info('use_cache_branch', DT.BOOL, [1])],
    output: [info('logits', DT.FLOAT, ['batch_size', V])],
  };
  const model = { irVersion: 8, opsetImport: [{ domain: '', version: 17 }], producerName: 'test', graph };
  return onnx.ModelProto.encode(onnx.ModelProto.fromObject(model)).finish();
}

function modelFolder(order: 'dq-first' | 'transpose-first' = 'dq-first'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'audarma-q8-'));
  mkdirSync(path.join(dir, 'onnx'));
  writeFileSync(path.join(dir, 'onnx', 'decoder_model_merged_quantized.onnx'), tiedHeadModel(order));
  writeFileSync(path.join(dir, 'onnx', 'encoder_model_quantized.onnx'), 'encoder bytes');
  return dir;
}

const x = new ort.Tensor(
  'float32',
  Float32Array.from({ length: 2 * D }, (_, i) => Math.sin(i) * 2),
  [2, D],
);
async function logits(file: string, options: ort.InferenceSession.SessionOptions, useCache: boolean): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(file, { intraOpNumThreads: 1, ...options });
  const out = await session.run({ x, use_cache_branch: new ort.Tensor('bool', [useCache], [1]) });
  await session.release();
  return out.logits.data as Float32Array;
}

describe('preparing a q8 merged decoder with a tied lm_head', () => {
  it('is needed: onnxruntime refuses a tied lm_head whose DequantizeLinear alone reads the weight, at its default optimization level', async () => {
    const dir = modelFolder();
    await expect(logits(path.join(dir, 'onnx', 'decoder_model_merged_quantized.onnx'), {}, true)).rejects.toThrow(/Missing required/);
  });

  for (const order of ['dq-first', 'transpose-first'] as const) {
    it(`writes a rewritten decoder (${order}) that loads and computes the same logits, leaving the original intact`, async () => {
      const dir = modelFolder(order);
      const original = path.join(dir, 'onnx', 'decoder_model_merged_quantized.onnx');
      const before = readFileSync(original);
      expect(preparedSubfolder(dir, 'q8')).toBe(PREPARED_SUBFOLDER);
      expect(readFileSync(original).equals(before)).toBe(true);
      const prepared = path.join(dir, PREPARED_SUBFOLDER, 'decoder_model_merged_quantized.onnx');
      expect(readFileSync(path.join(dir, PREPARED_SUBFOLDER, 'encoder_model_quantized.onnx'), 'utf8')).toBe('encoder bytes');
      for (const useCache of [true, false]) {
        // The reference: the published file with the failing fusion off, weights dequantized exactly.
        const reference = await logits(original, { graphOptimizationLevel: 'basic' }, useCache);
        const got = await logits(prepared, {}, useCache);
        const scale = Math.max(...reference.map(Math.abs));
        // The only difference is the activation's dynamic uint8 quantization: under 1 % of the range.
        reference.forEach((r, i) => expect(Math.abs(got[i] - r)).toBeLessThan(0.01 * scale));
        // Same greedy choice per row.
        for (let row = 0; row < 2; row++) {
          const arg = (a: Float32Array) => a.slice(row * V, row * V + V).reduce((best, v, i, arr) => (v > arr[best] ? i : best), 0);
          expect(arg(got)).toBe(arg(reference));
        }
      }
    });
  }

  it('prepares once, and again when the published file changes', () => {
    const dir = modelFolder();
    preparedSubfolder(dir, 'q8');
    const prepared = path.join(dir, PREPARED_SUBFOLDER, 'decoder_model_merged_quantized.onnx');
    const first = statSync(prepared).mtimeMs;
    expect(preparedSubfolder(dir, 'q8')).toBe(PREPARED_SUBFOLDER);
    expect(statSync(prepared).mtimeMs).toBe(first);
    const original = path.join(dir, 'onnx', 'decoder_model_merged_quantized.onnx');
    const later = new Date(Date.now() + 5000);
    utimesSync(original, later, later);
    preparedSubfolder(dir, 'q8');
    expect(statSync(prepared).mtimeMs).toBeGreaterThan(first);
  });

  it('leaves fp32 models and q8 files without the pattern in onnx/', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'audarma-q8-'));
    mkdirSync(path.join(dir, 'onnx'));
    const flat = onnx.ModelProto.encode(
      onnx.ModelProto.fromObject({
        irVersion: 8,
        opsetImport: [{ domain: '', version: 17 }],
        graph: {
          name: 'g',
          node: [{ opType: 'Identity', input: ['x'], output: ['y'] }],
          input: [info('x', DT.FLOAT, [1])],
          output: [info('y', DT.FLOAT, [1])],
        },
      }),
    ).finish();
    writeFileSync(path.join(dir, 'onnx', 'decoder_model_merged_quantized.onnx'), flat);
    expect(preparedSubfolder(dir, 'q8')).toBe('onnx');
    expect(preparedSubfolder(dir, 'fp32')).toBe('onnx');
  });
});
