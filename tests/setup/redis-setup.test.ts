// The suite's global setup on a machine without redis-server: run by a user who may not install
// packages, it stops with the one command to run (as root it installs Debian's itself).
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT } from '../package/run.ts';

describe('tests/setup/redis.ts', () => {
  it('stops a run that may not install packages with the command that installs redis-server', async () => {
    const script = `const { ensureRedis } = await import('./tests/setup/redis.ts'); ensureRedis(false);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      env: cleanEnv({ AUDARMA_REDIS_SERVER: '/nonexistent/redis-server' }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toContain(
      'Error: the queue tests need redis-server (/nonexistent/redis-server): run as root `apt-get update && apt-get install -y redis-server`\n',
    );
    expect(code).toBe(1);
  });

  it('finds the redis-server the queue tests start', async () => {
    const { ensureRedis, hasRedisServer } = await import('./redis.ts');
    expect(hasRedisServer()).toBe(true);
    expect(() => ensureRedis(false)).not.toThrow();
  });
});
