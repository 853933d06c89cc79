import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation } from '../../src/config/schema.ts';
import { newArticle, type Article, type Flag } from '../../src/document/article.ts';
import { defineGlossary } from '../../src/glossary/index.ts';
import translate from '../../src/steps/translate.ts';
import { REPO } from './helpers.ts';
import { tinyContext } from './helpers.ts';

// A config whose targets are served by purpose-built bad models, one per kind of flag.
const dir = mkdtempSync(path.join(tmpdir(), 'audarma-flags-'));
const model = (id: string, pair: string, extra = '') =>
  `    id: audarma-tiny/${id}\n    task: translation\n    pairs: [{ from: fr, to: ${pair} }]\n    maxInputTokens: 64\n${extra}`;
writeFileSync(
  path.join(dir, 'config.yaml'),
  [
    `models: { dir: ${path.join(REPO, 'tests/fixtures/tiny/models')} }`,
    'catalogue:',
    '  good:',
    model('opus-mt-fr-en', 'en'),
    '  loop:',
    model('loop-fr-en', 'xl'),
    '  loop-no-retry:',
    model('loop-fr-en', 'xn', '    loopRetry: false\n'),
    '  echo:',
    model('echo-fr', 'xe'),
    'targets:',
    '  en: { model: good, script: Latn, lengthRatio: { min: 1.5, max: 3 } }',
    '  xl: { model: loop, script: Latn }',
    '  xn: { model: loop-no-retry, script: Latn }',
    '  xe: { model: echo, script: Cyrl }',
  ].join('\n') + '\n',
);

let ctx: Awaited<ReturnType<typeof tinyContext>>;
let article: Article;
const sentence = 'Le président Yerlan Koshanov a visité la capitale avec le ministre.';
const flagsOf = (lang: string): Flag[] => article.editions[lang].blocks[0].segments[0].flags ?? [];
const kinds = (lang: string) =>
  flagsOf(lang)
    .map((f) => f.kind)
    .sort();

/** Every call to the models, as the steps made it: which model, which texts, which generation options. */
const calls: { model: string; texts: string[]; generation?: Generation; outputs: string[] }[] = [];

beforeAll(async () => {
  ctx = await tinyContext(path.join(dir, 'config.yaml'));
  const translateWith = ctx.gateway.translate.bind(ctx.gateway);
  ctx.gateway.translate = async (model, texts, langs, generation) => {
    const outputs = await translateWith(model, texts, langs, generation);
    calls.push({ model, texts, ...(generation ? { generation } : {}), outputs: outputs.map((o) => o.text) });
    return outputs;
  };
  ctx.glossary = defineGlossary([{ source: 'Yerlan Koshanov', targets: { en: 'Yerlan Koshanov', xl: 'Y. Koshanov', xn: 'Y. Koshanov' } }]);
  article = newArticle('flags.txt', 'flags', 'fr');
  article.blocks = [{ type: 'paragraph', text: sentence, segments: [sentence] }];
  await translate.run(article, { targets: ['en', 'xl', 'xn', 'xe'] }, ctx);
});
afterAll(() => ctx.gateway.dispose());

describe('quality flags, each raised by a purpose-built model or bound', () => {
  it('flags a length ratio outside the configured bounds', () => {
    expect(article.editions.en.blocks[0].text).toBe('The president Yerlan Koshanov has visited the capital with the minister.');
    expect(kinds('en')).toEqual(['length']);
    expect(flagsOf('en')[0].reason).toBe('output is 1.07× the source length (72 vs 67 characters), too short; expected 1.5×–3×');
  });

  it('flags a repetition loop that survives (no retry configured), and the glossary term it lost', () => {
    expect(article.editions.xn.blocks[0].text).toMatch(/^(sorry, ){20,}/);
    expect(kinds('xn')).toContain('repetition');
    expect(flagsOf('xn').find((f) => f.kind === 'glossary')?.reason).toBe('glossary term "Y. Koshanov" is missing from the output');
    // Never with retry options: once masked, once unmasked for the lost placeholder.
    expect(calls.filter((c) => c.model === 'loop-no-retry').map((c) => [c.texts, c.generation])).toEqual([
      [['Le président GLS1 a visité la capitale avec le ministre.'], undefined],
      [[sentence], undefined],
    ]);
  });

  it("retries a loop with the model's loopRetry options, which ends it", () => {
    const masked = 'Le président GLS1 a visité la capitale avec le ministre.';
    const retry = { no_repeat_ngram_size: 3, repetition_penalty: 1.3 };
    const loopCalls = calls.filter((c) => c.model === 'loop');
    expect(loopCalls.map(({ outputs, ...call }) => call)).toEqual([
      { model: 'loop', texts: [masked] },
      // The looping output is retried with loopRetry (the default options)…
      { model: 'loop', texts: [masked], generation: retry },
      // …and, its glossary placeholder lost, once more unmasked with the same options.
      { model: 'loop', texts: [sentence], generation: retry },
    ]);
    expect(loopCalls[0].outputs[0]).toMatch(/^(sorry, ){20,}/);
    expect(loopCalls[1].outputs).toEqual(['sorry,']);
    expect(article.editions.xl.blocks[0].text).toBe('sorry,');
    expect(kinds('xl')).toEqual(['glossary', 'length']);
  });

  it('flags output left in the source language: untranslated and in the wrong script', () => {
    expect(article.editions.xe.blocks[0].text).toBe(sentence);
    expect(kinds('xe')).toEqual(['script', 'untranslated']);
    expect(flagsOf('xe').find((f) => f.kind === 'script')?.reason).toMatch(/expected Cyrillic script for xe/);
  });
});
