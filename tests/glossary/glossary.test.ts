import { describe, expect, it } from 'vitest';
import { ConfigError, formatProblem, formatProblemLine } from '../../src/diagnostics/problem.ts';
import { defineGlossary, loadGlossary, maskTerms, unmaskTerms, type Slot } from '../../src/glossary/index.ts';

const glossary = defineGlossary([
  { source: 'Yerlan Koshanov', targets: { en: 'Yerlan Koshanov', kk: 'Ерлан Қошанов', ru: 'Ерлан Кошанов', zh: '叶尔兰·科沙诺夫' } },
  { source: 'Zhao Leji', keep: true },
  { source: 'Assemblée nationale populaire', targets: { en: "National People's Congress", ru: 'Всекитайское собрание народных представителей' } },
  { source: 'Assemblée', targets: { en: 'Assembly', ru: 'Ассамблея' } },
  { source: 'Organisation de coopération de Shanghai', targets: { en: 'Shanghai Cooperation Organisation' } },
  { source: "Côte d'Ivoire", targets: { en: "Côte d'Ivoire", ru: "Кот-д'Ивуар" } },
]);

describe('maskTerms', () => {
  // [case, source, target, masked, what each slot becomes]
  const cases: [string, string, string, string, string[]][] = [
    ['elision with a curly apostrophe', 'L’Assemblée nationale populaire a voté.', 'en', 'L’GLS1 a voté.', ["National People's Congress"]],
    ['elision with a straight apostrophe', "Le président de l'Assemblée nationale populaire.", 'en', "Le président de l'GLS1.", ["National People's Congress"]],
    ['elision by d’', 'Une session d’Assemblée nationale populaire.', 'ru', 'Une session d’GLS1.', ['Всекитайское собрание народных представителей']],
    ['term at sentence start', 'Zhao Leji est arrivé à Astana.', 'kk', 'GLS1 est arrivé à Astana.', ['Zhao Leji']],
    ['first letter in lower case', "Une délégation de l'assemblée nationale populaire.", 'en', "Une délégation de l'GLS1.", ["National People's Congress"]],
    ['longest term wins', "L'Assemblée nationale populaire et l'Assemblée.", 'en', "L'GLS1 et l'GLS2.", ["National People's Congress", 'Assembly']],
    ['two terms in one sentence', 'Yerlan Koshanov a reçu Zhao Leji mardi.', 'zh', 'GLS1 a reçu GLS2 mardi.', ['叶尔兰·科沙诺夫', 'Zhao Leji']],
    [
      'a term twice',
      'Zhao Leji a salué Yerlan Koshanov, puis Zhao Leji est parti.',
      'ru',
      'GLS1 a salué GLS2, puis GLS3 est parti.',
      ['Zhao Leji', 'Ерлан Кошанов', 'Zhao Leji'],
    ],
    ['keep: true copies the term as written', 'Le discours de Zhao Leji.', 'ru', 'Le discours de GLS1.', ['Zhao Leji']],
    [
      'no spelling for the target: the source as written',
      "L'Organisation de coopération de Shanghai se réunit.",
      'kk',
      "L'GLS1 se réunit.",
      ['Organisation de coopération de Shanghai'],
    ],
    ['no partial-word match', 'Zhao Lejiang et Yerlan Koshanova sont venus.', 'en', 'Zhao Lejiang et Yerlan Koshanova sont venus.', []],
    ['no match after a non-elided apostrophe', "Aujourd'Assemblée n'est pas un mot.", 'en', "Aujourd'Assemblée n'est pas un mot.", []],
    ['apostrophe forms inside a term match each other', 'La Côte d’Ivoire vote.', 'ru', 'La GLS1 vote.', ["Кот-д'Ивуар"]],
    ['term spread over a line break and a no-break space', 'Yerlan\u00a0Koshanov a parlé.', 'kk', 'GLS1 a parlé.', ['Ерлан Қошанов']],
    ['an existing GLS code gets another prefix', 'Zhao Leji est venu en GLS 350.', 'en', 'GLX1 est venu en GLS 350.', ['Zhao Leji']],
    ['so does one written in Cyrillic', 'Zhao Leji est venu en ГЛС 350.', 'en', 'GLX1 est venu en ГЛС 350.', ['Zhao Leji']],
  ];
  it.each(cases)('%s', (_, source, target, masked, targets) => {
    const result = maskTerms(source, glossary, target);
    expect(result.masked).toBe(masked);
    expect(result.slots.map((s) => s.target)).toEqual(targets);
  });

  it('records the term as found, the entry and where the spelling came from', () => {
    const { slots } = maskTerms("l'assemblée nationale populaire, Zhao Leji", glossary, 'kk');
    expect(slots).toEqual([
      {
        placeholder: 'GLS1',
        term: 'Assemblée nationale populaire',
        found: 'assemblée nationale populaire',
        target: 'assemblée nationale populaire',
        from: 'source',
      },
      { placeholder: 'GLS2', term: 'Zhao Leji', found: 'Zhao Leji', target: 'Zhao Leji', from: 'keep' },
    ]);
  });
});

describe('unmaskTerms', () => {
  const slot = (n: number, target: string): Slot => ({ placeholder: `GLS${n}`, term: target, found: target, target, from: 'target' });
  const slots = [slot(1, 'Yerlan Koshanov'), slot(2, 'Zhao Leji')];
  // [case, model output, text, repaired]
  const cases: [string, string, string, boolean][] = [
    ['placeholders as written', 'GLS1 met GLS2 on Tuesday.', 'Yerlan Koshanov met Zhao Leji on Tuesday.', false],
    ['capitalised', 'Gls1 met Gls2 on Tuesday.', 'Yerlan Koshanov met Zhao Leji on Tuesday.', true],
    ['lower case', 'gls1 met gls2 on Tuesday.', 'Yerlan Koshanov met Zhao Leji on Tuesday.', true],
    ['space inserted', 'GLS 1 met GLS - 2 on Tuesday.', 'Yerlan Koshanov met Zhao Leji on Tuesday.', true],
    ['full-width forms', 'ＧＬＳ１会见了ＧＬＳ２。', 'Yerlan Koshanov会见了Zhao Leji。', true],
    ['punctuation glued', '«GLS1», said (GLS2).', '«Yerlan Koshanov», said (Zhao Leji).', false],
    ['a word glued on the left', 'theGLS1 met GLS2.', 'the Yerlan Koshanov met Zhao Leji.', true],
    ['duplicated: the first is kept', 'GLS1 GLS1 met GLS2, GLS2.', 'Yerlan Koshanov met Zhao Leji.', true],
    ['duplicated in a loop', 'GLS1, GLS1, GLS1 met GLS2.', 'Yerlan Koshanov met Zhao Leji.', true],
    ['a case ending glued on the right', 'GLS1ның сөзінше GLS2', 'Yerlan Koshanovның сөзінше Zhao Leji', false],
    ['written in Cyrillic (Russian)', 'ГЛС1 встретил Глс 2.', 'Yerlan Koshanov встретил Zhao Leji.', true],
    ['written in Cyrillic (Kazakh Ғ), lower case', 'ғлс1 мен ГЛС-2 кездесті.', 'Yerlan Koshanov мен Zhao Leji кездесті.', true],
    ['Cyrillic and Latin letters mixed', 'GЛС1 встретил ГLS2.', 'Yerlan Koshanov встретил Zhao Leji.', true],
  ];
  it.each(cases)('%s', (_, output, text, repaired) => {
    expect(unmaskTerms(output, slots)).toEqual({ text, lost: [], repaired });
  });

  it('returns a placeholder the model dropped in lost', () => {
    const result = unmaskTerms('Yerlan met him on Tuesday, GLS1 said.', slots);
    expect(result.text).toBe('Yerlan met him on Tuesday, Yerlan Koshanov said.');
    expect(result.lost).toEqual([slots[1]]);
  });

  it('does not take GLS1 for GLS12, nor touch numbers it has no slot for', () => {
    const many = Array.from({ length: 12 }, (_, i) => slot(i + 1, `T${i + 1}`));
    const out = unmaskTerms(many.map((s) => s.placeholder).join(' ') + ' GLS13', many);
    expect(out.text).toBe('T1 T2 T3 T4 T5 T6 T7 T8 T9 T10 T11 T12 GLS13');
    expect(out.lost).toEqual([]);
  });

  it('does not take Russian words for a placeholder written in Cyrillic', () => {
    // "гл с 2" (the end of Гугл, then "с 2") is not ГЛС2, and a Cyrillic ГЛС glued to a word is not one either.
    const result = unmaskTerms('Гугл с 2 партнёрами и сГЛС1 встретил ГЛС1.', slots);
    expect(result.text).toBe('Гугл с 2 партнёрами и сГЛС1 встретил Yerlan Koshanov.');
    expect(result.lost).toEqual([slots[1]]);
  });

  it('repairs the placeholders of another prefix written in Cyrillic', () => {
    const glx = [
      { ...slots[0], placeholder: 'GLX1' },
      { ...slots[1], placeholder: 'GLX2' },
    ];
    expect(unmaskTerms('ГЛХ1 встретил ГЛС2.', glx)).toEqual({ text: 'Yerlan Koshanov встретил ГЛС2.', lost: [glx[1]], repaired: true });
  });

  it('leaves text without slots alone', () => {
    expect(unmaskTerms('GLS1 stays.', [])).toEqual({ text: 'GLS1 stays.', lost: [], repaired: false });
  });
});

describe('round trip', () => {
  const cases: [string, string, string][] = [
    ['en', "L'Assemblée nationale populaire a reçu Yerlan Koshanov.", "L'National People's Congress a reçu Yerlan Koshanov."],
    ['kk', 'Zhao Leji a reçu Yerlan Koshanov.', 'Zhao Leji a reçu Ерлан Қошанов.'],
    ['zh', 'Yerlan Koshanov et Zhao Leji.', '叶尔兰·科沙诺夫 et Zhao Leji.'],
  ];
  // A model that copies placeholders through gives back the target spellings.
  it.each(cases)('%s', (lang, source, expected) => {
    const { masked, slots } = maskTerms(source, glossary, lang);
    expect(masked).not.toMatch(/Koshanov|Zhao|Assemblée/);
    expect(unmaskTerms(masked, slots)).toEqual({ text: expected, lost: [], repaired: false });
  });
});

describe('loadGlossary', () => {
  const dir = 'tests/fixtures/glossary';
  it('loads entries', async () => {
    const g = await loadGlossary(`${dir}/good.yaml`);
    expect(g.entries.map((e) => e.source)).toEqual(['Yerlan Koshanov', 'Zhao Leji', 'Assemblée nationale populaire']);
    expect(g.entries[1]).toEqual({ source: 'Zhao Leji', keep: true });
  });

  const cases: [string, string[]][] = [
    [
      'bad-entries',
      [
        '2:39 [0].targets.KK: invalid key: expected a language tag such as `en`, `kk` or `zh-Hant`, got `KK`',
        '3:3 [1].targets: expected `targets` (a spelling per language) or `keep: true`, got nothing',
        '4:3 [2].source: missing required key "source"; expected a string',
        '6:9 [3].keep: expected either `keep: true` or `targets`, not both, got `true`',
        '9:18 [4].targets.en: expected a string, got `42`',
        '10:3 [4].colour: unknown key "colour"; expected one of source, keep, targets, note',
      ],
    ],
    ['malformed', ['3:1: malformed YAML: Flow map in block collection must be sufficiently indented and end with a }']],
    ['duplicate', ['5:11 [2].source: duplicate term "zhao Leji"; it is already listed at line 1']],
    ['not-a-list', ['1:1: expected a list, got a map']],
  ];
  it.each(cases)('%s reports FILE:LINE:COL key.path: message', async (name, lines) => {
    const file = `${dir}/${name}.yaml`;
    const error = await loadGlossary(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map(formatProblemLine)).toEqual(lines.map((l) => `${file}:${l}`));
    for (const p of problems) expect(formatProblem(p)).toMatch(new RegExp(`^> +${p.line} \\|`, 'm'));
  });

  it('reports an unreadable file', async () => {
    const error = (await loadGlossary(`${dir}/absent.yaml`).catch((e: unknown) => e)) as ConfigError;
    expect(error.problems[0]).toMatchObject({ code: 'FILE_UNREADABLE', file: `${dir}/absent.yaml` });
  });
});
