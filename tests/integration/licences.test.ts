// models.allowLicenses: what a newsroom that may only publish with permissively licensed models sees.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunReportSchema } from '../../src/output/report-schema.ts';
import { get, serve } from '../server/server.ts';
import { cli, REPO, TINY_CONFIG } from './helpers.ts';
import { tmp } from './project.ts';

const article = path.join(REPO, 'examples/astana-sommet.fr.txt');
const COMMERCIAL = 'allowLicenses: [Apache-2.0, MIT, CC-BY-4.0]';
const NLLB_REFUSED =
  'audarma: model "nllb-200" (Xenova/nllb-200-distilled-600M) is licensed CC-BY-NC-4.0, which models.allowLicenses (Apache-2.0, MIT, CC-BY-4.0) does not allow; nothing was loaded';

/** The shipped project (config, pipelines, glossary) in a new folder, its config edited. */
function shipped(edit: (config: string) => string): string {
  const dir = tmp('licences');
  writeFileSync(path.join(dir, 'config.yaml'), edit(readFileSync(path.join(REPO, 'config.yaml'), 'utf8')));
  cpSync(path.join(REPO, 'pipelines'), path.join(dir, 'pipelines'), { recursive: true });
  cpSync(path.join(REPO, 'glossary.yaml'), path.join(dir, 'glossary.yaml'));
  return dir;
}
// No download either way: the policy is checked before a model is looked for.
const shippedUnderPolicy = () => shipped((c) => c.replace('allowDownload: true', `allowDownload: true\n  hub: http://127.0.0.1:9/\n  ${COMMERCIAL}`));

/** The tiny config with the licences of the real models each tiny model stands for. */
function tinyLicensed(policy: string, nllbLicence: string | undefined): string {
  const dir = tmp('licences-tiny');
  const tinyDir = path.dirname(TINY_CONFIG);
  let config = readFileSync(TINY_CONFIG, 'utf8')
    .replace('dir: models', `dir: ${path.join(tinyDir, 'models')}`)
    .replace('allowDownload: false', `allowDownload: false\n  ${policy}`)
    .replaceAll('../../../', `${REPO}/`);
  for (const key of ['opus-mt-fr-en', 'opus-mt-fr-ru', 'opus-mt-en-zh', 'bart-lead'])
    config = config.replace(new RegExp(`(\\n  ${key}:\\n)`), `$1    license: Apache-2.0\n`);
  if (nllbLicence) config = config.replace(/(\n {2}nllb-tiny:\n)/, `$1    license: ${nllbLicence}\n`);
  writeFileSync(path.join(dir, 'config.yaml'), config);
  return path.join(dir, 'config.yaml');
}

describe('models.allowLicenses refuses the shipped config (NLLB-200 is CC-BY-NC-4.0)', () => {
  it('a run stops before downloading or loading anything: exit 2, the model, its licence and the setting', async () => {
    const dir = shippedUnderPolicy();
    const r = await cli(['translate', article, '--out', path.join(dir, 'out')], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(NLLB_REFUSED);
    expect(r.stderr).not.toContain('downloading');
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/);
  });

  it('serve and eval stop the same way', async () => {
    const dir = shippedUnderPolicy();
    const served = await cli(['serve', '--port', '0'], dir);
    expect(served.code).toBe(2);
    expect(served.stderr).toContain(NLLB_REFUSED);
    const evaluated = await cli(['eval', '--testset', path.join(REPO, 'testsets/ntrex128-news-fr'), '--targets', 'kk', '--out', path.join(dir, 'eval')], dir);
    expect(evaluated.code).toBe(2);
    expect(evaluated.stderr).toContain(NLLB_REFUSED);
  });

  it('a queue worker stops the same way, before it looks for Redis', async () => {
    const r = await cli(['worker', '--queue', 'redis://127.0.0.1:9'], shippedUnderPolicy());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(NLLB_REFUSED);
  });

  it('models list marks each model allowed or not', async () => {
    const r = await cli(['models', 'list'], shippedUnderPolicy());
    expect(r.stdout).toMatch(/nllb-200\s+Xenova\/nllb-200-distilled-600M\s+q8\s+missing\s+~900 MB to pull\s+CC-BY-NC-4.0 \(not allowed\)\n/);
    expect(r.stdout).toMatch(/opus-mt-fr-en\s+Xenova\/opus-mt-fr-en\s+q8\s+missing\s+~140 MB to pull\s+Apache-2.0 \(allowed\)\n/);
  });

  it('a model whose licence the catalogue does not give is refused', async () => {
    const r = await cli(['translate', article, '--config', tinyLicensed(COMMERCIAL, undefined), '--out', tmp('out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'audarma: model "nllb-tiny" (audarma-tiny/nllb-tiny) has no licence in the catalogue (catalogue.nllb-tiny.license), and models.allowLicenses (Apache-2.0, MIT, CC-BY-4.0) refuses an unknown licence; nothing was loaded',
    );
  });

  it('a licence that is not an SPDX id is a config error', async () => {
    const dir = shipped((c) => c.replace('license: CC-BY-NC-4.0', 'license: CC BY-NC 4.0'));
    const r = await cli(['validate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('catalogue.nllb-200.license: expected an SPDX licence id such as `Apache-2.0`, `MIT` or `CC-BY-NC-4.0`');
  });
});

describe('licences shown where a publisher looks', () => {
  it('a run under a policy its models meet goes through; the report and the review page name each model with its licence', async () => {
    const out = tmp('out');
    const r = await cli(['translate', article, '--config', tinyLicensed(COMMERCIAL, 'MIT'), '--out', out, '--cache-dir', tmp('cache')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'models: opus-mt-fr-en (Apache-2.0), nllb-tiny (MIT), opus-mt-fr-ru (Apache-2.0), opus-mt-en-zh (Apache-2.0), bart-lead (Apache-2.0)',
    );
    const report = RunReportSchema.parse(JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')));
    expect(report.models?.['nllb-tiny']).toEqual({ id: 'audarma-tiny/nllb-tiny', licence: 'MIT' });
    const page = readFileSync(path.join(out, 'astana-sommet-fr/index.html'), 'utf8');
    expect(page).toContain('<code>audarma-tiny/nllb-tiny</code> (MIT)');
    expect(page).toContain('<code>audarma-tiny/opus-mt-en-zh</code> (Apache-2.0)');
  });

  it('/health?details=true gives each model its hub id and licence', async () => {
    const server = await serve(['--config', tinyLicensed(COMMERCIAL, 'MIT'), '--cache-dir', tmp('cache')]);
    try {
      const details = (await get(`${server.url}/health?details=true`)).json;
      expect(details.audarma.models['nllb-tiny']).toEqual({ id: 'audarma-tiny/nllb-tiny', licence: 'MIT', texts: 0, batches: 0 });
    } finally {
      await server.stop();
    }
  });
});
