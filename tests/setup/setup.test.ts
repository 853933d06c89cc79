// The suite's global setup on a machine without Chromium: run by a user who is not root, it stops
// with the one command to run (as root it installs the packages itself; .ci/run does that on a
// fresh machine).
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT } from '../package/run.ts';

describe('tests/global-setup.ts', () => {
  it('stops a run by a non-root user with the command that installs Chromium and the CJK font', async () => {
    const script = `const { default: setup } = await import('./tests/global-setup.ts'); await setup();`;
    const nobody = 65534; // a real non-root process, not a flag telling the setup to act as one
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      uid: nobody,
      gid: nobody,
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
