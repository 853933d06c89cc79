// The browser tests (tests/browser/) drive Debian's Chromium through playwright-core and take
// screenshots with Chinese text in them. On a fresh machine neither the browser nor a CJK font is
// there, nor xmllint for the XLIFF schema tests: as root, install them once before the suite, with apt-get's output shown; otherwise stop
// with the one command to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from '../browser/launch.ts';

export const INSTALL_COMMAND = 'apt-get update && apt-get install -y chromium fonts-noto-cjk libxml2-utils';

/** True when fontconfig knows a font covering Chinese (fonts-noto-cjk provides one). */
function hasCjkFont(): boolean {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
}

/** What is missing for the browser tests, in words; empty when nothing is. */
export function missingForBrowserTests(): string[] {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM_PATH)) missing.push(`Chromium (${CHROMIUM_PATH})`);
  if (!hasCjkFont()) missing.push('a CJK font (fonts-noto-cjk)');
  // Not for the browser, but installed the same way: the XLIFF tests validate with it.
  if (spawnSync('xmllint', ['--version']).status !== 0) missing.push('xmllint (libxml2-utils)');
  return missing;
}

/** `asRoot`: whether apt-get may run (the tests of this file say no, to see the message). */
export function ensureChromium(asRoot = process.getuid?.() === 0): void {
  const missing = missingForBrowserTests();
  if (missing.length === 0) return;
  const what = missing.join(' and ');
  if (!asRoot) {
    throw new Error(`the browser tests need ${what}: run as root \`${INSTALL_COMMAND}\``);
  }
  process.stderr.write(`tests: installing ${what} for the browser tests: ${INSTALL_COMMAND}\n`);
  const r = spawnSync('sh', ['-c', INSTALL_COMMAND], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) throw new Error(`\`${INSTALL_COMMAND}\` failed (exit ${r.status ?? r.signal}); the browser tests need ${what}`);
  // Possible when AUDARMA_CHROMIUM names a browser elsewhere than Debian's package puts it.
  const still = missingForBrowserTests();
  if (still.length > 0) throw new Error(`still missing after \`${INSTALL_COMMAND}\`: ${still.join(' and ')}`);
}
