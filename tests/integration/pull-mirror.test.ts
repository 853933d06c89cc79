// `models pull` from a hub mirror (`models.hub`), served over real HTTP from the tiny model
// folders the way huggingface.co serves a repository: GET /<id>/resolve/<revision>/<file>.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliAsync } from './helpers.ts';
import { startHubMirror, type HubMirror } from './hub-mirror.ts';
import { TINY_MODELS_DIR } from '../tiny/build.ts';

let mirror: HubMirror;
let hub: string;
let requested: string[];

beforeAll(async () => {
  mirror = await startHubMirror((id) => path.join(TINY_MODELS_DIR, id));
  ({ url: hub, requested } = mirror);
});
afterAll(() => mirror.close());

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'audarma-mirror-'));
  writeFileSync(
    path.join(dir, 'config.yaml'),
    `models: { dir: models, allowDownload: false, hub: "${hub}" }
catalogue:
  fr-en: { id: audarma-tiny/opus-mt-fr-en, task: translation, pairs: [{ from: fr, to: en }], dtype: q8 }
targets:
  en: { model: fr-en }
`,
  );
  mkdirSync(path.join(dir, 'pipelines'));
  writeFileSync(
    path.join(dir, 'pipelines/article.yaml'),
    'steps:\n  - uses: read\n  - uses: segment\n  - uses: translate\n    with: { targets: [en] }\n  - uses: write\n',
  );
  return dir;
}

describe('models pull from a hub mirror', () => {
  it('downloads the q8 files, prepares the decoder, and later runs offline with them', async () => {
    const dir = project();
    const pull = await cliAsync(['models', 'pull'], dir).done;
    expect(pull.stderr).toContain('audarma-tiny/opus-mt-fr-en: done');
    expect(pull.code).toBe(0);
    const folder = path.join(dir, 'models/audarma-tiny/opus-mt-fr-en');
    for (const f of ['config.json', 'tokenizer.json', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx']) {
      expect(readFileSync(path.join(folder, f)).equals(readFileSync(path.join(TINY_MODELS_DIR, 'audarma-tiny/opus-mt-fr-en', f))), f).toBe(true);
    }
    expect(requested).not.toContain('audarma-tiny/opus-mt-fr-en/onnx/decoder_model_merged.onnx');
    // The tied q8 lm_head was rewritten once, at pull time, beside the untouched original.
    const stamp = JSON.parse(readFileSync(path.join(folder, 'onnx-audarma/q8.prepared.json'), 'utf8'));
    expect(stamp).toMatchObject({ decoder: 'decoder_model_merged_quantized.onnx', rewritten: true });
    expect(existsSync(path.join(folder, 'onnx-audarma/decoder_model_merged_quantized.onnx'))).toBe(true);

    mirror.server.closeAllConnections();
    const article = path.join(dir, 'article.txt');
    writeFileSync(article, 'Le président a parlé.\n');
    const run = await cliAsync(['translate', article, '--out', path.join(dir, 'out'), '--quiet'], dir).done;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(dir, 'out/article/en.md'), 'utf8')).toBe('# The president has parlé.\n');
  });
});
