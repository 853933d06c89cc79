import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fitToModel, translateTexts } from '../../src/steps/translate-texts.ts';
import { tinyContext, textsOf } from './helpers.ts';

// Exact outputs of the tiny dictionary models through the real transformers.js pipelines.
let ctx: Awaited<ReturnType<typeof tinyContext>>;
beforeAll(async () => {
  ctx = await tinyContext();
});
afterAll(() => ctx.gateway.dispose());

const batch = ['Le président.', 'La délégation du parlement a visité la capitale avec le ministre.', 'Yerlan Koshanov est à Pékin depuis 2024.'];

describe('translation through the gateway', () => {
  it('translates a batch of segments of different lengths, in order, names and numbers unchanged', async () => {
    expect(await textsOf(ctx.gateway.translate('opus-mt-fr-en', batch, { from: 'fr', to: 'en' }))).toEqual([
      'The president.',
      'The delegation of the parliament has visited the capital with the minister.',
      'Yerlan Koshanov is to Pékin since 2024.',
    ]);
    expect(await textsOf(ctx.gateway.translate('opus-mt-fr-ru', batch, { from: 'fr', to: 'ru' }))).toEqual([
      'Президент.',
      'Делегация парламент посетил столица с министр.',
      'Yerlan Koshanov в Pékin с 2024.',
    ]);
  });

  it('reaches Chinese through English (pivot fr → en → zh)', async () => {
    const en = await textsOf(ctx.gateway.translate('opus-mt-fr-en', batch, { from: 'fr', to: 'en' }));
    expect(await textsOf(ctx.gateway.translate('opus-mt-en-zh', en, { from: 'en', to: 'zh' }))).toEqual([
      '总统。',
      '代表团议会访问首都与部长。',
      'Yerlan Koshanov 是 Pékin 自 2024。',
    ]);
  });

  it('serves fr → kk and en → kk from one multilingual model, whichever came first', async () => {
    const en = ['The president.', 'The delegation of the parliament has visited the capital with the minister.'];
    const kk = ['Президент.', 'Делегация парламент барды астана бірге министр.'];
    // Alternating source languages: the tokenizer's sticky src_lang must not leak between calls.
    expect(await textsOf(ctx.gateway.translate('nllb-tiny', en, { from: 'en', to: 'kk' }))).toEqual(kk);
    expect(await textsOf(ctx.gateway.translate('nllb-tiny', batch.slice(0, 2), { from: 'fr', to: 'kk' }))).toEqual(kk);
    expect(await textsOf(ctx.gateway.translate('nllb-tiny', en, { from: 'en', to: 'ru' }))).toEqual([
      'Президент.',
      'Делегация парламент посетил столица с министр.',
    ]);
  });

  it('summarizes with the lead summarizer', async () => {
    const text = 'The president spoke in Astana. The delegation visited Beijing. The meeting ended.';
    expect(await textsOf(ctx.gateway.summarize('bart-lead', [text]))).toEqual(['The president spoke in Astana.']);
  });
});

describe('long text is split to fit the model, never truncated', () => {
  const long =
    'Le ministre de l’Économie, accompagné du président du parlement, a présenté le projet de coopération avec la Chine, ' +
    'le Kazakhstan et la Russie, en insistant sur l’eau, la culture, l’éducation et l’innovation, tandis que la délégation ' +
    'chinoise, venue de Pékin avec le vice-président, a rappelé le rôle du sommet de Samarcande, de la rencontre ' +
    'd’Astana et du dialogue sur les rivières transfrontalières.';

  it('splits a sentence longer than maxInputTokens at clause boundaries, each piece fitting', async () => {
    const count = await ctx.gateway.tokenCounter('opus-mt-fr-en');
    expect(count(long)).toBeGreaterThan(64);
    const [pieces] = await fitToModel(ctx, 'opus-mt-fr-en', [long]);
    expect(pieces).toHaveLength(3);
    expect(pieces.join(' ')).toBe(long);
    for (const p of pieces) expect(count(p)).toBeLessThanOrEqual(64);
  });

  it('translates the pieces and puts them back in order', async () => {
    const [out] = await translateTexts(ctx, 'opus-mt-fr-en', { from: 'fr', to: 'en' }, [long], ' ');
    expect(out.text).toBe(
      'The minister of the Economy, accompagné of the president of the parliament, has presented the project of ' +
        'cooperation with the China, the Kazakhstan and the Russia, in insistant on the water, the culture, the education ' +
        'and the innovation, tandis that the delegation chinoise, venue of Pékin with the vice-president, has rappelé ' +
        'the rôle of the summit of Samarcande, of the meeting of Astana and of the dialogue on the rivières transfrontalières.',
    );
  });
});
