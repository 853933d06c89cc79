// The suite's global setup on a machine without Chromium: run by a user who may not install
// packages, it stops with the one command to run (as root it installs them itself).
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT } from '../package/run.ts';

describe('tests/setup/chromium.ts', () => {
  it('stops a run that may not install packages with the command that installs Chromium, the CJK font and xmllint', async () => {
    // Whether apt-get may run is the uid's business (root may); the message a user without that
    // right gets is what is tested here, in a process of its own with a Chromium that is not there.
    const script = `const { ensureChromium } = await import('./tests/setup/chromium.ts'); ensureChromium(false);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      env: cleanEnv({ AUDARMA_CHROMIUM: '/nonexistent/chromium', HOME: '/tmp' }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toContain(
      'Error: the browser tests need Chromium (/nonexistent/chromium): run as root `apt-get update && apt-get install -y chromium fonts-noto-cjk libxml2-utils`\n',
    );
    expect(code).toBe(1);
  });
});
