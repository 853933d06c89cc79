import type { FastifyInstance, FastifyRequest } from 'fastify';
// Brings in the types of app.createRateLimit.
import type {} from '@fastify/rate-limit';
import { ApiError } from '../diagnostics/errors.ts';
import { apiMessages } from './messages.ts';
import type { ApiKey } from './api-keys.ts';
import { text } from './fields.ts';

export interface GuardOptions {
  /** Keys allowed to translate; when given, every translation request needs one. */
  apiKeys?: Map<string, ApiKey>;
  /** Requests per minute per key (or per address without keys); a key's own reqLimit wins. */
  reqLimit?: number;
}

/** The key a request was let in with, for the request log. */
export const keyOf = new WeakMap<FastifyRequest, ApiKey>();

/**
 * Checks a request as LibreTranslate's access_check and limiter do: a key that is not in the
 * file is 403, a missing key where keys are required is 400, and past the limit per minute is
 * 429. Needs @fastify/rate-limit registered on `app` (with `global: false`).
 */
export function createGuard(app: FastifyInstance, opts: GuardOptions) {
  const limitOf = (req: FastifyRequest) => keyOf.get(req)?.reqLimit ?? opts.reqLimit;
  const limiter = app.createRateLimit({
    timeWindow: 60_000,
    keyGenerator: (req) => {
      const key = keyOf.get(req);
      return key ? `key ${key.key}` : `address ${req.ip}`;
    },
    max: (req) => limitOf(req) ?? Number.MAX_SAFE_INTEGER,
    allowList: (req) => limitOf(req) === undefined,
  });
  return async (req: FastifyRequest, needsKey: boolean): Promise<void> => {
    if (opts.apiKeys) {
      const sent = text(req, 'api_key');
      const key = sent ? opts.apiKeys.get(sent) : undefined;
      if (sent && !key) throw new ApiError(403, apiMessages.invalidKey());
      if (!key && needsKey) throw new ApiError(400, apiMessages.keyRequired());
      if (key) keyOf.set(req, key);
    }
    const limit = await limiter(req);
    if (!limit.isAllowed && limit.isExceeded) throw new ApiError(429, apiMessages.slowDown(limit.max));
  };
}

export type Guard = ReturnType<typeof createGuard>;
