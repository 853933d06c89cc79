// The suite's global setup on a machine without Chromium: run by a user who is not root, it stops
// with the one command to run (as root it installs the packages itself; .ci/run does that on a
// fresh machine).
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT } from '../package/run.ts';

describe('tests/global-setup.ts', () => {
  it('stops a run by a non-root user with the command that installs Chromium and the CJK font', async () => {
    const script = `const { default: setup } = await import('./tests/global-setup.ts'); await setup();`;
    // A real non-root process (uid 65534, nobody), not a flag telling the setup to act as one. It
    // keeps the one capability of reading and searching folders, so it can load the checkout
    // wherever that lies (a clone in a mode-700 temporary folder too), and nothing more.
    const command = [process.execPath, '--import', 'tsx', '--input-type=module', '-e', script];
    const asNobody = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=+dac_read_search', '--ambient-caps=+dac_read_search'];
    const [exe, ...args] = process.getuid?.() === 0 ? [...asNobody, ...command] : command;
    const child = spawn(exe, args, {
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
