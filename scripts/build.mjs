// Builds the package: src/ → dist/ as plain JavaScript with type declarations (tsconfig.build.json),
// plus every file under src/ that is not TypeScript (the model worker's .mjs entry, JSON tables).
//   node scripts/build.mjs            a clean build (what `npm run build` and `prepare` run)
//   node scripts/build.mjs --if-stale  only when src/ or the tsconfig files changed since the last build
// Plain JavaScript, so it runs where nothing but Node and TypeScript is installed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
/** Written at the start of a build: anything changed after it makes the build stale. */
const STAMP = path.join(DIST, '.build-stamp');
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs'];

/** Newest modification time among the build's inputs (folders too: a deleted file changes its folder). */
function newestInput() {
  let newest = 0;
  const visit = (p) => {
    const s = statSync(p);
    newest = Math.max(newest, s.mtimeMs);
    if (s.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
  };
  for (const rel of INPUTS) if (existsSync(path.join(ROOT, rel))) visit(path.join(ROOT, rel));
  return newest;
}

/** True when dist/ was built from the sources as they are now. */
export function isBuildCurrent() {
  return existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestInput();
}

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

/** A clean build into a fresh folder, swapped in at the end so a failed build leaves the last one. */
export function build() {
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
      build();
    } catch (err) {
      process.stderr.write(`build: ${err.message}\n`);
      process.exit(1);
    }
    process.stdout.write(`built dist/ in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
}
