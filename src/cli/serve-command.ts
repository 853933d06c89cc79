import type { AddressInfo } from 'node:net';
import { openRuntime } from '../app/open-runtime.ts';
import { openTextService } from '../app/text-service.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import { loadApiKeys } from '../server/api-keys.ts';
import { createServer } from '../server/create-server.ts';
import { Downloads } from '../server/downloads.ts';
import { StoreCorruptError } from '../store/store.ts';

export interface ServeOptions {
  host: string;
  port: string;
  config: string;
  apiKeys?: string;
  reqLimit?: string;
  cacheDir?: string;
  logFile?: string;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** A whole number from `min` to `max`, or the usage error naming the option. */
function whole(value: string | undefined, option: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) throw UserError.from(messages.notANumber(option, value));
  return n;
}

/**
 * `audarma serve`: LibreTranslate's HTTP API over the runtime, until SIGTERM or SIGINT. Then it
 * stops listening, answers the requests already in flight (new ones on open connections get
 * 503), stops the model workers, closes the cache and resolves to 0. A second signal ends it at once.
 */
export async function serveCommand(opts: ServeOptions): Promise<number> {
  const port = whole(opts.port, '--port', 0, 65535)!;
  const reqLimit = whole(opts.reqLimit, '--req-limit', 1, Number.MAX_SAFE_INTEGER);
  const apiKeys = opts.apiKeys ? await loadApiKeys(opts.apiKeys) : undefined;
  const runtime = await openRuntime({ config: opts.config, cacheDir: opts.cacheDir, texts: true });
  let service;
  try {
    service = await openTextService(runtime);
  } catch (err) {
    await runtime.close();
    if (err instanceof StoreCorruptError) throw new UserError('STORE_CORRUPT', err.message);
    throw err;
  }
  const downloads = new Downloads();
  const logger = { level: 'info', ...(opts.logFile ? { file: opts.logFile } : { stream: process.stderr }) };
  const app = await createServer({ loaded: runtime.loaded, service, downloads, apiKeys, reqLimit, logger });

  const shutDown = async () => {
    await app.close();
    service.close();
    await runtime.close();
    await downloads.close();
  };
  const stopped = new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        app.log.warn({ signal }, 'stopping now, without waiting for requests in flight');
        runtime.kill();
        process.exit(1);
      }
      stopping = true;
      app.log.info({ signal }, 'stopping: no new requests; finishing those in flight');
      shutDown().then(
        () => {
          for (const s of STOP_SIGNALS) process.removeListener(s, onSignal);
          app.log.info('stopped');
          resolve(0);
        },
        (err) => {
          app.log.error({ err }, 'stopping failed');
          resolve(1);
        },
      );
    };
    for (const s of STOP_SIGNALS) process.on(s, onSignal);
  });

  try {
    await app.listen({ host: opts.host, port });
  } catch (err) {
    await shutDown();
    throw new UserError('LISTEN_FAILED', `cannot listen on ${opts.host}:${port}: ${(err as Error).message}`);
  }
  const address = app.server.address() as AddressInfo;
  app.log.info({ url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${address.port}`, port: address.port }, 'listening');
  return stopped;
}
