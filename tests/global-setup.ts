// Once before the suite: what a fresh clone lacks after `npm ci` and before `npm test`.
import { ensureBuilt } from './setup/build.ts';
import { ensureChromium } from './setup/chromium.ts';
import { ensureOfficeTools } from './setup/office-tools.ts';
import { ensureRedis } from './setup/redis.ts';

export default async function setup(): Promise<void> {
  // The CLI tests run the code the bin runs: the compiled dist/.
  ensureBuilt();
  // Debian's Chromium and a CJK font for tests/browser/.
  ensureChromium();
  // Debian's redis-server for tests/queue/ (each test starts its own on a free port).
  ensureRedis();
  // Debian's LibreOffice and pandoc for the office round trips (tests/integration/office-*).
  ensureOfficeTools();
  // The tiny deterministic models, when they are absent.
  const { ensureTinyModels } = await import('./tiny/build.ts');
  await ensureTinyModels();
}
