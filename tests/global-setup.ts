// Once before the suite: what a fresh clone lacks after `npm ci` and before `npm test`.
import { ensureBuilt } from './setup/build.ts';
import { ensureChromium } from './setup/chromium.ts';

export default async function setup(): Promise<void> {
  // The CLI tests run the code the bin runs: the compiled dist/.
  ensureBuilt();
  // Debian's Chromium and a CJK font for tests/browser/.
  ensureChromium();
  // The tiny deterministic models, when they are absent.
  const { ensureTinyModels } = await import('./tiny/build.ts');
  await ensureTinyModels();
}
