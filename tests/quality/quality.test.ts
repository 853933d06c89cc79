import { describe, expect, it } from 'vitest';
import type { Flag } from '../../src/document/article.ts';
import {
  checkGlossary,
  checkLength,
  checkRepetition,
  checkScript,
  checkUntranslated,
  DEFAULT_LENGTH_BOUNDS,
  detectRepetition,
  lengthBoundsFor,
  qualityFlags,
  summarizerFlags,
  type Script,
} from '../../src/quality/index.ts';

const FR = 'Le président kazakh a reçu mardi à Astana une délégation chinoise conduite par Zhao Leji.';
const GOOD: Record<string, string> = {
  en: 'On Tuesday in Astana, the Kazakh president received a Chinese delegation led by Zhao Leji.',
  ru: 'Во вторник в Астане президент Казахстана принял китайскую делегацию во главе с Zhao Leji.',
  kk: 'Қазақстан Президенті сейсенбі күні Астанада Zhao Leji бастаған Қытай делегациясын қабылдады.',
  zh: '哈萨克斯坦总统周二在阿斯塔纳会见了由Zhao Leji率领的中国代表团。',
};
const kinds = (flags: Flag[]) => flags.map((f) => f.kind);

describe('checkScript', () => {
  const cases: [string, string, Script, string, string | undefined][] = [
    ['good Kazakh with a Latin name', GOOD.kk, 'Cyrl', 'kk', undefined],
    ['good Russian with a Latin name', GOOD.ru, 'Cyrl', 'ru', undefined],
    ['good Chinese with a Latin name', GOOD.zh, 'Hani', 'zh', undefined],
    ['good English', GOOD.en, 'Latn', 'en', undefined],
    ['English left in a Kazakh edition', GOOD.en, 'Cyrl', 'kk', 'expected Cyrillic script for kk, found mostly Latin (100% of letters)'],
    ['Russian instead of Chinese', GOOD.ru, 'Hani', 'zh', 'expected Han script for zh, found mostly Cyrillic (89% of letters)'],
    ['Cyrillic in kk-Latn', GOOD.kk, 'Latn', 'kk-Latn', 'expected Latin script for kk-Latn, found mostly Cyrillic (90% of letters)'],
    ['digits and punctuation only', '12,5 % – 2024 : 3 000 ₸', 'Cyrl', 'kk', undefined],
    ['empty text', '', 'Hani', 'zh', undefined],
    ['an acronym alone is too short to judge', 'COVID-19', 'Cyrl', 'ru', undefined],
  ];
  it.each(cases)('%s', (_, text, script, lang, reason) => {
    expect(checkScript(text, script, lang)).toEqual(reason ? [{ kind: 'script', reason }] : []);
  });
});

describe('checkLength', () => {
  const cases: [string, string, string, string, RegExp | undefined][] = [
    ['good en', FR, GOOD.en, 'en', undefined],
    ['good ru', FR, GOOD.ru, 'ru', undefined],
    ['good kk', FR, GOOD.kk, 'kk', undefined],
    ['good zh', FR, GOOD.zh, 'zh', undefined],
    ['truncated en', FR, 'The Kazakh president.', 'en', /^output is 0\.24× the source length \(21 vs 89 characters\), too short; expected 0\.6×–1\.6×$/],
    ['runaway en', FR, `${GOOD.en} ${GOOD.en}`, 'en', /too long; expected 0\.6×–1\.6×$/],
    ['zh as long as the French', FR, GOOD.zh.repeat(3), 'zh', /too long; expected 0\.15×–0\.9×$/],
    ['empty output', FR, '', 'ru', /^output is empty for a source of 89 characters$/],
    ['short source is never judged', 'Photo : AFP.', 'A very long caption that has nothing to do with the source.', 'en', undefined],
  ];
  it.each(cases)('%s', (_, source, output, lang, reason) => {
    const flags = checkLength(source, output, lengthBoundsFor(lang));
    if (reason) {
      expect(kinds(flags)).toEqual(['length']);
      expect(flags[0].reason).toMatch(reason);
    } else expect(flags).toEqual([]);
  });

  it('has default bounds per target, derived editions sharing their base', () => {
    expect(DEFAULT_LENGTH_BOUNDS.zh).toEqual({ min: 0.15, max: 0.9 });
    expect(lengthBoundsFor('zh-Hant')).toEqual(DEFAULT_LENGTH_BOUNDS.zh);
    expect(lengthBoundsFor('kk-Latn')).toEqual(DEFAULT_LENGTH_BOUNDS.kk);
  });
});

describe('checkUntranslated', () => {
  const cases: [string, string, string, RegExp | undefined][] = [
    ['good en', FR, GOOD.en, undefined],
    ['good kk', FR, GOOD.kk, undefined],
    ['source copied', FR, FR, /^output is the source text unchanged \(15 words\)$/],
    ['copied with other case and punctuation', FR, ` ${FR.toUpperCase().replace('.', '')} !`, /unchanged/],
    [
      'mostly the source words',
      FR,
      'Le président kazakh a reçu mardi à Astana une délégation chinoise, led by Zhao Leji.',
      /^output is mostly the source's words: 13 of 15 words \(87%\)/,
    ],
    ['a name copied is fine', 'Zhao Leji.', 'Zhao Leji.', undefined],
    [
      'names and figures shared by a good translation',
      'Emmanuel Macron a rencontré Xi Jinping le 12 mai 2024 à Pékin.',
      'Emmanuel Macron met Xi Jinping in Beijing on 12 May 2024.',
      undefined,
    ],
  ];
  it.each(cases)('%s', (_, source, output, reason) => {
    const flags = checkUntranslated(source, output);
    if (reason) {
      expect(kinds(flags)).toEqual(['untranslated']);
      expect(flags[0].reason).toMatch(reason);
    } else expect(flags).toEqual([]);
  });
});

describe('detectRepetition', () => {
  const cases: [string, string, string | undefined][] = [
    ['good en', GOOD.en, undefined],
    ['good ru', GOOD.ru, undefined],
    ['good kk', GOOD.kk, undefined],
    ['good zh', GOOD.zh, undefined],
    ['a phrase loop', "I'm sorry, I'm sorry, I'm sorry…", `the phrase "I'm sorry" repeats 3 times in a row (100% of the text)`],
    ['a word between commas', 'sorry , sorry , sorry', 'the word "sorry" repeats 3 times in a row (100% of the text)'],
    [
      'a word four times in a long text',
      `${GOOD.en} He said that that that that was all, and the meeting went on until late in the evening.`,
      'the word "that" repeats 4 times in a row (12% of the text)',
    ],
    [
      'a Russian clause loop',
      'Президент заявил, что страна готова, страна готова, страна готова, страна готова.',
      'the phrase "страна готова" repeats 4 times in a row (73% of the text)',
    ],
    ['a Chinese loop', '总统表示，我们将继续努力。我们将继续努力。我们将继续努力。', 'the phrase "我们将继续努力" repeats 3 times in a row (84% of the text)'],
    [
      'a triple over little of the text is not a loop',
      'Les manifestants criaient « non, non, non » devant le Parlement à Astana, mardi soir, sous la pluie, pendant des heures.',
      undefined,
    ],
    ['a double is not a loop', 'Il a répété : merci, merci.', undefined],
  ];
  it.each(cases)('%s', (_, text, reason) => {
    expect(detectRepetition(text)).toEqual(reason ? { looping: true, reason } : { looping: false });
    expect(kinds(checkRepetition(text))).toEqual(reason ? ['repetition'] : []);
  });
});

describe('checkGlossary', () => {
  const cases: [string, string, string[], string | undefined, string[]][] = [
    ['all present (en)', 'Yerlan Koshanov met Zhao Leji.', ['Yerlan Koshanov', 'Zhao Leji'], 'en', []],
    ['a Kazakh case ending', 'Ерлан Қошановтың айтуынша, Zhao Leji келді.', ['Ерлан Қошанов'], 'kk', []],
    ['Chinese without spaces', '叶尔兰·科沙诺夫表示欢迎。', ['叶尔兰·科沙诺夫'], 'zh', []],
    ['one missing', 'Yerlan Koshanov met Zhao Lejiang.', ['Yerlan Koshanov', 'Zhao Leji'], 'en', ['glossary term "Zhao Leji" is missing from the output']],
    [
      'a Russian spelling missing',
      'Ерлан Кошанов принял Чжао Лэцзи.',
      ['Ерлан Кошанов', 'Zhao Leji'],
      'ru',
      ['glossary term "Zhao Leji" is missing from the output'],
    ],
  ];
  it.each(cases)('%s', (_, output, terms, lang, reasons) => {
    expect(checkGlossary(output, terms, lang)).toEqual(reasons.map((reason) => ({ kind: 'glossary', reason })));
  });
});

describe('qualityFlags', () => {
  const cases: [string, string, string, string[], Flag['kind'][]][] = [
    ['good en', 'en', GOOD.en, ['Zhao Leji'], []],
    ['good ru', 'ru', GOOD.ru, ['Zhao Leji'], []],
    ['good kk', 'kk', GOOD.kk, ['Zhao Leji'], []],
    ['good zh', 'zh', GOOD.zh, ['Zhao Leji'], []],
    ['source copied into kk', 'kk', FR, ['Zhao Leji'], ['script', 'untranslated']],
    ['a looping zh output missing the name', 'zh', '我很抱歉。'.repeat(12), ['Zhao Leji'], ['repetition', 'glossary']],
  ];
  it.each(cases)('%s', (_, lang, output, expectedTerms, expected) => {
    expect(kinds(qualityFlags({ source: FR, output, lang, expectedTerms }))).toEqual(expected);
  });

  it('takes an explicit script and bounds over the defaults', () => {
    const flags = qualityFlags({ source: FR, output: GOOD.en, lang: 'xx', script: 'Cyrl', bounds: { min: 2, max: 3 } });
    expect(kinds(flags)).toEqual(['script', 'length']);
  });
});

describe('summarizerFlags (a summary as the summarizer wrote it)', () => {
  it('flags a looping summary and one in the wrong script', () => {
    expect(summarizerFlags({ output: 'The summit was a success. '.repeat(8), lang: 'en' }).map((f) => f.kind)).toEqual(['repetition']);
    expect(summarizerFlags({ output: GOOD.ru, lang: 'en' }).map((f) => f.kind)).toEqual(['script']);
    expect(summarizerFlags({ output: GOOD.en, lang: 'xx', script: 'Cyrl' }).map((f) => f.kind)).toEqual(['script']);
  });

  it('does not judge a summary by its length or by the words it shares with its article', () => {
    expect(summarizerFlags({ output: 'Zhao Leji in Astana.', lang: 'en' })).toEqual([]);
    expect(summarizerFlags({ output: GOOD.en, lang: 'en' })).toEqual([]);
  });
});
