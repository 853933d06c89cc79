// Summaries get the quality checks and glossary spellings that segments get, through the real
// CLI and the tiny models: a summary translated by a looping model is flagged in result.json, in
// the edition's flag counts and on the review page; a well translated summary keeps the glossary
// spelling of the names it mentions and records them, derived editions included.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultSchema } from '../../src/output/result-schema.ts';
import { all, attr, parseHtml, text } from '../output/dom.ts';
import { cli, REPO } from './helpers.ts';
import { pipelineYaml, project, tmp } from './project.ts';

const models = path.join(REPO, 'tests/fixtures/tiny/models');
const tiny = (id: string, lines: string[]) => [`  ${id}:`, ...lines.map((l) => `    ${l}`)];
const dir = project(
  [
    `models: { dir: ${models} }`,
    'catalogue:',
    ...tiny('opus-mt-fr-en', ['id: audarma-tiny/opus-mt-fr-en', 'task: translation', 'pairs: [{ from: fr, to: en }]', 'maxInputTokens: 64']),
    ...tiny('nllb-tiny', [
      'id: audarma-tiny/nllb-tiny',
      'task: translation',
      'languages: { fr: fra_Latn, en: eng_Latn, kk: kaz_Cyrl, ru: rus_Cyrl }',
      'maxInputTokens: 64',
    ]),
    ...tiny('opus-mt-fr-ru', ['id: audarma-tiny/opus-mt-fr-ru', 'task: translation', 'pairs: [{ from: fr, to: ru }]', 'maxInputTokens: 64']),
    // A model that says "sorry," forever, here the one that translates the summary into Russian.
    ...tiny('loop-en-ru', ['id: audarma-tiny/loop-fr-en', 'task: translation', 'pairs: [{ from: en, to: ru }]', 'maxInputTokens: 64', 'loopRetry: false']),
    ...tiny('bart-lead', ['id: audarma-tiny/bart-lead', 'task: summarization', 'languages: { en: en }', 'maxInputTokens: 64']),
    'targets:',
    '  en: { model: opus-mt-fr-en, script: Latn }',
    '  kk: { model: nllb-tiny, script: Cyrl }',
    '  kk-Latn: { from: kk, derive: kk-latn-2021, script: Latn }',
    '  ru: { model: opus-mt-fr-ru, script: Cyrl, summaryModel: loop-en-ru }',
    'summary: { model: bart-lead, language: en }',
    'glossary: glossary.yaml',
  ],
  pipelineYaml(['en', 'kk', 'kk-Latn', 'ru'], true),
);
writeFileSync(path.join(dir, 'glossary.yaml'), '- source: Yerlan Koshanov\n  targets: { en: Yerlan Koshanov, kk: Ерлан Қошанов, ru: Ерлан Кошанов }\n');
const article = path.join(dir, 'visite.txt');
writeFileSync(article, 'Une visite\n\nLe président Yerlan Koshanov a visité la capitale avec le ministre.\n');
const out = tmp('summary-out');
const run = await cli(['translate', article, '--config', 'config.yaml', '--out', out, '--cache-dir', tmp('summary-cache'), '--quiet'], dir);
const result = ResultSchema.parse(JSON.parse(readFileSync(path.join(out, 'visite/result.json'), 'utf8')));
const page = parseHtml(readFileSync(path.join(out, 'visite/index.html'), 'utf8'));
const card = (col: string) => all(page, (e) => e.tagName === 'article' && attr(e, 'data-col') === col)[0];

describe('quality checks and glossary on summaries', () => {
  it('runs', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('flags the looping Russian summary in result.json, with the glossary spelling it lost', () => {
    const ru = result.targets.ru;
    expect(ru.summary).toMatch(/^(sorry, ){20,}/);
    expect(ru.summaryModels).toEqual(['audarma-tiny/bart-lead', 'audarma-tiny/loop-fr-en']);
    expect(ru.summaryTerms).toEqual(['Ерлан Кошанов']);
    expect(ru.summaryFlags?.map((f) => f.kind)).toEqual(['script', 'length', 'repetition', 'glossary']);
    expect(ru.summaryFlags?.find((f) => f.kind === 'glossary')?.reason).toBe('glossary term "Ерлан Кошанов" is missing from the output');
    // The edition's counts include the summary's flags; its blocks were translated cleanly.
    expect(ru.blocks.flatMap((b) => b.segments.flatMap((s) => s.flags ?? []))).toEqual([]);
    expect(ru.flags).toEqual({ script: 1, length: 1, repetition: 1, glossary: 1 });
    // The run report counts them too.
    const report = JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8'));
    expect(report.articles[0].flags.ru).toEqual({ script: 1, length: 1, repetition: 1, glossary: 1 });
  });

  it('keeps the glossary spelling in the summaries translated well, derived ones included, with no flag', () => {
    expect(result.targets.en.summary).toBe('The president Yerlan Koshanov has visited the capital with the minister.');
    expect(result.targets.en.summaryFlags).toBeUndefined();
    const kk = result.targets.kk;
    expect(kk.summary).toBe('Президент Ерлан Қошанов барды астана бірге министр.');
    expect(kk.summaryTerms).toEqual(['Ерлан Қошанов']);
    expect(kk.summaryFlags).toBeUndefined();
    const latn = result.targets['kk-Latn'];
    expect(latn.summary).toBe('Prezident Erlan Qoşanov bardy astana bırge ministr.');
    expect(latn.summaryTerms).toEqual(['Erlan Qoşanov']);
    expect(latn.summaryFlags).toBeUndefined();
  });

  it('shows the summary flags on the review page, and marks the glossary term in the summaries', () => {
    const mark = all(card('ru'), (e) => e.tagName === 'mark' && (attr(e, 'class') ?? '').startsWith('flag'))[0];
    expect(attr(mark, 'class')).toBe('flag flag-script flag-length flag-repetition flag-glossary');
    expect(text(mark)).toBe(result.targets.ru.summary);
    const notes = all(card('ru'), (e) => attr(e, 'class') === 'flag-notes')[0];
    expect(text(notes)).toContain('glossary term "Ерлан Кошанов" is missing from the output');
    const terms = (col: string) => all(card(col), (e) => attr(e, 'class') === 'term').map(text);
    expect(terms('kk')).toEqual(['Ерлан Қошанов']);
    expect(terms('kk-Latn')).toEqual(['Erlan Qoşanov']);
    // The Russian column's badge counts the summary's flags.
    const counts = all(page, (e) => e.tagName === 'th' && attr(e, 'class') === 'colinfo' && attr(e, 'data-col') === 'ru')[0];
    expect(text(counts)).toContain('repetition 1');
  });
});
