import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { redactSecrets } from '../diagnostics/redact.ts';
import { queueMessages } from './messages.ts';
import { SetupError, UserError } from '../diagnostics/messages.ts';

/** The queue of documents every queue worker takes from; runs find their own jobs by run id. */
export const DOCUMENTS_QUEUE = 'audarma-documents';
/** Scheduled runs: a queue of their own, so a run never waits behind the documents it enqueues. */
export const RUNS_QUEUE = 'audarma-runs';

/** `redis://HOST:PORT[/DB]` (or rediss://), checked before anything connects. */
export function parseQueueUrl(url: string, option = '--queue'): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const db = parsed?.pathname.replace(/^\//, '') ?? '';
  if (!parsed || !/^rediss?:$/.test(parsed.protocol) || !parsed.hostname || (db !== '' && !/^\d+$/.test(db))) {
    throw UserError.from(queueMessages.badUrl(option, url));
  }
  return url;
}

/** Milliseconds before the `times`-th reconnection: 250, 500, … up to 2 s. */
export const reconnectDelay = (times: number): number => Math.min(250 * times, 2000);

/**
 * What BullMQ connects with. `maxRetriesPerRequest: null`: a command waits for Redis to come
 * back instead of failing after a few reconnections (BullMQ requires it of workers); how long
 * anyone waits is ours to decide (queue.redisDownSeconds). Reconnection is tried every half
 * second at first, then every two, so a restarted Redis is found again quickly.
 */
export function connectionOptions(url: string): ConnectionOptions {
  return { url, maxRetriesPerRequest: null, retryStrategy: reconnectDelay };
}

/** What is wrong with the Redis at `url` for BullMQ, as `INFO` tells it; empty when nothing. */
export function problemsInInfo(info: string, url: string): string[] {
  const field = (name: string) => info.match(new RegExp(`^${name}:(.*)$`, 'm'))?.[1]?.trim();
  const problems: string[] = [];
  const version = field('redis_version');
  if (version && Number(version.split('.')[0]) < 5) problems.push(`Redis ${version} is too old: BullMQ needs 5 or later (6.2 or later recommended)`);
  const policy = field('maxmemory_policy');
  // BullMQ's keys must never be evicted: a queue with keys gone loses or repeats documents.
  if (policy && policy !== 'noeviction')
    problems.push(
      `maxmemory-policy is ${policy}; expected noeviction (BullMQ loses jobs when Redis evicts keys): set \`maxmemory-policy noeviction\` in redis.conf or run \`redis-cli -u ${redactSecrets(url)} CONFIG SET maxmemory-policy noeviction\``,
    );
  return problems;
}

/**
 * Before a run or a worker starts: Redis answers at `url` and suits BullMQ. A Redis that does
 * not answer within `waitMs` (a typo, a server not started) is a setup error, not a wait.
 */
export async function checkRedis(url: string, waitMs = 5000): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: waitMs, retryStrategy: () => null });
  // connect() only says "Connection is closed"; the error event says why (ECONNREFUSED …).
  let cause: Error | undefined;
  client.on('error', (err: Error) => (cause ??= err));
  let info: string;
  try {
    await client.connect();
    info = await client.info();
  } catch (err) {
    throw SetupError.from(queueMessages.unreachable(url, (cause ?? (err as Error)).message));
  } finally {
    client.disconnect();
  }
  const problems = problemsInInfo(info, url);
  if (problems.length) throw SetupError.from(queueMessages.unsuitable(url, problems));
}
