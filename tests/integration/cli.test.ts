import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultSchema, type Result } from '../../src/output/result-schema.ts';
import { cli, REPO, TINY_CONFIG } from './helpers.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'audarma-cli-'));
const article = path.join(REPO, 'examples/astana-sommet.fr.txt');

const out = tmp();
const run = await cli(['translate', article, '--config', TINY_CONFIG, '--out', out, '--cache-dir', tmp()]);
const result: Result = ResultSchema.parse(JSON.parse(readFileSync(path.join(out, 'astana-sommet-fr/result.json'), 'utf8')));

describe('audarma translate with the tiny config', () => {
  it('exits 0 and says where the article went', async () => {
    expect(run.stderr).toContain('1 done, 0 failed');
    expect(run.code).toBe(0);
  });

  it('writes en, kk, ru, zh and the derived kk-Latn and zh-Hant editions, every source block translated, in the same order', async () => {
    expect(Object.keys(result.targets).sort()).toEqual(['en', 'kk', 'kk-Latn', 'ru', 'zh', 'zh-Hant']);
    expect(result.source.blocks.map((b) => b.type)).toEqual([
      'title',
      'kicker',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
      'heading',
      'paragraph',
      'paragraph',
    ]);
    for (const edition of Object.values(result.targets)) {
      expect(edition.blocks.map((b) => b.type)).toEqual(result.source.blocks.map((b) => b.type));
      for (const b of edition.blocks) expect(b.text.length).toBeGreaterThan(0);
      expect(edition.summary?.length).toBeGreaterThan(0);
    }
  });

  it('drops the newsletter footer and keeps its blocks in the report of what was removed', async () => {
    expect(result.source.dropped.map((b) => b.text)).toEqual(['Newsletter', 'Pour ne rien manquer de l’actualité de l’Asie centrale, inscrivez-vous']);
  });

  it('records the route and models of each edition', async () => {
    expect(result.targets.zh.route).toEqual(['fr', 'en', 'zh']);
    expect(result.targets.zh.models).toEqual(['audarma-tiny/opus-mt-fr-en', 'audarma-tiny/opus-mt-en-zh']);
    expect(result.targets.kk.models).toEqual(['audarma-tiny/nllb-tiny']);
    expect(result.targets.ru.summaryModels).toEqual(['audarma-tiny/bart-lead', 'audarma-tiny/nllb-tiny']);
  });

  it('gives the exact tiny-model text for the title in every edition', async () => {
    expect(result.targets.en.blocks[0].text).toBe('Water, energy and numérique : Astana and Pékin signent a feuille of route commune');
    expect(result.targets.zh.blocks[0].text).toBe('水，能源和 numérique : Astana 和 Pékin signent feuille route commune');
    expect(result.targets.en.summary).toBe(
      'To the issue of a summit of two jours to Astana, the Kazakhstan and the China have adopté a feuille of route commune on',
    );
  });

  it('writes one Markdown file per edition: title, kicker, headings, paragraphs, then the summary', async () => {
    const md = readFileSync(path.join(out, 'astana-sommet-fr/en.md'), 'utf8');
    expect(md.startsWith('# Water, energy and numérique')).toBe(true);
    expect(md).toContain('\n\n## A agreement on the rivières partagées\n\n');
    expect(md).toContain('**Summary:** To the issue of a summit');
  });
});

describe('configuration errors and setup problems', () => {
  it('validate prints FILE:LINE:COL with a code frame and exits 2 for a broken config', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'config.yaml'), 'catalogue: {}\ntargets:\n  en: { model: nope }\n');
    const r = await cli(['validate', '--config', 'config.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('config.yaml:3:16 targets.en.model: unknown model "nope"');
    expect(r.stderr).toContain('> 3 |   en: { model: nope }');
  });

  it('validate accepts the shipped config and pipelines', async () => {
    const r = await cli(['validate']);
    expect(r.stdout).toContain('config.yaml: valid (6 models, 6 targets: en, kk, ru, zh, kk-Latn, zh-Hant)');
    expect(r.code).toBe(0);
  });

  it('a missing model gives one message with the folder and the pull command, no stack trace, exit 2', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'config.yaml'), readFileSync(path.join(REPO, 'config.yaml'), 'utf8').replace('allowDownload: true', 'allowDownload: false'));
    cpSync(path.join(REPO, 'pipelines'), path.join(dir, 'pipelines'), { recursive: true });
    cpSync(path.join(REPO, 'glossary.yaml'), path.join(dir, 'glossary.yaml'));
    const r = await cli(['translate', article, '--out', tmp()], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'model Xenova/opus-mt-fr-en is not in models/Xenova/opus-mt-fr-en; download it once with: npx audarma models pull Xenova/opus-mt-fr-en',
    );
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  // No route to the hub: a closed local port stands for it on any machine.
  const offlineProject = () => {
    const dir = tmp();
    const config = readFileSync(path.join(REPO, 'config.yaml'), 'utf8').replace('allowDownload: true', 'allowDownload: true\n  hub: http://127.0.0.1:9/');
    writeFileSync(path.join(dir, 'config.yaml'), config);
    cpSync(path.join(REPO, 'pipelines'), path.join(dir, 'pipelines'), { recursive: true });
    cpSync(path.join(REPO, 'glossary.yaml'), path.join(dir, 'glossary.yaml'));
    return dir;
  };

  it('models pull fails cleanly when the hub cannot be reached', async () => {
    const r = await cli(['models', 'pull', 'Xenova/opus-mt-fr-en'], offlineProject());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cannot download Xenova/opus-mt-fr-en: the Hugging Face hub is not reachable from this machine');
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/);
  });

  it('a first run that may download says so clearly when the hub cannot be reached, and stops with 2', async () => {
    const dir = offlineProject();
    const r = await cli(['translate', article, '--out', path.join(dir, 'out')], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Xenova/opus-mt-fr-en: downloading (q8) into models/Xenova/opus-mt-fr-en');
    expect(r.stderr).toContain('audarma: cannot download Xenova/opus-mt-fr-en: the Hugging Face hub is not reachable from this machine');
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/);
  });

  it('models list shows each model as present or missing with its licence', async () => {
    const tiny = await cli(['models', 'list', '--config', TINY_CONFIG]);
    expect(tiny.stdout).toMatch(/opus-mt-fr-en\s+audarma-tiny\/opus-mt-fr-en\s+q8\s+present\s+[\d.]+ MB/);
    const shipped = await cli(['models', 'list']);
    expect(shipped.stdout).toMatch(/nllb-200\s+Xenova\/nllb-200-distilled-600M\s+q8\s+missing\s+~900 MB to pull\s+CC-BY-NC-4.0/);
  });

  it('unknown options are usage errors (exit 2) and every command has --help', async () => {
    expect((await cli(['translate', '--bogus'])).code).toBe(2);
    for (const cmd of [['translate'], ['validate'], ['models', 'list'], ['models', 'pull']]) {
      const r = await cli([...cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Usage: audarma');
    }
  });
});

describe('a new language target is a config edit only', () => {
  it('adds German served by the multilingual model', async () => {
    const dir = tmp();
    const config = readFileSync(TINY_CONFIG, 'utf8')
      .replace('ru: rus_Cyrl }', 'ru: rus_Cyrl, de: deu_Latn }')
      .replace('targets:\n', 'targets:\n  de: { name: German, model: nllb-tiny, script: Latn }\n')
      .replace('dir: models', `dir: ${path.join(REPO, 'tests/fixtures/tiny/models')}`)
      .replace('pipelines: ../../../pipelines', 'pipelines: pipelines')
      .replace('glossary: ../../../glossary.yaml', `glossary: ${path.join(REPO, 'glossary.yaml')}`);
    writeFileSync(path.join(dir, 'config.yaml'), config);
    cpSync(path.join(REPO, 'pipelines'), path.join(dir, 'pipelines'), { recursive: true });
    const pipeline = path.join(dir, 'pipelines/article.yaml');
    writeFileSync(
      pipeline,
      readFileSync(pipeline, 'utf8').replace('targets: [en, kk, ru, zh, kk-Latn, zh-Hant]', 'targets: [en, kk, ru, zh, kk-Latn, zh-Hant, de]'),
    );
    const out = path.join(dir, 'out');
    const r = await cli(['translate', article, '--config', 'config.yaml', '--out', out, '--cache-dir', tmp()], dir);
    expect(r.code).toBe(0);
    const result: Result = JSON.parse(readFileSync(path.join(out, 'astana-sommet-fr/result.json'), 'utf8'));
    expect(result.targets.de.models).toEqual(['audarma-tiny/nllb-tiny']);
    expect(result.targets.de.blocks[0].text).toBe('Eau, énergie und numérique : Astana und Pékin signent une feuille von route commune');
  });
});

describe('audarma --version', () => {
  it('prints the version of the package, alone, and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    for (const flag of ['--version', '-V']) {
      const r = await cli([flag], tmp());
      expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });
});
