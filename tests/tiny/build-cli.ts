// `npm run tiny-models`: (re)builds the tiny models and lists the files written.
import { relative } from 'node:path';
import { buildTinyModels, TINY_MODELS_DIR } from './build.ts';

const started = performance.now();
let files = 0;
let total = 0;
await buildTinyModels(TINY_MODELS_DIR, (path, bytes) => {
  files++;
  total += bytes;
  console.log(`${String(bytes).padStart(9)}  ${relative(process.cwd(), path)}`);
});
const ms = (performance.now() - started).toFixed(0);
console.log(`${files} files, ${(total / 1024).toFixed(0)} KiB in ${TINY_MODELS_DIR} (${ms} ms)`);
