import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newArticle, type Article } from '../../src/document/article.ts';
import { defineGlossary } from '../../src/glossary/index.ts';
import { createCachingGateway } from '../../src/inference/caching-gateway.ts';
import segment from '../../src/steps/segment.ts';
import translate from '../../src/steps/translate.ts';
import { openStore } from '../../src/store/store.ts';
import { UNSURE_PROBABILITY } from '../tiny/marian.ts';
import { REPO, tinyContext } from './helpers.ts';

// The unsure tiny model writes what opus-mt-fr-en writes, but gives the tokens of "delegation"
// and "parliament" a probability of 0.05 (tests/tiny/marian.ts); every other token is certain.
const dir = mkdtempSync(path.join(tmpdir(), 'audarma-confidence-'));
const model = (id: string, from: string, to: string) =>
  `    id: audarma-tiny/${id}\n    task: translation\n    pairs: [{ from: ${from}, to: ${to} }]\n    maxInputTokens: 64`;
writeFileSync(
  path.join(dir, 'config.yaml'),
  [
    `models: { dir: ${path.join(REPO, 'tests/fixtures/tiny/models')} }`,
    'catalogue:',
    '  unsure:',
    model('unsure-fr-en', 'fr', 'en'),
    '  en-zh:',
    model('opus-mt-en-zh', 'en', 'zh'),
    'targets:',
    '  en: { model: unsure, script: Latn }',
    '  zh: { from: en, model: en-zh, script: Hani, separator: "" }',
    '  zh-Hant: { from: zh, derive: opencc-cn-tw, script: Hani, separator: "" }',
  ].join('\n') + '\n',
);

let ctx: Awaited<ReturnType<typeof tinyContext>>;
beforeAll(async () => {
  ctx = await tinyContext(path.join(dir, 'config.yaml'));
});
afterAll(() => ctx.gateway.dispose());

const SHORT = 'La délégation.';
const LONG = 'La délégation du parlement a visité la capitale avec le ministre.';
const SURE = 'Le président a visité la capitale.';

/** Confidence of an output of n tokens (its end token included) with `doubted` of them at UNSURE_PROBABILITY. */
const expected = (doubted: number, n: number) => Math.exp((doubted * Math.log(UNSURE_PROBABILITY)) / n);
const marked = (text: string, spans: [number, number][] = []) => spans.map(([s, e]) => text.slice(s, e));

describe('scores of a model made to be unsure', () => {
  it('gives each output its confidence (geometric mean token probability) and the words below 0.5', async () => {
    const out = await ctx.gateway.translate('unsure', [SHORT, LONG, SURE], { from: 'fr', to: 'en' });
    expect(out.map((o) => o.text)).toEqual([
      'The delegation.',
      'The delegation of the parliament has visited the capital with the minister.',
      'The president has visited the capital.',
    ]);
    // "▁The ▁delegation . </s>": one doubted token of 4; 2 of 13 in the long one.
    expect(out[0].confidence).toBeCloseTo(expected(1, 4), 4);
    expect(out[1].confidence).toBeCloseTo(expected(2, 13), 4);
    expect(out.map((o) => o.lowWords)).toEqual([
      [[4, 14]],
      [
        [4, 14],
        [22, 32],
      ],
      undefined,
    ]);
    expect(marked(out[1].text, out[1].lowWords)).toEqual(['delegation', 'parliament']);
    expect(out[2].confidence).toBe(1);
  });

  it('returns the other texts of the n-best list when asked for more sequences, each once, the output itself never', async () => {
    const [out] = await ctx.gateway.translate('unsure', [LONG], { from: 'fr', to: 'en' }, { num_beams: 4, num_return_sequences: 4 });
    expect(out.text).toBe('The delegation of the parliament has visited the capital with the minister.');
    // One word swapped scores the same either way; the beam search keeps the later swap first.
    expect(out.alternatives).toEqual([
      'The delegation of the government has visited the capital with the minister.',
      'The ministry of the parliament has visited the capital with the minister.',
      'The ministry of the government has visited the capital with the minister.',
    ]);
  });

  it('keeps confidence and marks in the cache: a cached segment shows what a fresh one showed', async () => {
    const store = openStore(mkdtempSync(path.join(tmpdir(), 'audarma-confidence-cache-')));
    const cached = createCachingGateway(ctx.gateway, { store, catalogue: ctx.loaded.config.catalogue, modelsDir: ctx.loaded.modelsDir });
    const first = await cached.translate('unsure', [LONG], { from: 'fr', to: 'en' });
    const again = await cached.translate('unsure', [LONG], { from: 'fr', to: 'en' });
    expect(cached.counts).toEqual({ translated: { en: 1 }, cached: { en: 1 } });
    expect(again).toEqual(first);
    expect(again[0].lowWords).toEqual([
      [4, 14],
      [22, 32],
    ]);
    store.close();
  });
});

describe("confidence on an article's segments", () => {
  let article: Article;
  beforeAll(async () => {
    // "parlement" is a glossary term: masked before the model, so its doubted word is the glossary's, not the model's.
    const c = { ...ctx, glossary: defineGlossary([{ source: 'parlement', targets: { en: 'Parliament', zh: '议会' } }]) };
    article = newArticle('a.txt', 'a', 'fr');
    article.blocks = [{ type: 'paragraph', text: `${LONG} ${SHORT} ${SURE}`, segments: [] }];
    await segment.run(article, {}, c);
    await translate.run(article, { targets: ['en', 'zh', 'zh-Hant'] }, c);
  });
  const segments = (lang: string) => article.editions[lang].blocks[0].segments;

  it('carries confidence and marked words, through glossary placeholders, and flags the segment below quality.minConfidence', () => {
    const en = segments('en');
    expect(en.map((s) => s.text)).toEqual([
      'The delegation of the Parliament has visited the capital with the minister.',
      'The delegation.',
      'The president has visited the capital.',
    ]);
    // Rounded to 3 places in result.json: one doubted token of 13 (the glossary wrote "Parliament"), one of 4, none.
    expect(en.map((s) => s.confidence)).toEqual([0.829, 0.473, 1]);
    expect(en.map((s) => marked(s.text, s.lowWords))).toEqual([['delegation'], ['delegation'], []]);
    expect(en.map((s) => s.flags)).toEqual([undefined, [{ kind: 'low-confidence', reason: "the model's confidence in it is 0.47, below 0.5" }], undefined]);
  });

  it("gives a pivot edition its least sure hop, and a derived edition its source's confidence", () => {
    // The en → zh model is sure of every token: the English hop decides.
    expect(segments('zh').map((s) => s.confidence)).toEqual([0.829, 0.473, 1]);
    expect(segments('zh').map((s) => s.lowWords)).toEqual([undefined, undefined, undefined]);
    expect(segments('zh-Hant').map((s) => s.confidence)).toEqual(segments('zh').map((s) => s.confidence));
  });
});
