// The M2M100-418M stand-in (config.commercial.yaml's Kazakh model), on its tiny-dimension variant
// built by the same code as the real-sized one: M2M100's tokenizer files (M2M100Tokenizer,
// SentencePiece BPE, 128,112 ids with the `__xx__` language tokens where the hub's files have them),
// prepared by audarma and run through transformers.js with `__kk__` forced first.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { env, LogLevel, pipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeq2SeqModel } from '../../bench/model/seq2seq/build.ts';
import { M2M100_SPEC, TINY_M2M100_SPEC } from '../../bench/model/seq2seq/spec.ts';
import { benchSegments } from '../../bench/segments.ts';
import { PREPARED_SUBFOLDER, preparedSubfolder } from '../../src/inference/q8-prepare.ts';

type Pipe = ((texts: string[], options?: object) => Promise<{ translation_text: string }[]>) & {
  tokenizer: {
    language_codes: string[];
    _build_translation_inputs(texts: string[], o: object, gen: Record<string, unknown>): Record<string, { tolist(): bigint[][] }>;
  };
  model: { generate(o: object): Promise<{ tolist(): bigint[][] }> };
  dispose(): Promise<void>;
};

let root: string;
const ID = 'bench/m2m100-tiny';
const folder = () => join(root, ID);
const json = (file: string) => JSON.parse(readFileSync(join(folder(), file), 'utf8'));

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'm2m100-stand-in-'));
  buildSeq2SeqModel(folder(), TINY_M2M100_SPEC, ['q8']);
  env.localModelPath = root;
  env.allowRemoteModels = false;
  env.logLevel = LogLevel.ERROR;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('M2M100-418M stand-in (tiny variant)', () => {
  it("has facebook/m2m100_418M's sizes and vocabulary layout", () => {
    expect([M2M100_SPEC.vocabSize, M2M100_SPEC.dModel, M2M100_SPEC.encoderLayers, M2M100_SPEC.decoderLayers, M2M100_SPEC.heads]).toEqual([
      128_112, 1024, 12, 12, 16,
    ]);
    const config = json('config.json');
    expect([config.model_type, config.vocab_size, config.tokenizer_class, config.scale_embedding]).toEqual(['m2m_100', 128_112, 'M2M100Tokenizer', true]);
    const tok = json('tokenizer.json');
    expect([tok.model.type, tok.model.fuse_unk, tok.pre_tokenizer.type]).toEqual(['BPE', true, 'Metaspace']);
    const ids = Object.fromEntries(tok.added_tokens.map((t: { id: number; content: string }) => [t.content, t.id]));
    expect([ids.__af__, ids.__en__, ids.__fr__, ids.__kk__, ids.__zu__, ids.madeupword0007]).toEqual([128_004, 128_022, 128_028, 128_049, 128_103, 128_111]);
    expect(tok.post_processor.single.map((x: object) => Object.values(x)[0].id)).toEqual(['__en__', 'A', '</s>']);
    expect(json('tokenizer_config.json').tokenizer_class).toBe('M2M100Tokenizer');
  });

  it('is prepared by audarma and translates through transformers.js, `__fr__` first in, `__kk__` first out', async () => {
    expect(preparedSubfolder(folder(), 'q8')).toBe(PREPARED_SUBFOLDER);
    const pipe = (await pipeline('translation', ID, { dtype: 'q8', subfolder: PREPARED_SUBFOLDER })) as unknown as Pipe;
    expect(pipe.tokenizer.language_codes).toHaveLength(100);
    const texts = benchSegments(3);
    const gen: Record<string, unknown> = { src_lang: 'fr', tgt_lang: 'kk', num_beams: 1, max_new_tokens: 40 };
    const inputs = pipe.tokenizer._build_translation_inputs(texts, { padding: true, truncation: true }, gen);
    expect(inputs.input_ids.tolist().map((r) => Number(r[0]))).toEqual(texts.map(() => 128_028));
    const rows = (await pipe.model.generate({ ...inputs, ...gen })).tolist().map((r) => r.map(Number));
    expect(rows.map((r) => r.slice(0, 2))).toEqual(texts.map(() => [2, 128_049]));
    const out = await pipe(texts, { src_lang: 'fr', tgt_lang: 'kk', num_beams: 1 });
    for (const o of out) expect(o.translation_text.trim().length).toBeGreaterThan(0);
    await pipe.dispose();
  });
});
