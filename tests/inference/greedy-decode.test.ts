import path from 'node:path';
import { AutoTokenizer, env, pipeline } from '@huggingface/transformers';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type LoadedConfig } from '../../src/config/load-config.ts';
import { modelLanguageCodes } from '../../src/config/routes.ts';
import { generationFor, modelLimitsReader } from '../../src/inference/model-limits.ts';
import type { Hypothesis } from '../../src/inference/decode/types.ts';
import { createModelRunner, type BatchJob, type ModelRunner } from '../../src/inference/model-runner.ts';
import { prepareModel } from '../../src/inference/q8-prepare.ts';
import { createTextCodec, textSlot, type TextCodec } from '../../src/inference/text-codec.ts';
import { copyTinyModel, modelsDir, speakAfterEnd } from '../integration/model-variants.ts';

// audarma decodes with its own greedy loop on the exported sessions (and tokenizes in the
// parent process). Its outputs must be exactly those of the transformers.js pipeline the models
// were made for, one text at a time (where the pipeline's batch handling cannot differ), for each
// kind of tiny model and with every generation option the config can set.
const SENTENCES = [
  'Eau, numérique et culture : une délégation du parlement kazakh reçue à Pékin',
  'diplomatie parlementaire',
  'À Pékin, Yerlan Koshanov a rencontré Zhao Leji, président du Comité permanent de l’Assemblée nationale populaire.',
  'Zhao Leji a salué le rôle des parlements dans cette relation.',
  'Les deux pays préparent un accord sur la gestion des rivières transfrontalières.',
  'La visite s’est achevée par une déclaration commune sur l’innovation et la gestion des crises.',
];

let loaded: LoadedConfig;
let codec: TextCodec;
let runner: ModelRunner;
let slot: (job: BatchJob) => Promise<string[]>;
beforeAll(async () => {
  loaded = await loadConfig(path.resolve('tests/fixtures/tiny/config.yaml'));
  const opts = { modelsDir: loaded.modelsDir, catalogue: loaded.config.catalogue, intraOpThreads: 1 };
  codec = createTextCodec(opts);
  runner = createModelRunner(opts);
  const outputs = textSlot(codec, (job) => runner.generate(job));
  slot = async (job) => (await outputs(job)).map((o) => o.text);
});
afterAll(async () => {
  codec.dispose();
  await runner.dispose();
});

/** What the transformers.js pipeline gives for each text alone, with the options audarma sends. */
async function pipelineOutputs(job: BatchJob): Promise<string[]> {
  const m = loaded.config.catalogue[job.key];
  const options = {
    ...generationFor(m, modelLimitsReader(loaded.modelsDir)(m), job.generation),
    ...(job.langs ? modelLanguageCodes(m, job.langs.from, job.langs.to) : {}),
  };
  const pipe = (await pipeline(m.task as 'translation', m.id, { dtype: m.dtype, subfolder: prepareModel(loaded.modelsDir, m) })) as unknown as ((
    t: string[],
    o: object,
  ) => Promise<Record<string, string>[]>) & { dispose(): Promise<void> };
  const out: string[] = [];
  for (const text of job.texts) out.push(Object.values((await pipe([text], options))[0])[0].trim());
  await pipe.dispose();
  return out;
}

const cases: Array<[string, Omit<BatchJob, 'texts'>]> = [
  ['Marian fr→en', { op: 'translate', key: 'opus-mt-fr-en', langs: { from: 'fr', to: 'en' } }],
  ['Marian fr→ru', { op: 'translate', key: 'opus-mt-fr-ru', langs: { from: 'fr', to: 'ru' } }],
  ['NLLB fr→kk (language codes, forced first token)', { op: 'translate', key: 'nllb-tiny', langs: { from: 'fr', to: 'kk' } }],
  ['BART summary (byte-level BPE)', { op: 'summarize', key: 'bart-lead' }],
  [
    'Marian fr→en, loop retry options',
    { op: 'translate', key: 'opus-mt-fr-en', langs: { from: 'fr', to: 'en' }, generation: { no_repeat_ngram_size: 3, repetition_penalty: 1.3 } },
  ],
  [
    'NLLB fr→en, min_new_tokens and a short max_new_tokens',
    { op: 'translate', key: 'nllb-tiny', langs: { from: 'fr', to: 'en' }, generation: { min_new_tokens: 4, max_new_tokens: 6 } },
  ],
  ['BART summary, min_length', { op: 'summarize', key: 'bart-lead', generation: { min_length: 12 } }],
];

describe('greedy decoding on the exported sessions', () => {
  it.each(cases)('%s: a batch gives exactly what the pipeline gives each text', async (_, job) => {
    const texts = job.op === 'summarize' ? [SENTENCES.slice(0, 3).join(' '), SENTENCES[3], SENTENCES.slice(3).join(' ')] : SENTENCES;
    const expected = await pipelineOutputs({ ...job, texts });
    expect(expected.every((t) => t.length > 0)).toBe(true);
    expect(await slot({ ...job, texts })).toEqual(expected);
  });

  it('options the loop does not handle (sampling) go through transformers.js generate, rows cut at their end token', async () => {
    const job = { op: 'translate' as const, key: 'opus-mt-fr-en', langs: { from: 'fr', to: 'en' }, texts: SENTENCES.slice(0, 2) };
    const tokens = await codec.encode(job);
    // do_sample with top_k 1 chooses as greedy does, through transformers.js's own sampler.
    const sampled = await runner.generate({ ...tokens, generation: { ...tokens.generation, do_sample: true, top_k: 1 } });
    const best = (out: Hypothesis[][]) => out.map((h) => h[0].tokens);
    expect(best(sampled)).toEqual(best(await runner.generate(tokens)));
  });
});

describe('a batch row that has ended', () => {
  it('stops there, where transformers.js generate would go on writing it while longer rows run', async () => {
    const dir = modelsDir();
    const folder = copyTinyModel(dir, 'opus-mt-fr-en', 'after-end');
    const config = JSON.parse(readFileSync(path.join(folder, 'config.json'), 'utf8'));
    env.localModelPath = dir;
    const tokenizer = await AutoTokenizer.from_pretrained('audarma-test/after-end');
    const word = tokenizer.encode('parlement', { add_special_tokens: false })[0];
    speakAfterEnd(folder, config.eos_token_id, word, config.vocab_size);
    const m = { ...loaded.config.catalogue['opus-mt-fr-en'], id: 'audarma-test/after-end' };
    const opts = { modelsDir: dir, catalogue: { after: m }, intraOpThreads: 1 };
    const texts = ['diplomatie parlementaire', SENTENCES[2]];
    const pipe = (await pipeline('translation', m.id, { dtype: 'q8', subfolder: prepareModel(dir, m) })) as unknown as (
      t: string[],
      o: object,
    ) => Promise<{ translation_text: string }[]>;
    const alone = [];
    for (const t of texts) alone.push((await pipe([t], { max_new_tokens: 60 }))[0].translation_text.trim());
    const together = (await pipe(texts, { max_new_tokens: 60 })).map((r) => r.translation_text.trim());
    // The short row of the batch runs on past its end in generate.
    expect(together[0]).not.toBe(alone[0]);
    expect(together[0].startsWith(alone[0])).toBe(true);
    const c = createTextCodec(opts);
    const r = createModelRunner(opts);
    const out = (
      await textSlot(c, (job) => r.generate(job))({ op: 'translate', key: 'after', texts, langs: { from: 'fr', to: 'en' }, generation: { max_new_tokens: 60 } })
    ).map((o) => o.text);
    expect(out).toEqual(alone);
    // The path for what the loop does not handle cuts rows at their end too.
    const tokens = await c.encode({ op: 'translate', key: 'after', texts, generation: { max_new_tokens: 60 } });
    const sampled = await r.generate({ ...tokens, generation: { ...tokens.generation, do_sample: true, top_k: 1 } });
    expect(
      await c.decode(
        { op: 'translate', key: 'after', texts },
        sampled.map((h) => h[0].tokens),
      ),
    ).toEqual(alone);
    await r.dispose();
  });
});
