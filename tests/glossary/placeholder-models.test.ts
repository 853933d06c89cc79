// Glossary placeholders through models that treat them as real models do (tests/tiny/placeholders.ts),
// end to end with the CLI. A mangled placeholder must be repaired into the edition's spelling; a
// dropped one sends the segment through again unmasked, and the spelling it then lacks is flagged.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineGlossary, maskTerms } from '../../src/glossary/index.ts';
import { ResultSchema, type Result } from '../../src/output/result-schema.ts';
import { REPO, tinyContext, textsOf } from '../integration/helpers.ts';
import { PLACEHOLDER_MODEL_IDS } from '../tiny/build.ts';
import type { PlaceholderBehaviour } from '../tiny/placeholders.ts';

/** Target edition -> the model serving it. */
const TARGETS: Record<string, PlaceholderBehaviour> = {
  ru: 'cyrillic',
  xs: 'split',
  xt: 'titlecase',
  xl: 'lowercase',
  xd: 'drop',
  xr: 'repeat',
};
/** The Russian spelling for ru, another one (never the source's) for the English-like targets. */
const spelling = (ru: string, other: string) => Object.fromEntries(Object.keys(TARGETS).map((t) => [t, t === 'ru' ? ru : other]));
const GLOSSARY = [
  { source: 'Yerlan Koshanov', targets: spelling('Ерлан Кошанов', 'Y. Koshanov') },
  { source: 'Zhao Leji', keep: true as const },
  {
    source: 'Assemblée nationale populaire',
    targets: spelling('Всекитайское собрание народных представителей', "National People's Congress"),
  },
];
const TITLE = 'Le président Yerlan Koshanov a visité la Chine.';
const PARAGRAPH = 'L’Assemblée nationale populaire et Zhao Leji ont signé un accord avec Yerlan Koshanov.';

const dir = mkdtempSync(path.join(tmpdir(), 'audarma-placeholders-'));
const config = path.join(dir, 'config.yaml');
const catalogue = Object.entries(TARGETS).map(
  ([lang, b]) => `  gls-${b}: { id: ${PLACEHOLDER_MODEL_IDS[b]}, task: translation, pairs: [{ from: fr, to: ${lang} }], maxInputTokens: 64 }`,
);
const targets = Object.entries(TARGETS).map(([lang, b]) => `  ${lang}: { model: gls-${b}, script: ${lang === 'ru' ? 'Cyrl' : 'Latn'} }`);
writeFileSync(
  config,
  [`models: { dir: ${path.join(REPO, 'tests/fixtures/tiny/models')} }`, 'catalogue:', ...catalogue, 'targets:', ...targets, 'glossary: glossary.yaml', ''].join(
    '\n',
  ),
);
writeFileSync(path.join(dir, 'glossary.yaml'), JSON.stringify(GLOSSARY));
mkdirSync(path.join(dir, 'pipelines'));
writeFileSync(
  path.join(dir, 'pipelines/article.yaml'),
  `steps:\n  - uses: read\n  - uses: segment\n  - uses: translate\n    with: { targets: [${Object.keys(TARGETS).join(', ')}] }\n  - uses: write\n`,
);
writeFileSync(path.join(dir, 'placeholders.fr.txt'), `${TITLE}\n\n${PARAGRAPH}\n`);

let ctx: Awaited<ReturnType<typeof tinyContext>>;
beforeAll(async () => {
  ctx = await tinyContext(config);
});
afterAll(() => ctx.gateway.dispose());

describe('what each model does to placeholders', () => {
  const glossary = defineGlossary(GLOSSARY);
  // [target, model output for the masked paragraph "L’GLS1 et GLS2 ont signé un accord avec GLS3."]
  const raw: [string, string][] = [
    ['ru', 'ГЛС1 и ГЛС2 подписал соглашение с ГЛС3.'],
    ['xs', 'The GLS 1 and GLS 2 have signed a agreement with GLS 3.'],
    ['xt', 'The Gls1 and Gls2 have signed a agreement with Gls3.'],
    ['xl', 'The gls1 and gls2 have signed a agreement with gls3.'],
    ['xd', 'The and have signed a agreement with.'],
    ['xr', 'The GLS1 GLS1 and GLS2 GLS2 have signed a agreement with GLS3 GLS3.'],
  ];
  it.each(raw)('%s', async (lang, output) => {
    const { masked } = maskTerms(PARAGRAPH, glossary, lang);
    expect(masked).toBe('L’GLS1 et GLS2 ont signé un accord avec GLS3.');
    expect(await textsOf(ctx.gateway.translate(`gls-${TARGETS[lang]}`, [masked], { from: 'fr', to: lang }))).toEqual([output]);
  });
});

describe('audarma translate repairs them, or translates again and flags the lost term', () => {
  // The CLI as a user runs it, started without blocking this worker (the run takes seconds).
  let run: { code: number; stderr: string };
  let result: Result;
  beforeAll(async () => {
    const args = [path.join(REPO, 'bin/audarma.js'), 'translate', 'placeholders.fr.txt', '--config', config, '--out', 'out', '--cache-dir', 'cache'];
    run = await new Promise((resolve) =>
      execFile(process.execPath, args, { cwd: dir, timeout: 120_000 }, (err, _stdout, stderr) => resolve({ code: err ? Number(err.code ?? -1) : 0, stderr })),
    );
    result = ResultSchema.parse(JSON.parse(readFileSync(path.join(dir, 'out/placeholders-fr/result.json'), 'utf8')));
  });
  const glossaryFlags = (lang: string) =>
    result.targets[lang].blocks.map((b) => b.segments.flatMap((s) => (s.flags ?? []).filter((f) => f.kind === 'glossary').map((f) => f.reason)));

  it('exits 0', () => {
    expect(run.stderr).toContain('1 done, 0 failed');
    expect(run.code).toBe(0);
  });

  const repaired = [
    'The president Y. Koshanov has visited the China.',
    "The National People's Congress and Zhao Leji have signed a agreement with Y. Koshanov.",
  ];
  // [target, title and paragraph of the edition, glossary flags of each]
  const cases: [string, string[], string[][]][] = [
    [
      'ru',
      ['Президент Ерлан Кошанов посетил Китай.', 'Всекитайское собрание народных представителей и Zhao Leji подписал соглашение с Ерлан Кошанов.'],
      [[], []],
    ],
    ['xs', repaired, [[], []]],
    ['xt', repaired, [[], []]],
    ['xl', repaired, [[], []]],
    ['xr', repaired, [[], []]],
    [
      'xd',
      ['The president Yerlan Koshanov has visited the China.', 'The Assemblée nationale populaire and Zhao Leji have signed a agreement with Yerlan Koshanov.'],
      [
        ['glossary term "Y. Koshanov" is missing from the output'],
        ['glossary term "National People\'s Congress" is missing from the output', 'glossary term "Y. Koshanov" is missing from the output'],
      ],
    ],
  ];
  it.each(cases)('%s', (lang, texts, flags) => {
    expect(result.targets[lang].blocks.map((b) => b.text)).toEqual(texts);
    expect(glossaryFlags(lang)).toEqual(flags);
  });
});
