// Placeholders through the tiny word-for-word translators (built by the global setup): the
// masked term must come back as the edition's spelling, the elided article translated.
import { env, LogLevel, pipeline } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineGlossary, maskTerms, unmaskTerms } from '../../src/glossary/index.ts';
import { TINY_MODEL_IDS, TINY_MODELS_DIR } from '../tiny/build.ts';

type TextPipe = ((texts: string[]) => Promise<{ translation_text: string }[]>) & { dispose(): Promise<void> };
const pipes: TextPipe[] = [];

beforeAll(() => {
  env.localModelPath = TINY_MODELS_DIR;
  env.allowRemoteModels = false;
  env.logLevel = LogLevel.ERROR;
});
afterAll(async () => {
  for (const p of pipes) await p.dispose();
});

const glossary = defineGlossary([
  { source: 'Yerlan Koshanov', targets: { en: 'Yerlan Koshanov', ru: 'Ерлан Кошанов' } },
  { source: 'Zhao Leji', keep: true },
  { source: 'Assemblée nationale populaire', targets: { en: "National People's Congress", ru: 'Всекитайское собрание народных представителей' } },
]);
const sources = [
  "Le président Yerlan Koshanov a reçu Zhao Leji à l'Assemblée nationale populaire.",
  'L’Assemblée nationale populaire et Zhao Leji ont signé un accord avec Yerlan Koshanov.',
];

describe.each([
  ['en', TINY_MODEL_IDS.frEn],
  ['ru', TINY_MODEL_IDS.frRu],
])('through the tiny fr→%s model', (lang, id) => {
  it('every placeholder survives and becomes the spelling', async () => {
    const translate = (await pipeline('translation', id)) as unknown as TextPipe;
    pipes.push(translate);
    const masked = sources.map((s) => maskTerms(s, glossary, lang));
    const outputs = await translate(masked.map((m) => m.masked));
    outputs.forEach(({ translation_text }, i) => {
      const { text, lost } = unmaskTerms(translation_text, masked[i].slots);
      expect(lost).toEqual([]);
      for (const slot of masked[i].slots) expect(text).toContain(slot.target);
      expect(text).not.toMatch(/GLS\d/i);
    });
  });
});
