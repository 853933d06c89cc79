import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.ts';
import { createLocalGateway } from '../../src/inference/local-gateway.ts';
import type { Gateway } from '../../src/inference/gateway.ts';
import { fitToModel } from '../../src/steps/translate-texts.ts';
import type { StepContext } from '../../src/steps/define-step.ts';
import { TINY_MODELS_DIR } from '../tiny/build.ts';
import { copyTinyModel, editJson, modelsDir, renameToken } from './model-variants.ts';
import { pipelineYaml, project, tmp } from './project.ts';
import { cliAsync, REPO, textsOf } from './helpers.ts';

// Catalogue options a model's output depends on, through the real models: the target-language
// token, generation options over the model's own generation_config.json, and input limits read
// from the model's config.json.
const models = modelsDir();
// The English→Chinese stand-in, with `>>cmn_Hans<<` in its vocabulary (taking the id of "water",
// which it translates as 水, so what the model saw first shows in its output).
renameToken(copyTinyModel(models, 'opus-mt-en-zh', 'en-zh-token'), '▁water', '>>cmn_Hans<<');
// The lead summarizer with distilbart-cnn's own `min_length: 56`.
editJson(copyTinyModel(models, 'bart-lead', 'bart-min56'), 'generation_config.json', (g) => (g.min_length = 56));
// fr→en whose tokenizer takes 32 tokens while its decoder has 64 positions.
editJson(copyTinyModel(models, 'opus-mt-fr-en', 'fr-en-32'), 'tokenizer_config.json', (t) => (t.model_max_length = 32));

const zh = '{ from: en, to: zh }';
const dir = project([
  'source: en',
  `models: { dir: ${models} }`,
  'catalogue:',
  `  zh-token: { id: audarma-test/en-zh-token, task: translation, pairs: [${zh}], targetToken: ">>cmn_Hans<<" }`,
  `  zh-plain: { id: audarma-test/en-zh-token, task: translation, pairs: [${zh}] }`,
  '  bart-own: { id: audarma-test/bart-min56, task: summarization, languages: { en: en }, generation: { max_new_tokens: 120 } }',
  '  bart-unpadded: { id: audarma-test/bart-min56, task: summarization, languages: { en: en }, generation: { max_new_tokens: 120, min_length: 0 } }',
  '  fr-en-own: { id: audarma-test/fr-en-32, task: translation, pairs: [{ from: fr, to: en }] }',
  '  fr-en-more: { id: audarma-test/fr-en-32, task: translation, pairs: [{ from: fr, to: xx }], maxInputTokens: 1000 }',
  '  fr-en-less: { id: audarma-test/fr-en-32, task: translation, pairs: [{ from: fr, to: xy }], maxInputTokens: 20 }',
  'targets:',
  '  zh: { model: zh-token }',
]);

let gateway: Gateway;
let ctx: StepContext;
beforeAll(async () => {
  const loaded = await loadConfig(path.join(dir, 'config.yaml'));
  gateway = createLocalGateway({ modelsDir: loaded.modelsDir, catalogue: loaded.config.catalogue });
  ctx = { loaded, gateway, outDir: '', pipeline: 'article' };
});
afterAll(() => gateway.dispose());

describe('targetToken', () => {
  const texts = ['The president visited the capital.', 'Energy and transport.'];

  it('goes in front of every input as one token, and is not in the outputs', async () => {
    expect(await textsOf(gateway.translate('zh-plain', texts, { from: 'en', to: 'zh' }))).toEqual(['总统访问首都。', '能源和 transport。']);
    // The model read the token first (the stand-in turns its id into 水), then the text.
    expect(await textsOf(gateway.translate('zh-token', texts, { from: 'en', to: 'zh' }))).toEqual(['水总统访问首都。', '水能源和 transport。']);
  });

  it('takes one input position, so texts are split to leave room for it', async () => {
    const plain = await gateway.tokenCounter('zh-plain');
    const token = await gateway.tokenCounter('zh-token');
    expect(token(texts[0])).toBe(plain(texts[0]) + 1);
  });

  it('a token the model does not know stops the run with exit 2, naming the catalogue key and the tokens it knows', async () => {
    const bad = project(
      [
        `models: { dir: ${TINY_MODELS_DIR} }`,
        'catalogue:',
        '  fr-en: { id: audarma-tiny/opus-mt-fr-en, task: translation, pairs: [{ from: fr, to: en }] }',
        `  en-zh: { id: audarma-tiny/opus-mt-en-zh, task: translation, pairs: [${zh}], targetToken: ">>cmn_Hant<<" }`,
        'targets:',
        '  en: { model: fr-en }',
        '  zh: { from: en, model: en-zh }',
      ],
      pipelineYaml(['en', 'zh']),
    );
    const r = await cliAsync(['translate', path.join(REPO, 'examples/astana-sommet.fr.txt'), '--out', tmp('out'), '--cache-dir', tmp('cache')], bad).done;
    expect(r.stderr).toContain(
      'audarma: catalogue.en-zh.targetToken: ">>cmn_Hant<<" is not in the vocabulary of audarma-tiny/opus-mt-en-zh; expected one of (none)\n',
    );
    expect(r.code).toBe(2);
  });
});

describe('generation options in the catalogue', () => {
  const article = 'The president spoke in Astana. The minister signed the agreement. The delegation left.';

  it("min_length: 0 undoes a summarizer's own min_length, which pads a short article's summary", async () => {
    expect(await textsOf(gateway.summarize('bart-own', [article]))).toEqual([
      'The president spoke in Astana.he minister signed the agreement.he delegation left.',
    ]);
    expect(await textsOf(gateway.summarize('bart-unpadded', [article]))).toEqual(['The president spoke in Astana.']);
  });
});

describe('input limits from the model', () => {
  it('default to the smaller of config.json max_position_embeddings and tokenizer_config.json model_max_length', () => {
    expect(gateway.inputLimit('fr-en-own')).toBe(32);
  });

  it('are never above the model’s own, and may be below it', () => {
    expect(gateway.inputLimit('fr-en-more')).toBe(32);
    expect(gateway.inputLimit('fr-en-less')).toBe(20);
  });

  it('decide where a long sentence is split', async () => {
    const long =
      'Le ministre de l’Économie, accompagné du président du parlement, a présenté le projet de coopération avec la Chine, ' +
      'le Kazakhstan et la Russie, en insistant sur l’eau, la culture, l’éducation et l’innovation.';
    const count = await gateway.tokenCounter('fr-en-own');
    expect(count(long)).toBeGreaterThan(32);
    const [pieces] = await fitToModel(ctx, 'fr-en-own', [long]);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join(' ')).toBe(long);
    for (const p of pieces) expect(count(p)).toBeLessThanOrEqual(32);
  });

  it('validate does not need the model: an unset maxInputTokens is read from its files when it runs', async () => {
    const absent = project([
      `models: { dir: ${tmp('empty-models')} }`,
      'catalogue:',
      '  fr-en: { id: Xenova/opus-mt-fr-en, task: translation, pairs: [{ from: fr, to: en }], dtype: q8 }',
      'targets:',
      '  en: { model: fr-en }',
    ]);
    const r = await cliAsync(['validate'], absent).done;
    expect(r.stdout).toContain('config.yaml: valid (1 model, 1 target: en)');
    expect(r.code).toBe(0);
  });
});
