// (d) and (e): the runner over many small articles with the tiny models, through the CLI's own
// code path, in a fresh process per run so peak RSS is the run's own.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../src/cli/main.ts';
import { ensureTinyModels, TINY_MODELS_DIR } from '../tests/tiny/build.ts';
import { articleText } from '../tests/integration/generate-articles.ts';

/** A project in `dir`: tiny fr→en and fr→kk models, one pipeline writing result.json and the review page. */
export function memoryProject(dir: string, articles: number): void {
  mkdirSync(path.join(dir, 'pipelines'), { recursive: true });
  writeFileSync(
    path.join(dir, 'config.yaml'),
    [
      `models: { dir: ${TINY_MODELS_DIR} }`,
      'catalogue:',
      '  fr-en: { id: audarma-tiny/opus-mt-fr-en, task: translation, pairs: [{ from: fr, to: en }], maxInputTokens: 64, batchSize: 16 }',
      '  nllb: { id: audarma-tiny/nllb-tiny, task: translation, languages: { fr: fra_Latn, kk: kaz_Cyrl }, maxInputTokens: 64, batchSize: 16 }',
      'targets: { en: { model: fr-en }, kk: { model: nllb } }',
      'run: { concurrency: 8 }',
    ].join('\n') + '\n',
  );
  writeFileSync(
    path.join(dir, 'pipelines/article.yaml'),
    'steps:\n  - uses: read\n  - uses: segment\n  - uses: translate\n    with: { targets: [en, kk] }\n  - uses: write\n    with: { formats: [json, html] }\n',
  );
  const input = path.join(dir, 'in');
  if (!existsSync(input)) {
    mkdirSync(input);
    for (let i = 0; i < articles; i++) writeFileSync(path.join(input, `a${String(i).padStart(4, '0')}.txt`), articleText(i));
  }
}

/** Runs `audarma run` over the project's articles; returns the run's wall time and this process's peak RSS. */
export async function memoryRun(dir: string): Promise<{ seconds: number; peakRssMB: number; exitCode: number }> {
  await ensureTinyModels();
  const t0 = performance.now();
  const exitCode = await main([
    process.execPath,
    'audarma',
    'run',
    '--input',
    path.join(dir, 'in'),
    '--out',
    path.join(dir, 'out'),
    '--config',
    path.join(dir, 'config.yaml'),
    '--cache-dir',
    path.join(dir, 'cache'),
    '--quiet',
  ]);
  return { seconds: (performance.now() - t0) / 1000, peakRssMB: process.resourceUsage().maxRSS / 1024, exitCode };
}
