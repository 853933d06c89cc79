// Corrections that stick, end to end with the tiny models and the real CLI: an editor's XLIFF,
// edited with a maintained XLIFF library, goes back into the memory; every later run writes the
// correction, pivots and derived editions follow it, --clear-cache keeps it, TMX carries it to
// another desk.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import js2xliff from 'xliff/js2xliff';
import jsToXliff12 from 'xliff/jsToXliff12';
import xliff12ToJs from 'xliff/xliff12ToJs';
import xliff2js from 'xliff/xliff2js';
import { segmentId } from '../../src/memory/normalize.ts';
import { ResultSchema, type Result } from '../../src/output/result-schema.ts';
import { RunReportSchema } from '../../src/output/report-schema.ts';
import { validateXliff } from '../memory/fixtures.ts';
import { cli, REPO, TINY_CONFIG } from './helpers.ts';
import { tmp } from './project.ts';

const dir = tmp('corrections');
const cache = path.join(dir, 'cache');
const out = path.join(dir, 'out');
copyFileSync(path.join(REPO, 'examples/astana-sommet.fr.txt'), path.join(dir, 'astana-sommet.fr.txt'));
writeFileSync(path.join(dir, 'koshanov.fr.txt'), 'Yerlan Koshanov reçoit Zhao Leji\n\nLes deux responsables ont parlé de l’eau.\n');
const articles = ['astana-sommet.fr.txt', 'koshanov.fr.txt'];
const at = (...p: string[]) => path.join(dir, ...p);
const run = (args: string[]) => cli(args, dir);
const translate = (cacheDir = cache, outDir = out) => run(['translate', ...articles, '--config', TINY_CONFIG, '--out', outDir, '--cache-dir', cacheDir, '-q']);
const result = (slug: string, outDir = out): Result => ResultSchema.parse(JSON.parse(readFileSync(path.join(outDir, slug, 'result.json'), 'utf8')));
const report = (outDir = out) => RunReportSchema.parse(JSON.parse(readFileSync(path.join(outDir, 'run-report.json'), 'utf8')));
const title = (r: Result, lang: string) => r.targets[lang].blocks[0].segments[0];

const ASTANA_FR = 'Eau, énergie et numérique : Astana et Pékin signent une feuille de route commune';
const EN_FIX = 'Water, energy and digital: Astana and Beijing sign a joint roadmap';
const KK_FIX = 'Су, энергия және цифрлық: Астана мен Бейжің ортақ жол картасына қол қойды';
const KOSHANOV_EN_FIX = 'Yerlan Koshanov welcomes the Chinese visitor';

const first = await translate();
const before = { astana: result('astana-sommet-fr'), koshanov: result('koshanov-fr') };

describe('an editor corrects editions in a CAT tool and the next runs keep the corrections', () => {
  it('exports English as XLIFF 1.2 and Kazakh as XLIFF 2.0, both valid against the OASIS schemas', async () => {
    expect(first.code).toBe(0);
    const en = await run(['xliff', 'export', 'out/astana-sommet-fr', 'out/koshanov-fr', '--target', 'en', '--out', 'en.xlf']);
    expect(en).toEqual({ code: 0, stdout: 'en.xlf: 16 units, fr → en, XLIFF 1.2\n', stderr: '' });
    const kk = await run(['xliff', 'export', 'out/astana-sommet-fr', '--target', 'kk', '--version', '2.0', '--out', 'kk.xlf']);
    expect(kk.code).toBe(0);
    expect(validateXliff(at('en.xlf'), '1.2').ok).toBe(true);
    expect(validateXliff(at('kk.xlf'), '2.0').ok).toBe(true);
  });

  it('takes back the targets changed with the xliff library (states dropped): 3 stored, a glossary term lost is warned about', async () => {
    const en = await xliff12ToJs(readFileSync(at('en.xlf'), 'utf8'));
    en.resources['astana-sommet-fr'][segmentId(ASTANA_FR)].target = EN_FIX;
    en.resources['koshanov-fr'][segmentId('Yerlan Koshanov reçoit Zhao Leji')].target = KOSHANOV_EN_FIX;
    writeFileSync(at('en-edited.xlf'), await jsToXliff12(en));
    const kk = await xliff2js(readFileSync(at('kk.xlf'), 'utf8'));
    kk.resources['astana-sommet-fr'][segmentId(ASTANA_FR)].target = KK_FIX;
    writeFileSync(at('kk-edited.xlf'), await js2xliff(kk));

    const imported = await run(['xliff', 'import', 'en-edited.xlf', 'kk-edited.xlf', '--config', TINY_CONFIG, '--cache-dir', 'cache', '--editor', 'Aigerim']);
    expect(imported.stdout).toBe('3 stored, 27 unchanged, 0 refused\n');
    expect(imported.stderr).toBe(`warning: en correction of "Yerlan Koshanov reçoit Zhao Leji": glossary term "Zhao Leji" is missing from the output\n`);
    expect(imported.code).toBe(0);
    expect(existsSync(path.join(cache, 'memory.sqlite'))).toBe(true);
  });

  it('the next translate writes the corrections instead of the model, and the editions made from them follow', async () => {
    expect((await translate()).code).toBe(0);
    const astana = result('astana-sommet-fr');
    expect(title(astana, 'en')).toEqual({ source: ASTANA_FR, text: EN_FIX, origin: 'memory' });
    // The Chinese pivot translates the corrected English; it is model output, not a correction.
    expect(title(before.astana, 'zh').text).toBe('水，能源和 numérique : Astana 和 Pékin signent feuille route commune');
    expect(title(astana, 'zh').text).toBe('水，能源和 digital: Astana 和 Beijing sign joint roadmap');
    expect(title(astana, 'zh').origin).toBeUndefined();
    expect(title(astana, 'zh-Hant').text).toBe('水，能源和 digital: Astana 和 Beijing sign joint roadmap');
    // kk-Latn is transliterated from the corrected Kazakh.
    expect(title(astana, 'kk')).toEqual({ source: ASTANA_FR, text: KK_FIX, origin: 'memory' });
    expect(title(astana, 'kk-Latn').text).toBe('Su, energiia jäne tsifrlyq: Astana men Beijıñ ortaq jol kartasyna qol qoidy');
    // Untouched segments are the model's, as before.
    expect(astana.targets.en.blocks[2]).toEqual(before.astana.targets.en.blocks[2]);
    // The article was rewritten because its corrections changed, not skipped as unchanged.
    expect(astana.inputHash).not.toBe(before.astana.inputHash);
  });

  it('checks a correction as model output: the glossary spelling the editor dropped is flagged', async () => {
    expect(title(result('koshanov-fr'), 'en')).toEqual({
      source: 'Yerlan Koshanov reçoit Zhao Leji',
      text: KOSHANOV_EN_FIX,
      origin: 'memory',
      flags: [{ kind: 'glossary', reason: 'glossary term "Zhao Leji" is missing from the output' }],
      terms: ['Yerlan Koshanov', 'Zhao Leji'],
    });
  });

  it('counts the corrections in the run report and marks them on the review page', async () => {
    const r = report();
    expect(r.documents).toEqual({ total: 2, done: 2, failed: 0, unchanged: 0 });
    expect(r.segments.memory).toBe(3);
    expect([r.targets.en.memory, r.targets.kk.memory, r.targets.zh.memory]).toEqual([2, 1, 0]);
    const page = readFileSync(path.join(out, 'astana-sommet-fr/index.html'), 'utf8');
    expect(page).toMatch(
      new RegExp(
        `<td class="cell type-title" data-col="en" lang="en" data-type="title"><div class="text"><span class="memory" data-origin="memory" title="[^"]+">${EN_FIX}</span></div>`,
      ),
    );
    expect(page).toContain(`<span class="memory" data-origin="memory" title="Editor&#39;s correction (translation memory)">${KK_FIX}</span>`);
    expect(page).not.toContain(`data-origin="memory" title="Editor&#39;s correction (translation memory)">水`);
  });

  it('--clear-cache replaces even a damaged cache but keeps the memory; a rerun after that skips both articles as unchanged', async () => {
    writeFileSync(path.join(cache, 'audarma.sqlite'), 'not a database '.repeat(500));
    const cleared = await run(['run', '--input', ...articles, '--config', TINY_CONFIG, '--out', 'out', '--cache-dir', 'cache', '--clear-cache', '-q']);
    expect(cleared.code).toBe(0);
    expect(report().segments.memory).toBe(3);
    expect(title(result('astana-sommet-fr'), 'en').text).toBe(EN_FIX);
    expect((await translate()).code).toBe(0);
    expect(report().documents).toEqual({ total: 2, done: 0, failed: 0, unchanged: 2 });
  });

  it('refuses units with a changed source, other languages or an empty target, says why, and exits 1', async () => {
    const xml = readFileSync(at('en.xlf'), 'utf8');
    const units = xml.split('<trans-unit ');
    units[1] = units[1].replace(`<source>${ASTANA_FR}</source>`, '<source>Eau et énergie</source>');
    units[2] = units[2].replace(/(<target [^>]*>)[^<]*</, '$1 <');
    writeFileSync(at('bad-units.xlf'), units.join('<trans-unit '));
    writeFileSync(at('german.xlf'), xml.replaceAll('target-language="en"', 'target-language="de"'));
    const r = await run(['xliff', 'import', 'bad-units.xlf', 'german.xlf', '--config', TINY_CONFIG, '--cache-dir', 'cache']);
    expect(r.stdout).toBe('0 stored, 14 unchanged, 18 refused\n');
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe(
      `bad-units.xlf: unit ${segmentId(ASTANA_FR)}: refused: unknown id "${segmentId(ASTANA_FR)}": audarma gives the source sentence of this unit another id (the source was changed, or the unit is not from an audarma export)`,
    );
    expect(lines[1]).toBe(`bad-units.xlf: unit ${segmentId('coopération régionale')}: refused: empty target`);
    expect(lines.slice(2)).toHaveLength(16);
    expect(lines[2]).toMatch(/^german\.xlf: unit s[0-9a-f]{16}: refused: wrong languages fr → de; expected fr → one of en, kk, ru, zh, kk-Latn, zh-Hant$/);
    expect(r.code).toBe(1);
  });

  it('stops with exit 2 and the file, line and column for a file that is not XML, storing nothing', async () => {
    writeFileSync(at('broken.xlf'), '<xliff version="1.2">\n  <file>\n</xliff>\n');
    // A good file with another correction of the title comes first: it must not be stored either
    // (the TMX test below finds the title as corrected before).
    writeFileSync(at('en-other.xlf'), readFileSync(at('en-edited.xlf'), 'utf8').replace(EN_FIX, 'Astana and Beijing sign a roadmap'));
    const r = await run(['xliff', 'import', 'en-other.xlf', 'broken.xlf', '--config', TINY_CONFIG, '--cache-dir', 'cache']);
    expect(r.stderr).toMatch(/^audarma: broken\.xlf:3:\d+: not well-formed XML: .+\n$/);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
  });

  it('has --help on each command, and names a wrong option value or a folder without result.json (exit 2)', async () => {
    for (const cmd of [
      ['xliff', 'export'],
      ['xliff', 'import'],
      ['tm', 'export'],
      ['tm', 'import'],
    ]) {
      const r = await run([...cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: audarma ${cmd.join(' ')}`);
    }
    const version = await run(['xliff', 'export', 'out/astana-sommet-fr', '--target', 'en', '--version', '2.1']);
    expect([version.code, version.stderr]).toEqual([2, 'audarma: --version: expected 1.2 or 2.0, got `2.1`\n']);
    const noResult = await run(['xliff', 'export', 'cache', '--target', 'en']);
    expect([noResult.code, noResult.stderr]).toEqual([
      2,
      'audarma: cache: no result.json here; expected an article folder of a run (OUT/<slug>) or its result.json\n',
    ]);
    const edition = await run(['xliff', 'export', 'out/astana-sommet-fr', '--target', 'de']);
    expect([edition.code, edition.stderr]).toEqual([
      2,
      `audarma: ${path.join('out/astana-sommet-fr', 'result.json')}: no "de" edition; expected one of en, kk, ru, zh, kk-Latn, zh-Hant\n`,
    ]);
    const format = await run(['tm', 'export', '--format', 'csv', '--config', TINY_CONFIG]);
    expect([format.code, format.stderr]).toEqual([2, 'audarma: --format: expected tmx, got `csv`\n']);
  });

  it('carries the memory to another desk as TMX: imported there, its next run writes the same corrections', async () => {
    const exported = await run(['tm', 'export', '--format', 'tmx', '--out', 'memory.tmx', '--config', TINY_CONFIG, '--cache-dir', 'cache']);
    expect(exported).toEqual({ code: 0, stdout: 'memory.tmx: 3 entries, TMX 1.4b\n', stderr: '' });
    const imported = await run(['tm', 'import', 'memory.tmx', '--config', TINY_CONFIG, '--cache-dir', 'desk2-cache']);
    expect(imported.stdout).toBe('3 stored, 0 unchanged, 0 refused\n');
    expect(imported.code).toBe(0);
    expect((await translate(at('desk2-cache'), at('desk2-out'))).code).toBe(0);
    const astana = result('astana-sommet-fr', at('desk2-out'));
    expect([title(astana, 'en').text, title(astana, 'kk').text, title(astana, 'zh').text]).toEqual([
      EN_FIX,
      KK_FIX,
      '水，能源和 digital: Astana 和 Beijing sign joint roadmap',
    ]);
    expect(report(at('desk2-out')).segments.memory).toBe(3);
  });
});
