// Builds the package: src/ → dist/ as plain JavaScript with type declarations (tsconfig.build.json),
// plus every file under src/ that is not TypeScript (the model worker's .mjs entry, JSON tables),
// and the command line bundled into dist/bin/ (see bundleCli).
//   node scripts/build.mjs            a clean build (what `npm run build` and `prepare` run)
//   node scripts/build.mjs --if-stale  only when src/ or the tsconfig files changed since the last build
// Plain JavaScript, so it runs where nothing but Node and the dev dependencies (TypeScript, esbuild) is installed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuildCurrent } from './build-stamp.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');

export { isBuildCurrent };

/** Copies what tsc does not emit: every non-TypeScript file under src/ (tsc already wrote the JSON it imports). */
function copyAssets(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dest = path.join(to, entry.name);
    if (entry.isDirectory()) copyAssets(src, dest);
    else if (!entry.name.endsWith('.ts')) {
      mkdirSync(to, { recursive: true });
      cpSync(src, dest);
    }
  }
}

/**
 * Relative imports still naming a `.ts` file in the emitted JavaScript. tsc rewrites them
 * (rewriteRelativeImportExtensions) but not everywhere: TypeScript 5.9 leaves an `import()`
 * inside an `export default` expression as written, which then fails only when it runs.
 */
function unrewrittenImports(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    // tsc's output only: the copied worker entry (.mjs) names model-worker.ts on purpose, for src/.
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s*|import\s*\(\s*)(['"])(\.{1,2}\/[^'"]*\.ts)\1/g)) found.push(`${path.relative(dir, file)}: ${m[2]}`);
  }
  return found;
}

/** Files under src/ that modules read beside themselves while running (the desk's page script and style). */
const RUNTIME_ASSETS = ['server/desk/client.js', 'server/desk/client.css'];

/** Packages the CLI bundle carries inside: what `--help` and `validate` load at every start. */
const INLINED = new Set(['commander', 'yaml', 'zod']);

/**
 * The CLI as a few files in dist/bin/ instead of some 250 modules (zod alone is 95): Node then
 * resolves, reads and compiles a handful of files at start, which is most of what `--help` and
 * `validate` cost. Each command's module stays a chunk imported when the command runs, and every
 * other package (the model runtime, the store, the server) stays an import of node_modules, so a
 * command loads only what it uses. The library (dist/index.js) is tsc's output, not this bundle.
 */
async function bundleCli(out) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    throw new Error('esbuild is missing: `npm ci` installs it (a dev dependency)');
  }
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
    .filter((name) => !INLINED.has(name))
    .flatMap((name) => [name, `${name}/*`]);
  const bin = path.join(out, 'bin');
  await esbuild.build({
    entryPoints: { main: path.join(ROOT, 'src/cli/main.ts') },
    outdir: bin,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // One folder, two below the package root like src/cli/: `../../package.json` still finds it.
    chunkNames: '[name]-[hash]',
    external,
    // The inlined packages are CommonJS (commander, yaml) and require Node's modules.
    banner: { js: "import { createRequire as __audarmaRequire } from 'node:module';\nconst require = __audarmaRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  // Files the code reads beside itself at run time (`new URL('./…', import.meta.url)`): in the
  // bundle, "itself" is a chunk in dist/bin/.
  for (const file of RUNTIME_ASSETS) cpSync(path.join(ROOT, 'src', file), path.join(bin, path.basename(file)));
  // The worker slot forks `./model-worker-process.mjs` beside its own code, here dist/bin/: point
  // it at the compiled worker entry, which finds the compiled worker beside itself.
  writeFileSync(
    path.join(bin, 'model-worker-process.mjs'),
    "// The model worker's entry, for the bundled CLI: the worker runs tsc's output in dist/inference/.\nimport '../inference/model-worker-process.mjs';\n",
  );
}

/** A clean build into a fresh folder, swapped in at the end so a failed build leaves the last one. */
export async function build() {
  const started = new Date();
  const out = path.join(ROOT, 'dist.tmp');
  rmSync(out, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', out], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(`tsc -p tsconfig.build.json failed (exit ${r.status ?? r.signal})`);
  }
  copyAssets(path.join(ROOT, 'src'), out);
  const left = unrewrittenImports(out);
  if (left.length) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(`imports of .ts files left in the built JavaScript (write them at the top level of the module):\n  ${left.join('\n  ')}`);
  }
  try {
    await bundleCli(out);
  } catch (err) {
    rmSync(out, { recursive: true, force: true });
    throw err;
  }
  // The stamp carries the start time: a source saved while tsc ran makes this build stale.
  const stamp = path.join(out, '.build-stamp');
  writeFileSync(stamp, `${started.toISOString()}\n`);
  utimesSync(stamp, started, started);
  const old = path.join(ROOT, 'dist.old');
  rmSync(old, { recursive: true, force: true });
  if (existsSync(DIST)) renameSync(DIST, old);
  renameSync(out, DIST);
  rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale') && isBuildCurrent()) {
    process.stdout.write('dist/ is up to date\n');
  } else {
    const t0 = performance.now();
    try {
      await build();
    } catch (err) {
      process.stderr.write(`build: ${err.message}\n`);
      process.exit(1);
    }
    process.stdout.write(`built dist/ in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
}
