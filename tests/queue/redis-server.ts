// A real redis-server for a test: its own process on a free loopback port, no persistence (the
// tests that restart it see what a Redis restarted empty does), stopped by the test.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { redisServerPath } from '../setup/redis.ts';

/** A port nothing listens on now (the kernel's pick for a listener on port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface TestRedis {
  url: string;
  port: number;
  /** Stops it (SIGTERM, no save) and waits until it is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port; empty, as a Redis without persistence comes back. */
  start(): Promise<void>;
  /** A client for looking at the queues from the test (disconnect it when done). */
  client(): Redis;
}

export async function startRedis(extra: string[] = []): Promise<TestRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      redisServerPath(),
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', ...extra],
      {
        stdio: 'ignore',
      },
    );
    // Ready once it answers PING.
    for (let i = 0; i < 200; i++) {
      const c = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      c.on('error', () => {});
      try {
        await c.connect();
        await c.ping();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      } finally {
        c.disconnect();
      }
    }
    throw new Error(`redis-server on port ${port} never answered`);
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => c.once('exit', () => resolve()));
    c.kill('SIGTERM');
    await gone;
  };
  await start();
  const client = () => {
    const c = new Redis(url, { maxRetriesPerRequest: null });
    c.on('error', () => {}); // reconnecting while the test restarts Redis
    return c;
  };
  return { url, port, stop, start, client };
}
