// A Redis password never shows: not in a worker's errors (given on the command line or in
// AUDARMA_REDIS_URL, which keeps it out of `ps`), not in a lock file, which only its owner reads.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/diagnostics/redact.ts';
import { acquireLock, LOCK_FILE } from '../../src/store/lock.ts';
import { REPO, TINY_CONFIG } from '../integration/helpers.ts';
import { tmp } from '../integration/project.ts';
import { freePort } from './redis-server.ts';

const PW = 'S3cret-pw-4711';

describe('Redis passwords', () => {
  it('are redacted in URLs, the user name kept', () => {
    expect(redactSecrets(`ready on redis://:${PW}@10.0.0.5:6379/2 and rediss://queue:${PW}@r.example:6380`)).toBe(
      'ready on redis://:***@10.0.0.5:6379/2 and rediss://queue:***@r.example:6380',
    );
    expect(redactSecrets('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it("never appear in a worker's error, from --queue or from AUDARMA_REDIS_URL", async () => {
    const port = await freePort();
    const url = `redis://:${PW}@127.0.0.1:${port}`;
    for (const [args, env] of [
      [['--queue', url], {}],
      [[], { AUDARMA_REDIS_URL: url }],
    ] as const) {
      const r = spawnSync(process.execPath, [path.join(REPO, 'bin/audarma.js'), 'worker', '--config', TINY_CONFIG, ...args], {
        env: { ...process.env, ...env },
        encoding: 'utf8',
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`cannot reach Redis at redis://:***@127.0.0.1:${port}`);
      expect(r.stderr + r.stdout).not.toContain(PW);
    }
  });

  it("never appear in a lock file, which is its owner's only (0600)", async () => {
    const dir = tmp('lock-secret');
    const release = await acquireLock(dir, { command: `audarma run --queue redis://:${PW}@127.0.0.1:6379` });
    try {
      const file = path.join(dir, LOCK_FILE);
      expect(readFileSync(file, 'utf8')).toContain('"command":"audarma run --queue redis://:***@127.0.0.1:6379"');
      expect(statSync(file).mode & 0o777).toBe(0o600);
    } finally {
      await release();
    }
  });
});
