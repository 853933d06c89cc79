// The CLI tests run bin/audarma.js, which runs the compiled dist/: build it first, once per test
// run, when src/ changed since the last build (scripts/build.mjs --if-stale), with tsc's output shown.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function ensureBuilt(): void {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the build failed (node scripts/build.mjs): the CLI tests run dist/');
}
