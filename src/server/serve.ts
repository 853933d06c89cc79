import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { openRuntime } from '../app/open-runtime.ts';
import { packageVersion } from '../app/package-version.ts';
import { openTextService, type TextService } from '../app/text-service.ts';
import { UserError } from '../diagnostics/messages.ts';
import type { DocumentSession } from '../runner/document-session.ts';
import { loadApiKeys } from './api-keys.ts';
import { createServer } from './create-server.ts';
import { isLoopback } from './cross-site.ts';
import { Desk } from './desk/desk.ts';
import { Downloads } from './downloads.ts';

export interface ServeSettings {
  host: string;
  port: number;
  config: string;
  cacheDir?: string;
  /** The `--api-keys` file. */
  apiKeys?: string;
  reqLimit?: number;
  /** Most texts in one `/translate` request. */
  batchLimit?: number;
  /** Time to receive a whole request, in milliseconds. */
  requestTimeoutMs?: number;
  /**
   * Whether `POST /suggest` takes proposals. Left out, as LibreTranslate has it: on when the server
   * has keys or listens on loopback only, off when anyone on the network could send them.
   */
  suggestions?: boolean;
  /** Where the JSON log lines go instead of stderr. */
  logFile?: string;
  /** The desk's folder of articles and editions. @default `desk/` in the cache folder */
  deskDir?: string;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Serves LibreTranslate's HTTP API over the runtime until SIGTERM or SIGINT. Then it stops
 * listening, answers the requests already in flight (new ones on open connections get 503),
 * stops the model workers, closes the cache and resolves to 0. A second signal ends it at once.
 */
export async function serve(settings: ServeSettings): Promise<number> {
  const apiKeys = settings.apiKeys ? await loadApiKeys(settings.apiKeys) : undefined;
  const runtime = await openRuntime({ config: settings.config, cacheDir: settings.cacheDir, texts: true, interactive: true });
  // One session for the whole server: `/translate`, `/suggest` and the desk share its cache,
  // memory and glossary (read again when its file changes).
  let session: DocumentSession | undefined;
  let service: TextService;
  try {
    await runtime.start();
    session = await runtime.openSession();
    service = await openTextService(runtime, session);
  } catch (err) {
    session?.close();
    await runtime.close();
    // A damaged cache or memory is shown as the user's problem by the CLI (diagnostics/errors.ts).
    throw err;
  }
  const downloads = new Downloads();
  const logger = { level: 'info', ...(settings.logFile ? { file: settings.logFile } : { stream: process.stderr }) };
  // The desk runs articles through the same session as `audarma run` runs its documents.
  const desk = new Desk(session!, path.resolve(settings.deskDir ?? path.join(runtime.loaded.cacheDir, 'desk')));
  const desked = { desk, toolVersion: packageVersion() };
  const suggestions = settings.suggestions ?? (Boolean(apiKeys) || isLoopback(settings.host));
  const app = await createServer({
    loaded: runtime.loaded,
    service,
    downloads,
    apiKeys,
    reqLimit: settings.reqLimit,
    batchLimit: settings.batchLimit,
    requestTimeoutMs: settings.requestTimeoutMs,
    suggestions,
    logger,
    desk: desked,
  });

  const shutDown = async () => {
    await app.close();
    await desk.close();
    service.close();
    session!.close();
    await runtime.close();
    await downloads.close();
  };
  try {
    await app.listen({ host: settings.host, port: settings.port });
  } catch (err) {
    await shutDown();
    throw new UserError('LISTEN_FAILED', `cannot listen on ${settings.host}:${settings.port}: ${(err as Error).message}`);
  }
  // Listening: from now on a signal stops the server gracefully.
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

  const { port } = app.server.address() as AddressInfo;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  app.log.info({ url: `http://${host}:${port}`, port }, 'listening');
  return stopped;
}
