// The NLLB (m2m100) and distilbart (bart) stand-in generators, exercised on tiny-dimension
// variants built through the same code as the real-sized ones: the q8 files have the hub's
// layout (merged decoder, tied uint8 table read by the embedding Gather and by a
// Transpose -> DequantizeLinear -> MatMul lm_head in both If branches, MatMulInteger elsewhere),
// they load through audarma's q8 preparation and transformers.js, and the output length follows
// the `</s>` rule under each model's own generation settings.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, LogLevel, pipeline } from '@huggingface/transformers';
import onnxPkg from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeq2SeqModel, ONNX_FILES } from '../../bench/model/seq2seq/build.ts';
import { TINY_SPECS, type Family } from '../../bench/model/seq2seq/spec.ts';
import { benchSegments } from '../../bench/segments.ts';
import { PREPARED_SUBFOLDER, preparedSubfolder } from '../../src/inference/q8-prepare.ts';

const { onnx } = onnxPkg;
const dimsOf = (t: onnxPkg.onnx.ITensorProto | undefined) => t && { dataType: t.dataType, dims: t.dims!.map(Number) };
const DT = onnx.TensorProto.DataType;
type Graph = onnxPkg.onnx.IGraphProto;
type Node = onnxPkg.onnx.INodeProto;

type Pipe = ((texts: string[], options?: object) => Promise<Record<string, string>[]>) & {
  tokenizer: ((texts: string[], o: object) => Record<string, unknown>) & {
    encode(text: string): number[];
    decode(ids: number[], o?: object): string;
    _build_translation_inputs(texts: string[], o: object, gen: Record<string, unknown>): Record<string, { tolist(): bigint[][] }>;
  };
  model: { generate(o: object): Promise<{ tolist(): bigint[][] }> };
  dispose(): Promise<void>;
};

let root: string;
const ids: Record<Family, string> = { m2m100: 'bench/nllb-tiny', bart: 'bench/bart-tiny' };
const folder = (f: Family) => join(root, ids[f]);
const TABLE = 'model.shared.weight_merged_0';
const DQ_NODE_NAME = 'model.shared.weight_transposed_DequantizeLinear';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'seq2seq-model-'));
  for (const f of ['m2m100', 'bart'] as const) buildSeq2SeqModel(folder(f), TINY_SPECS[f], ['fp32', 'q8']);
  buildSeq2SeqModel(join(root, 'bench/bart-again'), TINY_SPECS.bart, ['fp32', 'q8']);
  env.localModelPath = root;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.logLevel = LogLevel.ERROR;
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const graphOf = (f: Family, file: string): Graph => onnx.ModelProto.decode(readFileSync(join(folder(f), file))).graph!;
const branches = (g: Graph): Graph[] => g.node!.filter((n) => n.opType === 'If').flatMap((n) => n.attribute!.map((a) => a.g!));
const consumers = (g: Graph, value: string): Node[] => g.node!.filter((n) => n.input!.includes(value));

describe.each(['m2m100', 'bart'] as const)('%s stand-in (tiny variant)', (family) => {
  const spec = TINY_SPECS[family];

  it('writes a q8 merged decoder in the hub layout: one tied uint8 table for the embedding and the lm_head of both branches', () => {
    const g = graphOf(family, ONNX_FILES.q8[1]);
    const inits = new Map(g.initializer!.map((t) => [t.name!, t]));
    expect(dimsOf(inits.get(`${TABLE}_quantized`))).toEqual({ dataType: DT.UINT8, dims: [spec.vocabSize, spec.dModel] });
    expect(dimsOf(inits.get(`${TABLE}_scale`))).toEqual({ dataType: DT.FLOAT, dims: [] });
    expect(dimsOf(inits.get(`${TABLE}_zero_point`))).toEqual({ dataType: DT.UINT8, dims: [] });
    // No second copy of the vocabulary-wide matrix (no separate lm_head weight).
    const wide = g.initializer!.filter((t) => t.dims!.map(Number).includes(spec.vocabSize) && t.dims!.length === 2);
    expect(wide.map((t) => t.name)).toEqual(family === 'bart' ? [`${TABLE}_quantized`, 'final_logits_bias'] : [`${TABLE}_quantized`]);
    const bs = branches(g);
    expect(bs).toHaveLength(2);
    for (const b of bs) {
      // Transpose(uint8 table) -> DequantizeLinear (table's scale, zero point) -> MatMul.
      const transpose = b.node!.filter((n) => n.opType === 'Transpose' && n.input![0] === `${TABLE}_quantized`);
      expect(transpose).toHaveLength(1);
      const [dq] = consumers(b, transpose[0].output![0]);
      expect(dq).toMatchObject({ opType: 'DequantizeLinear', name: DQ_NODE_NAME });
      expect(dq.input!.slice(1)).toEqual([`${TABLE}_scale`, `${TABLE}_zero_point`]);
      const [matmul] = consumers(b, dq.output![0]);
      expect(matmul.opType).toBe('MatMul');
      expect(matmul.input![1]).toBe(dq.output![0]);
      // The embedding lookup reads the same uint8 table, then dequantizes.
      const gather = b.node!.find((n) => n.opType === 'Gather' && n.input![0] === `${TABLE}_quantized`)!;
      expect(consumers(b, gather.output![0]).map((n) => n.opType)).toEqual(['DequantizeLinear']);
      // Every other weight product is quantize_dynamic's MatMulInteger; float MatMuls only multiply activations.
      const matmuls = b.node!.filter((n) => n.opType === 'MatMul');
      expect(matmuls.filter((n) => inits.has(n.input![1]))).toEqual([]);
      expect(b.node!.filter((n) => n.opType === 'MatMulInteger').length).toBeGreaterThanOrEqual(spec.decoderLayers * 8);
    }
    const enc = graphOf(family, ONNX_FILES.q8[0]);
    expect(dimsOf(enc.initializer!.find((t) => t.name === 'model.shared.weight_quantized'))).toEqual({
      dataType: DT.UINT8,
      dims: [spec.vocabSize, spec.dModel],
    });
    expect(enc.node!.filter((n) => n.opType === 'MatMulInteger').length).toBe(spec.encoderLayers * 6);
  });

  it('is prepared by audarma (q8 lm_head rewritten into onnx-audarma/, originals kept) and loads through transformers.js', async () => {
    const original = readFileSync(join(folder(family), ONNX_FILES.q8[1]));
    expect(preparedSubfolder(folder(family), 'q8')).toBe(PREPARED_SUBFOLDER);
    expect(readFileSync(join(folder(family), ONNX_FILES.q8[1])).equals(original)).toBe(true);
    const pipe = (await pipeline(family === 'bart' ? 'summarization' : 'translation', ids[family], {
      dtype: 'q8',
      subfolder: PREPARED_SUBFOLDER,
    })) as unknown as Pipe;
    const texts = benchSegments(3);
    const out = await pipe(texts, family === 'bart' ? { max_new_tokens: 120, num_beams: 1 } : { src_lang: 'fra_Latn', tgt_lang: 'kaz_Cyrl', num_beams: 1 });
    expect(out).toHaveLength(3);
    for (const o of out) expect((o.translation_text ?? o.summary_text).trim().length).toBeGreaterThan(0);
    await pipe.dispose();
  });
});

/** Generated ids per row, and where `</s>` (2) first comes after the start token. */
async function generate(family: Family, dtype: 'fp32' | 'q8', texts: string[], gen: Record<string, unknown>) {
  const pipe = (await pipeline(family === 'bart' ? 'summarization' : 'translation', ids[family], {
    dtype,
    subfolder: preparedSubfolder(folder(family), dtype),
  })) as unknown as Pipe;
  const inputs =
    family === 'bart'
      ? pipe.tokenizer(texts, { padding: true, truncation: true })
      : pipe.tokenizer._build_translation_inputs(texts, { padding: true, truncation: true }, gen);
  const rows = (await pipe.model.generate({ ...inputs, ...gen })).tolist().map((r) => r.map(Number));
  const sourceLengths = (inputs.attention_mask as { tolist(): bigint[][] }).tolist().map((r) => r.reduce((a, b) => a + Number(b), 0));
  const decoded = rows.map((r) => pipe.tokenizer.decode(r, { skip_special_tokens: true }));
  await pipe.dispose();
  return { rows, sourceLengths, eosAt: rows.map((r) => r.indexOf(2, 1)), decoded };
}

describe('output length (fp32 and q8 alike)', () => {
  // Three sentences and a ~380-token text (past distilbart's min_length floor).
  const texts = [...benchSegments(12).slice(0, 3), benchSegments(8).join(' ')];

  // Generated tokens before `</s>` (the decoder start not counted): eos index = that + 1.
  it.each(['fp32', 'q8'] as const)(
    'NLLB %s: kaz_Cyrl forced first, `</s>` after ceil(source tokens − 1) tokens',
    async (dtype) => {
      const { rows, sourceLengths, eosAt, decoded } = await generate('m2m100', dtype, texts, {
        src_lang: 'fra_Latn',
        tgt_lang: 'kaz_Cyrl',
        num_beams: 1,
        max_new_tokens: 1000,
      });
      expect(rows.map((r) => r.slice(0, 2))).toEqual(texts.map(() => [2, 256_089]));
      expect(eosAt).toEqual(sourceLengths.map((s) => Math.ceil(s - 1) + 1));
      // Words, not special tokens: a copy of the language code would decode to nothing.
      for (const d of decoded) expect(d.split(' ').length).toBeGreaterThan(5);
    },
    240_000,
  );

  it.each(['fp32', 'q8'] as const)(
    'distilbart %s: `<s>` forced first, `</s>` after min(130, ceil(45 + 0.08 (source tokens − 1))) tokens, min_length 56 respected',
    async (dtype) => {
      const { rows, sourceLengths, eosAt } = await generate('bart', dtype, texts, { num_beams: 1, max_new_tokens: 200 });
      expect(rows.map((r) => r[1])).toEqual(texts.map(() => 0));
      // min_length 56 counts the decoder start: `</s>` is never before index 56.
      const expected = sourceLengths.map((s) => Math.max(56, Math.min(130, Math.ceil(45 + 0.08 * (s - 1))) + 1));
      expect(eosAt).toEqual(expected);
      expect(expected.slice(0, 3)).toEqual([56, 56, 56]);
      expect(expected[3]).toBeGreaterThan(70);
    },
    240_000,
  );
});

describe('tokenizers of the real types', () => {
  it('NLLB: SentencePiece BPE, language codes at their real ids, source code first and `</s>` last', () => {
    const tok = JSON.parse(readFileSync(join(folder('m2m100'), 'tokenizer.json'), 'utf8'));
    expect([tok.model.type, tok.pre_tokenizer.type, tok.decoder.type, tok.normalizer.normalizers[0].type]).toEqual([
      'BPE',
      'Metaspace',
      'Metaspace',
      'Precompiled',
    ]);
    const codes = new Map(tok.added_tokens.map((t: { content: string; id: number }) => [t.content, t.id]));
    expect([codes.get('eng_Latn'), codes.get('fra_Latn'), codes.get('kaz_Cyrl'), codes.get('<mask>')]).toEqual([256_047, 256_057, 256_089, 256_203]);
    expect(tok.post_processor.single.map((s: Record<string, { id: string }>) => (s.SpecialToken ?? s.Sequence).id)).toEqual(['eng_Latn', 'A', '</s>']);
  });

  it('distilbart: byte-level BPE with `<s> … </s>`, the same ids on a rebuild', async () => {
    const tok = JSON.parse(readFileSync(join(folder('bart'), 'tokenizer.json'), 'utf8'));
    expect([tok.model.type, tok.pre_tokenizer.type, tok.decoder.type, tok.post_processor.type]).toEqual(['BPE', 'ByteLevel', 'ByteLevel', 'RobertaProcessing']);
    expect(Object.keys(tok.model.vocab)).toHaveLength(50_265);
    for (const f of ['tokenizer.json', 'config.json', ...ONNX_FILES.fp32, ...ONNX_FILES.q8]) {
      expect(readFileSync(join(root, 'bench/bart-again', f)).equals(readFileSync(join(folder('bart'), f))), f).toBe(true);
    }
  });
});
