// Whether dist/ was built from the sources as they are now. Apart from build.mjs so that the bin,
// which asks at every start in a clone, loads nothing else for it; asynchronous so that the bin
// stats the sources on libuv's threads while the main thread loads the command line.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Written at the start of a build: anything changed after it makes the build stale. */
const STAMP = path.join(ROOT, 'dist', '.build-stamp');
/** What a build reads: a change to any of them makes dist/ stale. */
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs', 'scripts/build-stamp.mjs'];

/** Modification time of a file, or 0 when it is missing. */
async function mtime(file) {
  try {
    return (await stat(file)).mtimeMs;
  } catch (err) {
    if (err.code === 'ENOENT') return 0;
    throw err;
  }
}

/** Newest modification time under `p` (folders too: a deleted file changes its folder). */
async function newest(p) {
  const s = await stat(p);
  if (!s.isDirectory()) return s.mtimeMs;
  const below = await Promise.all((await readdir(p)).map((name) => newest(path.join(p, name))));
  return Math.max(s.mtimeMs, ...below);
}

/** True when dist/ was built from the sources as they are now. */
export async function isBuildCurrent() {
  const built = await mtime(STAMP);
  if (!built) return false;
  const inputs = await Promise.all(INPUTS.map(async (rel) => ((await mtime(path.join(ROOT, rel))) ? newest(path.join(ROOT, rel)) : 0)));
  return built >= Math.max(...inputs);
}
