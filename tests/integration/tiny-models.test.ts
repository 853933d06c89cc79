// The tiny models through the real @huggingface/transformers pipelines (built by the global
// setup). Outputs are exact strings: these models are what the end-to-end tests stand on.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { env, LogLevel, pipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTinyModels, TINY_MODEL_IDS, TINY_MODELS_DIR, tinyModels } from '../tiny/build.ts';
import { frenchDictionary } from '../tiny/dictionaries.ts';

type Options = Record<string, unknown>;
type TextPipe = (texts: string | string[], options?: Options) => Promise<unknown>;

beforeAll(() => {
  env.localModelPath = TINY_MODELS_DIR;
  env.allowRemoteModels = false;
  env.logLevel = LogLevel.ERROR; // MarianTokenizer warns on every load
});

const loaded = new Map<string, Promise<TextPipe>>();
function load(task: 'translation' | 'summarization', id: string, dtype: 'fp32' | 'q8' = 'fp32') {
  const key = `${task} ${id} ${dtype}`;
  if (!loaded.has(key)) loaded.set(key, pipeline(task, id, { dtype }) as unknown as Promise<TextPipe>);
  return loaded.get(key)!;
}

async function run(id: string, texts: string | string[], options?: Options): Promise<string[]> {
  const out = (await (await load('translation', id))(texts, options)) as { translation_text: string }[];
  return out.map((o) => o.translation_text);
}

afterAll(async () => {
  for (const p of loaded.values()) await ((await p) as unknown as { dispose(): Promise<void> }).dispose();
});

describe('opus-mt-fr-en', () => {
  const batch = [
    'Le président Yerlan Koshanov a visité la Chine en 2024.',
    'Hausse de 3,5 %.',
    'Les ministres, lesquels sont arrivés hier à Astana, ont signé un nouvel accord de coopération ' + 'avec la délégation chinoise.',
  ];
  const expected = [
    'The president Yerlan Koshanov has visited the China in 2024.',
    'Hausse of 3,5 %.',
    'The ministres, lesquels are arrivés yesterday to Astana, have signed a nouvel agreement of cooperation ' + 'with the delegation chinoise.',
  ];

  it('translates a padded batch of different lengths word for word; unknown words pass unchanged', async () => {
    expect(await run(TINY_MODEL_IDS.frEn, batch)).toEqual(expected);
  });

  it('gives the same strings one segment at a time', async () => {
    for (const [i, text] of batch.entries()) {
      expect(await run(TINY_MODEL_IDS.frEn, text)).toEqual([expected[i]]);
    }
  });

  it('translates a two-sentence paragraph, elisions included', async () => {
    const paragraph =
      "Le président du Kazakhstan a annoncé un nouveau projet d'intelligence artificielle pour l'éducation. " +
      'La délégation chinoise, conduite par Zhao Leji, a rencontré le ministre des Affaires étrangères à Astana.';
    expect(await run(TINY_MODEL_IDS.frEn, paragraph)).toEqual([
      'The president of the Kazakhstan has announced a new project of intelligence artificial for the education. ' +
        'The delegation chinoise, conduite by Zhao Leji, has met the minister of the Affairs foreign to Astana.',
    ]);
  });

  it('agrees with the dictionary module', async () => {
    const dict = frenchDictionary('en');
    expect(await run(TINY_MODEL_IDS.frEn, 'coopération')).toEqual([dict.get('coopération')]);
    expect(await run(TINY_MODEL_IDS.frEn, 'Coopération')).toEqual([dict.get('Coopération')]);
  });
});

describe('opus-mt-fr-ru and opus-mt-en-zh', () => {
  it('fr→ru drops articles and carries the capital of a dropped first word', async () => {
    const texts = ['Le président Yerlan Koshanov a visité la Chine en 2024.', "L'économie de la région, aujourd'hui."];
    expect(await run(TINY_MODEL_IDS.frRu, texts)).toEqual(['Президент Yerlan Koshanov посетил Китай в 2024.', 'Экономика регион, сегодня.']);
  });

  it('en→zh joins Han words without spaces', async () => {
    const texts = ['The president visited China.', 'The delegation of the parliament of Kazakhstan met Zhao Leji in 2024.'];
    expect(await run(TINY_MODEL_IDS.enZh, texts)).toEqual(['总统访问中国。', '代表团议会哈萨克斯坦会见 Zhao Leji 在 2024。']);
  });
});

describe('nllb-tiny', () => {
  const fraKaz = { src_lang: 'fra_Latn', tgt_lang: 'kaz_Cyrl' };
  const engKaz = { src_lang: 'eng_Latn', tgt_lang: 'kaz_Cyrl' };

  it('alternates French and English sources into Kazakh in one process', async () => {
    const kazakh = 'Президент барды Қытай.';
    expect(await run(TINY_MODEL_IDS.nllb, 'Le président a visité la Chine.', fraKaz)).toEqual([kazakh]);
    expect(await run(TINY_MODEL_IDS.nllb, 'The president visited China.', engKaz)).toEqual([kazakh]);
    expect(await run(TINY_MODEL_IDS.nllb, ["La délégation a signé un accord sur l'eau."], fraKaz)).toEqual(['Делегация қол қойды келісім туралы су.']);
    expect(await run(TINY_MODEL_IDS.nllb, ['The delegation signed a agreement on water.'], engKaz)).toEqual(['Делегация қол қойды келісім туралы су.']);
  });

  it('src_lang is sticky in the tokenizer, so callers pass it every time', async () => {
    const pipe = (await load('translation', TINY_MODEL_IDS.nllb)) as unknown as {
      tokenizer: { convert_tokens_to_ids(t: string): number; (t: string): { input_ids: { tolist(): bigint[][] } } };
    } & TextPipe;
    const firstId = () => Number(pipe.tokenizer('x').input_ids.tolist()[0][0]);
    const id = (lang: string) => pipe.tokenizer.convert_tokens_to_ids(lang);
    await pipe('x', engKaz);
    expect(firstId()).toBe(id('eng_Latn'));
    // Without src_lang the previous call's language stays in the template...
    await pipe('x', { tgt_lang: 'kaz_Cyrl' });
    expect(firstId()).toBe(id('eng_Latn'));
    // ...and passing it again switches back. The tiny model ignores the source token anyway.
    expect(await run(TINY_MODEL_IDS.nllb, 'Le président', { tgt_lang: 'kaz_Cyrl' })).toEqual(['Президент']);
    await pipe('x', fraKaz);
    expect(firstId()).toBe(id('fra_Latn'));
  });

  it('translates fra_Latn→deu_Latn and eng_Latn→rus_Cyrl', async () => {
    const fraDeu = { src_lang: 'fra_Latn', tgt_lang: 'deu_Latn' };
    const engRus = { src_lang: 'eng_Latn', tgt_lang: 'rus_Cyrl' };
    expect(await run(TINY_MODEL_IDS.nllb, 'Le président a visité la Chine.', fraDeu)).toEqual(['Der Präsident hat besucht die China.']);
    expect(await run(TINY_MODEL_IDS.nllb, 'The president visited China.', engRus)).toEqual(['Президент посетил Китай.']);
  });
});

describe('bart-lead', () => {
  it('summarizes a paragraph as its first sentence', async () => {
    const summarize = await load('summarization', TINY_MODEL_IDS.bartLead);
    const text = 'The economy grew 3.5 percent in 2024. The delegation met the minister. The agreement was signed.';
    expect(await summarize([text, 'No final period here'])).toEqual([
      { summary_text: 'The economy grew 3.5 percent in 2024.' },
      { summary_text: 'No final period here' },
    ]);
  });
});

describe('loop-fr-en and echo-fr', () => {
  it('loops "sorry ," until max_new_tokens, and stops when the repetition is banned', async () => {
    const sorry = (n: number) => Array(n).fill('sorry').join(', ');
    // 256 new tokens: 255 generated ("sorry", ",", …) then the forced EOS.
    expect(await run(TINY_MODEL_IDS.loopFrEn, 'Bonjour.')).toEqual([sorry(128)]);
    expect(await run(TINY_MODEL_IDS.loopFrEn, 'Bonjour.', { max_new_tokens: 10 })).toEqual([sorry(5)]);
    const two = ['Bonjour.', 'Le président a visité la Chine.'];
    expect(await run(TINY_MODEL_IDS.loopFrEn, two, { no_repeat_ngram_size: 2 })).toEqual(['sorry, sorry', 'sorry, sorry']);
    expect(await run(TINY_MODEL_IDS.loopFrEn, 'Bonjour.', { repetition_penalty: 1.2 })).toEqual(['sorry,']);
  });

  it('echoes its input unchanged', async () => {
    const texts = ["L'économie de l'Ouzbékistan « progresse » : 3,5 % ?", "Qu'aujourd'hui, lesquels — Koshanov."];
    expect(await run(TINY_MODEL_IDS.echoFr, texts)).toEqual(texts);
  });
});

describe('model folders', () => {
  it("advertise the real models' position limits: Marian 512, NLLB, M2M100 and BART 1024", async () => {
    const long = new Set<string>([TINY_MODEL_IDS.nllb, TINY_MODEL_IDS.m2m100, TINY_MODEL_IDS.bartLead]);
    for (const id of Object.values(TINY_MODEL_IDS)) {
      const config = JSON.parse(await readFile(join(TINY_MODELS_DIR, id, 'config.json'), 'utf8'));
      const tokenizer = JSON.parse(await readFile(join(TINY_MODELS_DIR, id, 'tokenizer_config.json'), 'utf8'));
      const limit = long.has(id) ? 1024 : 512;
      expect([id, config.max_position_embeddings, tokenizer.model_max_length]).toEqual([id, limit, limit]);
    }
  });

  it('take inputs up to 512 tokens; past 512 positions the graphs fail like the real Marian', async () => {
    const words = (n: number, a = 'le', b = 'président') => Array.from({ length: n }, (_, i) => (i % 2 ? b : a)).join(' ');
    expect(await run(TINY_MODEL_IDS.frEn, words(500), { max_new_tokens: 600 })).toEqual([words(500, 'the', 'president')]);
    // The decoder: 512 new tokens (511 words, then the forced EOS) fit; the 513th needs position 512.
    const sorry = (n: number) => Array(n).fill('sorry').join(', ');
    expect(await run(TINY_MODEL_IDS.loopFrEn, 'Bonjour.', { max_new_tokens: 512 })).toEqual([sorry(256)]);
    const outOfBounds = 'indices element out of data bounds, idx=512 must be within the inclusive range [-512,511]';
    await expect(run(TINY_MODEL_IDS.loopFrEn, 'Bonjour.', { max_new_tokens: 513 })).rejects.toThrow(outOfBounds);
    // The pipeline truncates inputs to model_max_length; past 512 tokens the encoder fails too
    // (onnxruntime turns its Gather of positions 0..S-1 into a Slice: the error is the Add's).
    const pipe = (await pipeline('translation', TINY_MODEL_IDS.frEn)) as unknown as TextPipe & {
      tokenizer: {
        config: { model_max_length: number };
        (t: string, o: object): { input_ids: { dims: number[] } };
      };
      dispose(): Promise<void>;
    };
    expect(pipe.tokenizer(words(600), { truncation: true }).input_ids.dims).toEqual([1, 512]);
    pipe.tokenizer.config.model_max_length = 1024;
    await expect(pipe(words(600))).rejects.toThrow('Attempting to broadcast an axis by a dimension other than 1. 512 by 601');
    await pipe.dispose();
  });

  it('are rebuilt byte for byte', async () => {
    const dirs = [await mkdtemp(join(tmpdir(), 'tiny-a-')), await mkdtemp(join(tmpdir(), 'tiny-b-'))];
    try {
      const contents = await Promise.all(
        dirs.map(async (dir) => {
          await buildTinyModels(dir);
          const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
          const entries = await Promise.all(
            files.map(async (f) => {
              const path = join(f.parentPath, f.name);
              return [relative(dir, path), (await readFile(path)).toString('base64')] as const;
            }),
          );
          return Object.fromEntries(entries.sort());
        }),
      );
      // Every file of every model, and the version stamp.
      const files = tinyModels().reduce((n, m) => n + m.files.size, 1);
      expect(Object.keys(contents[0])).toHaveLength(files);
      expect(contents[1]).toEqual(contents[0]);
    } finally {
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    }
  });
});
