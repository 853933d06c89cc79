// Model worker processes start without the parent's module loader. Built (dist/, the installed
// package) the compiled worker sits beside this file; in the source tree (the tests import
// src/ directly) it is TypeScript, so tsx, a dev dependency, is registered first.
import { existsSync } from 'node:fs';

const built = new URL('./model-worker.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./model-worker.ts');
}
