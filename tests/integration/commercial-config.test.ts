// config.commercial.yaml: every model permissively licensed, Kazakh from M2M100-418M (MIT).
// Checked as shipped (validate, models list, the licence policy), pulled from a hub mirror in the
// hub's layout, and run end to end on tiny models of the same kinds (an M2M100-type model with
// M2M100Tokenizer and `__kk__` language tokens).
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_MODELS_DIR } from '../tiny/build.ts';
import { cli, REPO, TINY_CONFIG } from './helpers.ts';
import { startHubMirror, type HubMirror } from './hub-mirror.ts';

const COMMERCIAL = path.join(REPO, 'config.commercial.yaml');
const TINY_COMMERCIAL = path.join(REPO, 'tests/fixtures/tiny/config.commercial.yaml');
const article = path.join(REPO, 'examples/astana-sommet.fr.txt');
const tmp = () => mkdtempSync(path.join(tmpdir(), 'audarma-commercial-'));

describe('config.commercial.yaml as shipped', () => {
  it('is valid', async () => {
    const r = await cli(['validate', '--config', COMMERCIAL]);
    expect(r.stdout).toContain('config.commercial.yaml: valid (6 models, 6 targets: en, kk, ru, zh, kk-Latn, zh-Hant)');
    expect(r.code).toBe(0);
  });

  it('its licence policy accepts every one of its models', async () => {
    const r = await cli(['models', 'list', '--config', COMMERCIAL]);
    expect(r.stdout).toMatch(/m2m100-418m\s+Xenova\/m2m100_418M\s+q8\s+missing\s+~650 MB to pull\s+MIT \(allowed\)\n/);
    expect(r.stdout).not.toContain('not allowed');
  });
});

// A hub mirror serving the tiny M2M100-type model as Xenova/m2m100_418M.
let mirror: HubMirror;
beforeAll(async () => {
  const folder = path.join(TINY_MODELS_DIR, 'audarma-tiny/m2m100-tiny');
  mirror = await startHubMirror((id) => (id === 'Xenova/m2m100_418M' ? folder : undefined));
});
afterAll(() => mirror.close());

describe('M2M100 from the hub', () => {
  it('models pull fetches its q8 files and tokenizer and prepares its decoder', async () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'config.yaml'),
      readFileSync(COMMERCIAL, 'utf8').replace('allowDownload: true', `allowDownload: false\n  hub: "${mirror.url}"`),
    );
    cpSync(path.join(REPO, 'pipelines'), path.join(dir, 'pipelines'), { recursive: true });
    cpSync(path.join(REPO, 'glossary.yaml'), path.join(dir, 'glossary.yaml'));
    const pull = await cli(['models', 'pull', 'Xenova/m2m100_418M'], dir);
    expect(pull.stderr).toContain('Xenova/m2m100_418M: done');
    expect(pull.code).toBe(0);
    const folder = path.join(dir, 'models/Xenova/m2m100_418M');
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'])
      expect(existsSync(path.join(folder, f)), f).toBe(true);
    expect(JSON.parse(readFileSync(path.join(folder, 'tokenizer_config.json'), 'utf8')).tokenizer_class).toBe('M2M100Tokenizer');
    expect(existsSync(path.join(folder, 'onnx-audarma/decoder_model_merged_quantized.onnx'))).toBe(true);
    const list = await cli(['models', 'list'], dir);
    expect(list.stdout).toMatch(/m2m100-418m\s+Xenova\/m2m100_418M\s+q8\s+present\s+[\d.]+ MB\s+MIT \(allowed\)\n/);
  });
});

describe('the commercial config end to end on tiny models of the same kinds', () => {
  it('translates an article into every edition under its licence policy, Kazakh through M2M100Tokenizer', async () => {
    const out = tmp();
    const r = await cli(['translate', article, '--config', TINY_COMMERCIAL, '--out', out, '--cache-dir', tmp()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('1 done, 0 failed');
    expect(r.stderr).toContain(
      'models: opus-mt-fr-en (Apache-2.0), m2m100-tiny (MIT), opus-mt-fr-ru (Apache-2.0), opus-mt-en-zh (Apache-2.0), bart-lead (Apache-2.0)',
    );
    const result = JSON.parse(readFileSync(path.join(out, 'astana-sommet-fr/result.json'), 'utf8'));
    expect(Object.keys(result.targets).sort()).toEqual(['en', 'kk', 'kk-Latn', 'ru', 'zh', 'zh-Hant']);
    expect(result.targets.kk.models).toEqual(['audarma-tiny/m2m100-tiny']);
    expect(result.targets.kk.blocks[0].text).toBe('Су, энергия және numérique : Astana және Pékin signent feuille route commune');
    expect(result.targets['kk-Latn'].blocks[0].text).toBe('Su, energiia jäne numérique : Astana jäne Pékin signent feuille route commune');
  });

  it('eval scores its Kazakh route on a test set, as it does the NLLB route of the other config', async () => {
    const scores = async (config: string) => {
      const out = tmp();
      const r = await cli([
        'eval',
        '--testset',
        path.join(REPO, 'testsets/ntrex128-news-fr'),
        '--targets',
        'kk',
        '--limit',
        '3',
        '--config',
        config,
        '--out',
        out,
      ]);
      expect(r.code).toBe(0);
      const { targets } = JSON.parse(readFileSync(path.join(out, 'eval.json'), 'utf8'));
      return targets.map((t: { target: string; models: string[] }) => [t.target, t.models]);
    };
    expect(await scores(TINY_COMMERCIAL)).toEqual([['kk', ['audarma-tiny/m2m100-tiny']]]);
    expect(await scores(TINY_CONFIG)).toEqual([['kk', ['audarma-tiny/nllb-tiny']]]);
  });

  it('the same policy refuses the tiny NLLB config: exit 2, nothing loaded', async () => {
    const dir = tmp();
    const config = readFileSync(TINY_CONFIG, 'utf8')
      .replace('dir: models', `dir: ${path.join(path.dirname(TINY_CONFIG), 'models')}`)
      .replace('allowDownload: false', 'allowDownload: false\n  allowLicenses: [Apache-2.0, MIT]')
      .replace('  nllb-tiny:\n', '  nllb-tiny:\n    license: CC-BY-NC-4.0\n')
      .replaceAll('../../../', `${REPO}/`);
    writeFileSync(path.join(dir, 'config.yaml'), config);
    const r = await cli(['translate', article, '--out', path.join(dir, 'out')], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'audarma: model "nllb-tiny" (audarma-tiny/nllb-tiny) is licensed CC-BY-NC-4.0, which models.allowLicenses (Apache-2.0, MIT) does not allow; nothing was loaded',
    );
  });
});
