// The queue tests (tests/queue/) start real redis-server processes of their own, on free loopback
// ports. A fresh machine has no Redis: as root, install Debian's once before the suite, with
// apt-get's output shown; otherwise stop with the one command to run.
import { spawnSync } from 'node:child_process';

export const REDIS_INSTALL_COMMAND = 'apt-get update && apt-get install -y redis-server';

/** The redis-server the tests start: AUDARMA_REDIS_SERVER, else the one on PATH. */
export const redisServerPath = () => process.env.AUDARMA_REDIS_SERVER ?? 'redis-server';

/** True when redis-server runs (`--version`). */
export function hasRedisServer(): boolean {
  return spawnSync(redisServerPath(), ['--version'], { stdio: 'ignore' }).status === 0;
}

/** `asRoot`: whether apt-get may run (the setup test says no, to see the message). */
export function ensureRedis(asRoot = process.getuid?.() === 0): void {
  if (hasRedisServer()) return;
  const what = `redis-server (${redisServerPath()})`;
  if (!asRoot) throw new Error(`the queue tests need ${what}: run as root \`${REDIS_INSTALL_COMMAND}\``);
  process.stderr.write(`tests: installing ${what} for the queue tests: ${REDIS_INSTALL_COMMAND}\n`);
  const r = spawnSync('sh', ['-c', REDIS_INSTALL_COMMAND], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) throw new Error(`\`${REDIS_INSTALL_COMMAND}\` failed (exit ${r.status ?? r.signal}); the queue tests need ${what}`);
  if (!hasRedisServer()) throw new Error(`still missing after \`${REDIS_INSTALL_COMMAND}\`: ${what}`);
}
