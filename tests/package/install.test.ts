// The package as a user gets it: `npm pack`, installed into a fresh project from the tarball (the
// README's install section), imported by plain Node, type-checked by a TypeScript consumer, and
// its `audarma` command run — with no tsx and no TypeScript sources in the installed package.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isBuildCurrent } from '../../scripts/build.mjs';
import { mustRun, ROOT, run } from './run.ts';

const repoPackage = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const NAME: string = repoPackage.name;
const work = mkdtempSync(path.join(tmpdir(), 'audarma-package-'));
const project = path.join(work, 'project');
const installed = path.join(project, 'node_modules', NAME);
const bin = path.join(project, 'node_modules/.bin/audarma');
let packedFiles: string[] = [];

beforeAll(async () => {
  // The suite's global setup built dist/; packing without scripts keeps `prepare` from rebuilding
  // it under the other test files that run the bin meanwhile.
  expect(isBuildCurrent()).toBe(true);
  const pack = await mustRun('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
  const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  packedFiles = packed.files.map((f) => f.path);

  mkdirSync(project);
  // The README's allowScripts, but better-sqlite3's install denied too: it compiles SQLite from
  // source here (its prebuilt binaries come from GitHub, out of reach), about 90 s. Its compiled
  // module is taken from this clone's install instead: the same version (asserted below), same Node.
  const allowScripts = { ...repoPackage.allowScripts, 'better-sqlite3': false };
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'newsroom', private: true, type: 'module', allowScripts }, null, 2));
  await mustRun('npm', ['install', path.join(work, packed.filename), '--prefer-offline', '--no-audit', '--no-fund'], project);
  const version = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'node_modules/better-sqlite3/package.json'), 'utf8')).version;
  expect(version(project)).toBe(version(ROOT));
  const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  mkdirSync(path.dirname(path.join(project, addon)), { recursive: true });
  copyFileSync(path.join(ROOT, addon), path.join(project, addon));

  // The README: copy the starting config, glossary, pipelines, schemas and example into the project.
  for (const f of ['config.yaml', 'glossary.yaml', 'pipelines', 'schemas', 'examples'])
    cpSync(path.join(installed, f), path.join(project, f), { recursive: true });
}, 300_000);

describe(`the packed package (${NAME})`, () => {
  it('holds the compiled code with its declarations, the worker entry and the data files, and no TypeScript sources', () => {
    for (const f of [
      'bin/audarma.js',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/bin/main.js',
      'dist/bin/model-worker-process.mjs',
      'dist/inference/model-worker-process.mjs',
      'dist/inference/model-worker.js',
      'dist/derive/kk-latn-2021.json',
      'config.yaml',
      'pipelines/article.yaml',
      'schemas/config.schema.json',
      'package.json',
      'README.md',
    ])
      expect(packedFiles).toContain(f);
    expect(packedFiles.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(packedFiles.filter((f) => /^(src|tests|bench|scripts)\//.test(f) || f === 'dist/.build-stamp')).toEqual([]);
  });

  it('installs without tsx (a dev dependency) and is imported by plain Node', async () => {
    expect(existsSync(path.join(project, 'node_modules/tsx'))).toBe(false);
    const script = `const m = await import('${NAME}'); console.log(JSON.stringify(m.segmentFrench('M. Dupont est arrivé à 10 h. Il parle.')), typeof m.runBatch);`;
    const r = await mustRun(process.execPath, ['--input-type=module', '-e', script], project);
    expect(r.stdout).toBe('["M. Dupont est arrivé à 10 h.","Il parle."] function\n');
  });

  it('has type declarations a TypeScript consumer resolves (and that are not `any`)', async () => {
    writeFileSync(
      path.join(project, 'use.ts'),
      [
        `import { loadConfig, segmentFrench, type Config, type RunReport } from '${NAME}';`,
        `export const sentences: string[] = segmentFrench('Il parle.');`,
        `// @ts-expect-error: segmentFrench takes a string; an untyped package would accept this`,
        `segmentFrench(42);`,
        `export const models = async (file: string): Promise<string[]> => Object.keys(((await loadConfig(file)).config satisfies Config).catalogue);`,
        `export type Done = RunReport['documents']['done'];`,
        '',
      ].join('\n'),
    );
    // Node's own types come from this clone, as a consumer has @types/node installed.
    const tsconfig = {
      compilerOptions: {
        module: 'nodenext',
        target: 'es2022',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ['node'],
        typeRoots: [path.join(ROOT, 'node_modules/@types')],
      },
      files: ['use.ts'],
    };
    writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
    const r = await run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], project);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, 120_000);

  it('gives the audarma command: npx audarma --version prints the installed package.json version', async () => {
    const r = await mustRun('npx', ['audarma', '--version'], project);
    expect(r.stdout).toBe(`${repoPackage.version}\n`);
    // Read at run time from the installed package.json, not compiled in.
    const pkgFile = path.join(installed, 'package.json');
    const original = readFileSync(pkgFile, 'utf8');
    writeFileSync(pkgFile, original.replace(`"version": "${repoPackage.version}"`, '"version": "9.8.7"'));
    try {
      expect((await mustRun(bin, ['--version'], project)).stdout).toBe('9.8.7\n');
    } finally {
      writeFileSync(pkgFile, original);
    }
  });

  it('answers --help with every command', async () => {
    const r = await mustRun(bin, ['--help'], project);
    expect(r.stdout).toMatch(/^Usage: audarma \[options\] \[command\]/);
    for (const c of ['translate', 'run', 'validate', 'models']) expect(r.stdout).toContain(`\n  ${c} `);
  });

  it('validates the config copied from the package', async () => {
    const r = await mustRun('npx', ['audarma', 'validate'], project);
    expect(r.stdout).toBe('config.yaml: valid (6 models, 6 targets: en, kk, ru, zh, kk-Latn, zh-Hant)\npipelines: article\n');
  });

  it('translates the example with the tiny models in a model worker process started from the installed package', async () => {
    // The tiny config, pointed at this clone's tiny models and at the project's copied glossary
    // and pipelines, with one worker process: a worker that cannot start is exit 2.
    let config = readFileSync(path.join(ROOT, 'tests/fixtures/tiny/config.yaml'), 'utf8');
    for (const [from, to] of [
      ['  dir: models\n', `  dir: ${JSON.stringify(path.join(ROOT, 'tests/fixtures/tiny/models'))}\n`],
      ['glossary: ../../../glossary.yaml\n', 'glossary: glossary.yaml\n'],
      ['pipelines: ../../../pipelines\n', 'pipelines: pipelines\ninference: { workers: 1 }\n'],
    ]) {
      expect(config).toContain(from);
      config = config.replace(from, to);
    }
    writeFileSync(path.join(project, 'tiny.yaml'), config);
    const r = await run(bin, ['translate', 'examples/astana-sommet.fr.txt', '--config', 'tiny.yaml', '--out', 'out', '--quiet'], project);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(readFileSync(path.join(project, 'out/astana-sommet-fr/result.json'), 'utf8'));
    expect(result.targets.en.blocks[0].text).toBe('Water, energy and numérique : Astana and Pékin signent a feuille of route commune');
    expect(Object.keys(result.targets).sort()).toEqual(['en', 'kk', 'kk-Latn', 'ru', 'zh', 'zh-Hant']);
  }, 120_000);
});
