// The bench model generator, exercised on a tiny variant built through the same code path as the
// real-sized model: it must load like a real Xenova/opus-mt-fr-en through
// pipeline('translation', …) in fp32 and q8, and its output length must follow the `</s>` rule.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, LogLevel, pipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBenchModel, ONNX_FILES, type BuildResult } from '../../bench/model/build.ts';
import { TINY_DIMS } from '../../bench/model/config.ts';
import { benchVocab, wordsInVocab } from '../../bench/model/vocab.ts';

type Pipe = ((texts: string | string[], options?: object) => Promise<{ translation_text: string }[]>) & {
  tokenizer: { encode(text: string, options?: object): number[] };
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
  return (await pipeline('translation', id, { dtype })) as unknown as Pipe;
}

const countTokens = (pipe: Pipe, text: string) => pipe.tokenizer.encode(text, { add_special_tokens: false }).length;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bench-model-'));
  built.r1 = await buildBenchModel(join(root, 'bench/tiny'), { dims: TINY_DIMS });
  built.half = await buildBenchModel(join(root, 'bench/tiny-half'), { dims: { ...TINY_DIMS, eosRatio: 0.5 } });
  built.again = await buildBenchModel(join(root, 'bench/tiny-again'), { dims: TINY_DIMS });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('bench model (tiny variant)', () => {
  it('writes the files of a Xenova Marian export, byte-identical on rebuild', () => {
    const files = Object.keys(built.r1.files).sort();
    expect(files).toEqual(
      ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json', ...ONNX_FILES.fp32, ...ONNX_FILES.q8].sort(),
    );
    for (const f of files) {
      expect(readFileSync(join(root, 'bench/tiny-again', f)).equals(readFileSync(join(root, 'bench/tiny', f))), f).toBe(true);
    }
    const config = JSON.parse(readFileSync(join(root, 'bench/tiny/config.json'), 'utf8'));
    expect(config).toMatchObject({ model_type: 'marian', d_model: 16, decoder_layers: 2, vocab_size: 200, pad_token_id: 199 });
    expect(benchVocab(200)).toHaveLength(200);
    expect(new Set(benchVocab(200)).size).toBe(200);
  });

  for (const dtype of ['fp32', 'q8'] as const) {
    it(`loads through pipeline('translation') in ${dtype}; output length = ceil(ratio × (source tokens − 1))`, async () => {
      for (const [id, ratio] of [['bench/tiny', 1], ['bench/tiny-half', 0.5]] as const) {
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

  it('agrees on output lengths in fp32 and q8 (same seeded weights)', async () => {
    const fp32 = await load('bench/tiny', 'fp32');
    const q8 = await load('bench/tiny', 'q8');
    const a = (await fp32(inputs)).map((o) => countTokens(fp32, o.translation_text));
    const b = (await q8(inputs)).map((o) => countTokens(q8, o.translation_text));
    expect(b).toEqual(a);
    await fp32.dispose();
    await q8.dispose();
  });
});
