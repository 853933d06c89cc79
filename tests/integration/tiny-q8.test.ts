// The tiny models' q8 files are laid out like the hub's (optimum's merged decoder, then
// onnxruntime's quantize_dynamic): the tied lm_head weight is a uint8 main-graph initializer,
// dequantized inside both branches of the If. onnxruntime-node 1.30 refuses that file at its
// default optimization level; at level 'basic' it loads and must translate exactly like fp32, and
// so must audarma's rewrite of it (src/inference/q8-prepare.ts) at the default level.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, LogLevel, pipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREPARED_SUBFOLDER, preparedSubfolder } from '../../src/inference/q8-prepare.ts';
import { TINY_MODEL_IDS, TINY_MODELS_DIR } from '../tiny/build.ts';
import { branches, decodeModel, initializers, LM_HEAD_DQ, lmHeadChain, Q8_TIED, q8Variant, readersOf, type Q8Variant } from '../tiny/q8-layout.ts';

type Task = 'translation' | 'summarization';
type Pipe = ((texts: string[], options?: object) => Promise<Record<string, string>[]>) & { dispose(): Promise<void> };

beforeAll(() => {
  env.localModelPath = TINY_MODELS_DIR;
  env.allowRemoteModels = false;
  env.logLevel = LogLevel.ERROR;
});

const BASIC = { session_options: { graphOptimizationLevel: 'basic' } };
const open = new Map<string, Promise<Pipe>>();
function load(task: Task, id: string, options: object): Promise<Pipe> {
  const key = JSON.stringify([task, id, options]);
  if (!open.has(key)) open.set(key, pipeline(task, id, options) as unknown as Promise<Pipe>);
  return open.get(key)!;
}
afterAll(async () => {
  for (const p of open.values()) await (await p).dispose();
});

const FR = [
  'Le président Yerlan Koshanov a visité la Chine en 2024.',
  "L'économie de la région, aujourd'hui.",
  'Les ministres, lesquels sont arrivés hier à Astana, ont signé un nouvel accord de coopération.',
];
const CASES: { id: string; task: Task; texts: string[]; options?: object }[] = [
  { id: TINY_MODEL_IDS.frEn, task: 'translation', texts: FR },
  { id: TINY_MODEL_IDS.frRu, task: 'translation', texts: FR },
  { id: TINY_MODEL_IDS.enZh, task: 'translation', texts: ['The delegation of the parliament of Kazakhstan met Zhao Leji in 2024.'] },
  { id: TINY_MODEL_IDS.nllb, task: 'translation', texts: FR, options: { src_lang: 'fra_Latn', tgt_lang: 'kaz_Cyrl' } },
  { id: TINY_MODEL_IDS.nllb, task: 'translation', texts: FR, options: { src_lang: 'fra_Latn', tgt_lang: 'deu_Latn' } },
  { id: TINY_MODEL_IDS.bartLead, task: 'summarization', texts: ['The economy grew 3.5 percent in 2024. The delegation met the minister.'] },
  { id: TINY_MODEL_IDS.loopFrEn, task: 'translation', texts: ['Bonjour.'], options: { max_new_tokens: 9 } },
  { id: TINY_MODEL_IDS.loopFrEn, task: 'translation', texts: FR.slice(0, 2), options: { no_repeat_ngram_size: 2 } },
  { id: TINY_MODEL_IDS.loopFrEn, task: 'translation', texts: ['Bonjour.'], options: { repetition_penalty: 1.2 } },
  { id: TINY_MODEL_IDS.echoFr, task: 'translation', texts: FR },
];

const file = (id: string, name: string) => readFile(join(TINY_MODELS_DIR, id, 'onnx', name));

describe('q8 files', () => {
  it('hold the tied lm_head as quantize_dynamic writes it, in both branches of the merged decoder', async () => {
    const model = decodeModel(await file(TINY_MODEL_IDS.frEn, 'decoder_model_merged_quantized.onnx'));
    const inits = initializers(model);
    const [v, d] = inits.get(`${Q8_TIED}_quantized`)![1];
    expect([v, d]).toEqual([3594, 12]);
    expect(inits.get(`${Q8_TIED}_quantized`)![0]).toBe('UINT8');
    expect(inits.get(`${Q8_TIED}_scale`)).toEqual(['FLOAT', []]);
    expect(inits.get(`${Q8_TIED}_zero_point`)).toEqual(['UINT8', []]);
    expect(inits.has('model.shared.weight')).toBe(false);
    expect(readersOf(model.graph!, `${Q8_TIED}_quantized`)).toEqual([]);
    for (const branch of Object.values(branches(model))) {
      expect(lmHeadChain(branch, `${Q8_TIED}_quantized`)).toEqual([
        `DequantizeLinear(·, ${Q8_TIED}_scale, ${Q8_TIED}_zero_point)`,
        'Transpose[1,0](·)',
        'MatMul(_, ·)',
      ]);
      // Its only reader, named as in the hub's files (and onnxruntime's error messages).
      expect(readersOf(branch, `${Q8_TIED}_quantized`)).toEqual([`DequantizeLinear ${LM_HEAD_DQ}`]);
    }

    const fp32 = decodeModel(await file(TINY_MODEL_IDS.frEn, 'decoder_model_merged.onnx'));
    expect(initializers(fp32).get('model.shared.weight')).toEqual(['FLOAT', [v, d]]);
    for (const branch of Object.values(branches(fp32))) {
      expect(lmHeadChain(branch, 'model.shared.weight')).toEqual(['Transpose[1,0](·)', 'MatMul(_, ·)']);
    }
  });

  it('embed the encoder tokens from a uint8 table, and differ from the fp32 files', async () => {
    const enc = decodeModel(await file(TINY_MODEL_IDS.frEn, 'encoder_model_quantized.onnx'));
    expect(initializers(enc).get('model.shared.weight_quantized')).toEqual(['UINT8', [3594, 12]]);
    const gather = enc.graph!.node!.find((n) => n.input!.includes('model.shared.weight_quantized'))!;
    const dq = enc.graph!.node!.find((n) => n.input![0] === gather.output![0])!;
    expect([gather.opType, dq.opType]).toEqual(['Gather', 'DequantizeLinear']);
    for (const id of Object.values(TINY_MODEL_IDS)) {
      for (const name of ['encoder_model', 'decoder_model_merged']) {
        const [a, b] = [await file(id, `${name}.onnx`), await file(id, `${name}_quantized.onnx`)];
        expect(b.length, `${id} ${name}`).toBeLessThan(a.length);
      }
    }
  });

  it('fail to load at the default optimization level, like the hub q8 decoders', async () => {
    for (const id of Object.values(TINY_MODEL_IDS)) {
      const task = id === TINY_MODEL_IDS.bartLead ? 'summarization' : 'translation';
      await expect(pipeline(task, id, { dtype: 'q8' }), id).rejects.toThrow(`TransposeDQWeightsForMatMulNBits Missing required scale: ${Q8_TIED}_scale`);
    }
  });

  it("give exactly the fp32 outputs when loaded at level 'basic'", async () => {
    for (const c of CASES) {
      const fp32 = await (await load(c.task, c.id, { dtype: 'fp32' }))(c.texts, c.options);
      const q8 = await (await load(c.task, c.id, { dtype: 'q8', ...BASIC }))(c.texts, c.options);
      expect(q8, c.id).toEqual(fp32);
      expect(Object.values(fp32[0])[0], c.id).not.toBe('');
    }
  });

  it("load through audarma's q8 preparation at the default level and give exactly the fp32 outputs", async () => {
    for (const c of CASES) {
      const subfolder = preparedSubfolder(join(TINY_MODELS_DIR, c.id), 'q8');
      expect(subfolder, c.id).toBe(PREPARED_SUBFOLDER);
      const fp32 = await (await load(c.task, c.id, { dtype: 'fp32' }))(c.texts, c.options);
      const q8 = await (await load(c.task, c.id, { dtype: 'q8', subfolder }))(c.texts, c.options);
      expect(q8, c.id).toEqual(fp32);
    }
  });
});

describe('a rewrite of the q8 lm_head', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tiny-q8-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** opus-mt-fr-en with its q8 decoder replaced by `variant`, loaded from a copy of the folder. */
  async function translateWith(variant: Q8Variant): Promise<string[]> {
    const folder = join(dir, variant);
    await cp(join(TINY_MODELS_DIR, TINY_MODEL_IDS.frEn), folder, { recursive: true });
    const name = join(folder, 'onnx/decoder_model_merged_quantized.onnx');
    await writeFile(name, q8Variant(await readFile(name), variant));
    const pipe = await load('translation', folder, { dtype: 'q8', ...BASIC });
    return (await pipe(FR)).map((o) => o.translation_text);
  }

  it('that keeps the numbers gives the same strings; a wrong transposition, zero point or scale does not', async () => {
    const fp32 = (await (await load('translation', TINY_MODEL_IDS.frEn, { dtype: 'fp32' }))(FR)).map((o) => o.translation_text);
    expect(await translateWith('pre-transposed')).toEqual(fp32);
    for (const wrong of ['relabelled-dims', 'zero-point-ignored', 'scale-doubled'] as const) {
      const out = await translateWith(wrong);
      for (const [i, text] of out.entries()) expect(text, `${wrong}: ${text}`).not.toBe(fp32[i]);
    }
  });
});
