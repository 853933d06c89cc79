#!/usr/bin/env node
// Runs the compiled JavaScript in dist/ (the CLI is bundled into dist/bin/, see scripts/build.mjs):
// `npm ci` builds it (the `prepare` script), `npm run build` after a change to src/, and the
// published package ships it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/bin/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('audarma: dist/ is missing: run `npm run build` (npm ci runs it)\n');
  process.exit(2);
}
// In a clone (src/ beside dist/), say so when the sources changed since the last build.
if (existsSync(new URL('../src/', import.meta.url)) && existsSync(new URL('../scripts/build-stamp.mjs', import.meta.url))) {
  const { isBuildCurrent } = await import('../scripts/build-stamp.mjs');
  if (!isBuildCurrent()) process.stderr.write('audarma: src/ changed since dist/ was built: run `npm run build`\n');
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv);
