import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { LoadedConfig } from '../config/load-config.ts';
import type { TextService } from '../app/text-service.ts';
import { ApiError, firstLine } from '../diagnostics/errors.ts';
import { MarkupTooDeep } from '../document/markup-depth.ts';
import { apiMessages } from './messages.ts';
import type { Downloads } from './downloads.ts';
import { deskRoutes, type DeskRouteOptions } from './desk/routes.ts';
import { fileRoutes } from './file-routes.ts';
import { createGuard, keyOf, type GuardOptions } from './guard.ts';
import { infoRoutes } from './info-routes.ts';
import { Languages } from './languages.ts';
import { limitBody } from './limits.ts';
import { suggestRoute } from './suggest-route.ts';
import { translateRoute } from './translate-route.ts';

export interface ServerOptions extends GuardOptions {
  loaded: LoadedConfig;
  service: TextService;
  downloads: Downloads;
  /** Whether `POST /suggest` takes proposals (editor keys: corrections). */
  suggestions: boolean;
  /** Fastify's (pino's) logger settings: where the JSON lines go. */
  logger: FastifyServerOptions['logger'];
  /** The desk web app at `/` (src/server/desk/). */
  desk?: Omit<DeskRouteOptions, 'apiKeys'>;
  /** Most texts in one `/translate` request (a list `q`); more get 400. @default 1000 */
  batchLimit?: number;
  /** Milliseconds a client has to send a whole request, body included; a slower one gets 408. @default 30000 */
  requestTimeoutMs?: number;
}

/** Largest request body, all of a form's fields and files together: the read step's default limit for an article is 256 KB. */
export const BODY_LIMIT = 2 * 1024 * 1024;
export const DEFAULT_BATCH_LIMIT = 1000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/**
 * The HTTP face: LibreTranslate 1.9's API over the text service. Routes only read the request
 * and shape the answer; everything about translating lives in the core (src/app/).
 */
export async function createServer(opts: ServerOptions): Promise<FastifyInstance> {
  // Fastify's own two lines per request are replaced by one (onResponse below).
  const logController = new LogController({ disableRequestLogging: true });
  const requestTimeout = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const app = Fastify({
    logger: opts.logger,
    logController,
    bodyLimit: BODY_LIMIT,
    // A body trickled in slowly holds a connection and its memory: the whole request must arrive
    // within this time (Node answers 408 and closes). Node looks for late requests at this interval.
    requestTimeout,
    // Node 20 only applies the timeout given when the server is created (Fastify sets it after).
    http: { requestTimeout, connectionsCheckingInterval: Math.min(1000, requestTimeout) },
  });
  await app.register(formbody);
  // Busboy limits each part; limitBody (limits.ts) holds the whole body to BODY_LIMIT before any is read.
  await app.register(multipart, { attachFieldsToBody: true, limits: { fileSize: BODY_LIMIT, fieldSize: BODY_LIMIT, files: 1, fields: 100, parts: 101 } });
  limitBody(app, BODY_LIMIT);

  // One log line per request, once it is answered; the query string may hold a key, so only the path.
  let inFlight = 0;
  // Over when the response closes: finished, or its connection gone (a desk event stream the client
  // left never finishes, so never reaches onResponse).
  app.addHook('onRequest', async (_req, reply) => {
    inFlight++;
    reply.raw.once('close', () => inFlight--);
  });
  app.addHook('onResponse', async (req, reply) => {
    const client = keyOf.get(req)?.name;
    req.log.info(
      {
        method: req.method,
        path: req.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ip: req.ip,
        ...(client ? { client } : {}),
      },
      'request',
    );
  });
  // Once closing, an answer ends its connection: a client's idle keep-alive connection would
  // otherwise hold the shutdown for the keep-alive timeout after the last request in flight.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
    // Node closes the connections idle when the close starts; one that turns idle later (its client
    // keeps it alive) would hold the close for the keep-alive timeout, 72 s. Once no request is in
    // flight, every connection left is such a one.
    const sweep = setInterval(() => inFlight === 0 && app.server.closeAllConnections(), 50);
    app.server.once('close', () => clearInterval(sweep));
  });
  // The CORS headers LibreTranslate sends, so browser tools can call the server.
  app.addHook('onSend', async (_req, reply) => {
    if (closing) reply.header('connection', 'close');
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-allow-headers', 'Authorization, Content-Type');
    reply.header('access-control-expose-headers', 'Authorization');
    reply.header('access-control-allow-methods', 'GET, POST');
    reply.header('access-control-max-age', String(60 * 60 * 24 * 20));
  });
  app.options('/*', async (_req, reply) => reply.code(204).send());

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    if (err instanceof ApiError) return reply.code(err.status).send({ error: err.message });
    if (err instanceof MarkupTooDeep) return reply.code(400).send({ error: `Invalid request: ${err.message}` });
    const status = err.statusCode ?? 500;
    // Fastify's own refusals: a body that is not JSON, too large, of an unknown type.
    if (status < 500) {
      const badJson = err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY';
      return reply.code(status).send({ error: badJson ? apiMessages.invalidJson() : err.message });
    }
    req.log.error({ err, path: req.url.split('?')[0] }, 'request failed');
    return reply.code(500).send({ error: apiMessages.cannotTranslate(firstLine(err)) });
  });
  app.setNotFoundHandler(async (_req, reply) => reply.code(404).send({ error: 'Not Found' }));

  const languages = new Languages(opts.loaded.config);
  const guard = createGuard(app, opts);
  const deps = { service: opts.service, languages, guard, downloads: opts.downloads };
  translateRoute(app, { ...deps, batchLimit: opts.batchLimit ?? DEFAULT_BATCH_LIMIT });
  suggestRoute(app, { ...deps, enabled: opts.suggestions });
  fileRoutes(app, deps);
  infoRoutes(app, { ...deps, apiKeys: Boolean(opts.apiKeys), suggestions: opts.suggestions, inFlight: () => inFlight });
  if (opts.desk) await deskRoutes(app, { ...opts.desk, apiKeys: opts.apiKeys });
  return app;
}
