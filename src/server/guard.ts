import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../diagnostics/errors.ts';
import { apiMessages } from './messages.ts';
import type { ApiKey } from './api-keys.ts';
import { text } from './fields.ts';
import { Limiter } from './limiter.ts';

export interface GuardOptions {
  /** Keys allowed to translate; when given, every translation request needs one. */
  apiKeys?: Map<string, ApiKey>;
  /** Requests per minute per key (or per address without keys); a key's own reqLimit wins. */
  reqLimit?: number;
}

/** The key a request was let in with, for the request log. */
export const keyOf = new WeakMap<FastifyRequest, ApiKey>();

/** Wrong keys an address may send in a minute; past them, its keyed requests get 429 until the minute ends. */
export const FAILED_KEYS_PER_MINUTE = 10;

/** A key sent outside the body: `Authorization: Bearer KEY` (or the bare key), or `api_key` in the query string. */
function keyOutsideBody(req: FastifyRequest): string {
  const auth = req.headers.authorization?.trim() ?? '';
  if (auth) return auth.replace(/^Bearer\s+/i, '');
  const query = req.query as Record<string, unknown> | undefined;
  return typeof query?.api_key === 'string' ? query.api_key : '';
}

/**
 * Checks a request as LibreTranslate's access_check and limiter do: a key that is not in the
 * file is 403, a missing key where keys are required is 400, and past the limit per minute is
 * 429, a request counting as many as the texts it carries. Wrong keys are limited per address,
 * so keys cannot be guessed at speed. Checks that need no body run before the body is read
 * (`early`, an onRequest hook); the rest once it is parsed (the returned function, a preHandler).
 */
export function createGuard(app: FastifyInstance, opts: GuardOptions) {
  const limiter = new Limiter();
  const failures = new Limiter();
  const refuseKey = (req: FastifyRequest) => {
    failures.take(`address ${req.ip}`, 1, Number.MAX_SAFE_INTEGER);
    return new ApiError(403, apiMessages.invalidKey());
  };
  const early = async (req: FastifyRequest): Promise<void> => {
    if (!opts.apiKeys) return;
    if (failures.spent(`address ${req.ip}`, FAILED_KEYS_PER_MINUTE)) throw new ApiError(429, apiMessages.slowDown(FAILED_KEYS_PER_MINUTE));
    const sent = keyOutsideBody(req);
    if (sent && !opts.apiKeys.has(sent)) throw refuseKey(req);
  };
  const check = async (req: FastifyRequest, needsKey: boolean, texts = 1): Promise<void> => {
    if (opts.apiKeys) {
      const sent = text(req, 'api_key') || keyOutsideBody(req);
      const key = sent ? opts.apiKeys.get(sent) : undefined;
      if (sent && !key) throw refuseKey(req);
      if (!key && needsKey) throw new ApiError(400, apiMessages.keyRequired());
      if (key) keyOf.set(req, key);
    }
    const key = keyOf.get(req);
    const max = key?.reqLimit ?? opts.reqLimit;
    if (max !== undefined && !limiter.take(key ? `key ${key.key}` : `address ${req.ip}`, texts, max)) throw new ApiError(429, apiMessages.slowDown(max));
  };
  app.addHook('onRequest', async (req) => {
    // Only the API's own routes: the desk has its own key (a cookie), and info routes need none.
    if (req.method === 'POST' && GUARDED.has(req.routeOptions.url ?? '')) await early(req);
  });
  return check;
}

/** The routes that take a key. */
const GUARDED = new Set(['/translate', '/translate_file', '/suggest']);

export type Guard = ReturnType<typeof createGuard>;
