import { Redis } from 'ioredis';
import type { QueueSettings } from '../config/schema.ts';
import { SetupError } from '../diagnostics/messages.ts';
import { reconnectDelay } from './connection.ts';
import { queueMessages } from './messages.ts';

/**
 * Asks Redis every second whether it is there, on a connection of its own: BullMQ's commands
 * wait for a lost Redis without end (maxRetriesPerRequest: null), so someone must decide how long
 * is too long. Says once when Redis stops answering and when it answers again; after
 * queue.redisDownSeconds of silence, calls `gone` once with the error to stop with.
 */
export function watchRedis(
  url: string,
  settings: QueueSettings,
  on: { warn(message: string): void; gone(err: SetupError): void },
): { stop(): void; silent(): Promise<void> } {
  const client = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: reconnectDelay });
  client.on('error', () => {}); // failed reconnections: the silence below is what is reported
  let lastAnswer = Date.now();
  let waiting = false;
  let done = false;
  const onSilence: (() => void)[] = [];
  const timer = setInterval(() => {
    client.ping().then(
      () => {
        lastAnswer = Date.now();
        if (waiting && !done) on.warn(queueMessages.redisBack(url));
        waiting = false;
      },
      () => {},
    );
    const silentMs = Date.now() - lastAnswer;
    if (silentMs > 2000 && !waiting) {
      waiting = true;
      on.warn(queueMessages.redisWaiting(url, settings.redisDownSeconds));
      for (const f of onSilence.splice(0)) f();
    }
    if (silentMs > settings.redisDownSeconds * 1000 && !done) {
      done = true;
      on.gone(SetupError.from(queueMessages.redisGone(url, settings.redisDownSeconds)));
    }
  }, 1000);
  return {
    /** Resolves once Redis has not answered for 2 s (at once if it is silent already). */
    silent: () => new Promise<void>((resolve) => (waiting ? resolve() : onSilence.push(resolve))),
    stop() {
      done = true;
      clearInterval(timer);
      client.disconnect();
    },
  };
}
