// bin/audarma.js runs the compiled dist/ (what the CLI tests run too), says what to do when dist/
// is missing or older than src/, and commands that use no model never load the model runtime.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isBuildCurrent } from '../../scripts/build.mjs';
import { ROOT, run } from './run.ts';

const version: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const tmp = (name: string) => mkdtempSync(path.join(tmpdir(), `audarma-${name}-`));
const TINY_CONFIG = path.join(ROOT, 'tests/fixtures/tiny/config.yaml');

describe('bin/audarma.js', () => {
  it('runs the dist/ the suite built from the current sources', async () => {
    expect(isBuildCurrent()).toBe(true);
    const r = await run(process.execPath, ['bin/audarma.js', '--version'], ROOT);
    expect(r).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('in a clone, warns when src/ changed after the build, and names the build command when dist/ is missing', async () => {
    // A copy of the parts of the clone the bin touches, then stamped as built now.
    const clone = tmp('clone');
    for (const f of ['bin', 'scripts', 'src', 'dist', 'package.json', 'tsconfig.json', 'tsconfig.build.json'])
      cpSync(path.join(ROOT, f), path.join(clone, f), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'));
    // A second on: copied files carry the copy's time in nanoseconds, a Date only milliseconds.
    const built = new Date(Date.now() + 1000);
    utimesSync(path.join(clone, 'dist/.build-stamp'), built, built);
    const audarma = (args: string[]) => run(process.execPath, ['bin/audarma.js', ...args], clone);
    try {
      expect(await audarma(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });

      const later = new Date(Date.now() + 60_000);
      utimesSync(path.join(clone, 'src/cli/main.ts'), later, later);
      expect(await audarma(['--version'])).toEqual({
        code: 0,
        stdout: `${version}\n`,
        stderr: 'audarma: src/ changed since dist/ was built: run `npm run build`\n',
      });

      rmSync(path.join(clone, 'dist'), { recursive: true });
      expect(await audarma(['--version'])).toEqual({ code: 2, stdout: '', stderr: 'audarma: dist/ is missing: run `npm run build` (npm ci runs it)\n' });
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });
});

describe('what a command loads', () => {
  /** Every module URL the command resolved, through a module hook that logs them to a file. */
  async function modulesLoaded(args: string[], cwd = ROOT): Promise<{ code: number | null; urls: string[] }> {
    const dir = tmp('modules');
    const log = path.join(dir, 'modules.log');
    writeFileSync(
      path.join(dir, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';\n` +
        `export async function resolve(spec, ctx, next) { const r = await next(spec, ctx); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`,
    );
    writeFileSync(
      path.join(dir, 'register.mjs'),
      `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(dir, 'hooks.mjs')).href)});\n`,
    );
    writeFileSync(log, '');
    const r = await run(process.execPath, ['--import', pathToFileURL(path.join(dir, 'register.mjs')).href, path.join(ROOT, 'bin/audarma.js'), ...args], cwd);
    const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    rmSync(dir, { recursive: true, force: true });
    return { code: r.code, urls };
  }
  // The bin runs the bundle in dist/bin/, whose chunks bear no module names: the model runtime is
  // seen as the packages it imports, which the bundle leaves in node_modules.
  const MODEL_RUNTIME = /@huggingface\/transformers|onnxruntime|onnx-proto/;
  const modelRuntime = (urls: string[]) => urls.filter((u) => MODEL_RUNTIME.test(u));

  it.each([
    ['--help', ['--help']],
    ['validate', ['validate', '--config', TINY_CONFIG]],
    ['models list', ['models', 'list', '--config', TINY_CONFIG]],
  ])('%s loads neither transformers.js, onnxruntime nor the inference modules that use them', async (_name, args) => {
    const { code, urls } = await modulesLoaded(args);
    expect(code).toBe(0);
    expect(urls).toContain(pathToFileURL(path.join(ROOT, 'dist/bin/main.js')).href);
    expect(modelRuntime(urls)).toEqual([]);
  });

  /**
   * The modules inside the bundle files a command loaded: esbuild heads each module it bundles with
   * a `// path` comment (`// src/config/schema.ts`, `// node_modules/zod/v4/core/core.js`).
   */
  const bundledModules = (urls: string[]) =>
    urls
      .filter((u) => u.startsWith(pathToFileURL(path.join(ROOT, 'dist/bin/')).href))
      .flatMap((u) => [...readFileSync(new URL(u), 'utf8').matchAll(/^\/\/ (\S+\.(?:[cm]?js|ts|json))$/gm)].map((m) => m[1]));

  it("--help loads commander and the commands' descriptions, not zod, yaml or the config code", async () => {
    const { code, urls } = await modulesLoaded(['--help']);
    expect(code).toBe(0);
    const modules = bundledModules(urls);
    expect(modules.some((m) => m.includes('node_modules/commander/'))).toBe(true);
    expect(modules.filter((m) => /node_modules\/(zod|yaml)\/|^src\/(config|steps)\//.test(m))).toEqual([]);
  });

  it("validate loads the steps' options and checks, not their run-time code (renderers, quality checks, glossary)", async () => {
    const { code, urls } = await modulesLoaded(['validate', '--config', TINY_CONFIG]);
    expect(code).toBe(0);
    const modules = bundledModules(urls);
    expect(modules).toEqual(expect.arrayContaining(['src/config/schema.ts', 'src/steps/registry.ts', 'src/steps/translate.ts']));
    expect(modules.filter((m) => /^src\/(output|quality|glossary)\/|^src\/steps\/[\w-]+-run\.ts$|segment-fr\.ts$/.test(m))).toEqual([]);
  });

  it('translate loads them (the same hook sees them when a command uses a model)', async () => {
    const dir = tmp('translate');
    const { code, urls } = await modulesLoaded(
      ['translate', path.join(ROOT, 'examples/astana-sommet.fr.txt'), '--config', TINY_CONFIG, '--out', 'out', '--cache-dir', 'cache', '--quiet'],
      dir,
    );
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(modelRuntime(urls).some((u) => u.includes('@huggingface/transformers'))).toBe(true);
  }, 120_000);
});
