import type { FastifyInstance, FastifyRequest } from 'fastify';
import { httpStatusOf } from '../../diagnostics/errors.ts';
import type { ApiKey } from '../api-keys.ts';
import { crossSiteMessage, isCrossSite } from '../cross-site.ts';
import { text } from '../fields.ts';
import { MESSAGES, uiLang, type UiLang } from './i18n.ts';
import { DESK_CSP, keyPage } from './pages.ts';

const KEY_COOKIE = 'audarma_key';
const UI_COOKIE = 'audarma_ui';
const YEAR = 365 * 24 * 3600;

function cookies(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    // Other applications on the same host may set cookies this one cannot decode: skipped, never an error.
    try {
      out[part.slice(0, at).trim()] = decodeURIComponent(part.slice(at + 1).trim());
    } catch {
      // skipped (see above)
    }
  }
  return out;
}

/** The interface language of a request: the switch's cookie, else Accept-Language. */
export const uiOf = (req: FastifyRequest): UiLang => uiLang(cookies(req)[UI_COOKIE], req.headers['accept-language']);

export const htmlType = 'text/html; charset=utf-8';

/**
 * Who may use the desk and how it answers: its own headers (CSP, no CORS), no cross-site posts,
 * the interface language switch, the API key kept in a cookie (asked for on a page of its own),
 * and the desk's refusals answered as `{"error": …}`.
 */
export function deskAccess(scope: FastifyInstance, apiKeys: Map<string, ApiKey> | undefined): void {
  const allowed = (req: FastifyRequest) => !apiKeys || apiKeys.has(cookies(req)[KEY_COOKIE] ?? '');
  scope.addHook('onSend', async (_req, reply) => {
    // The desk is for people on this server's pages, not for other sites' scripts.
    for (const h of [
      'access-control-allow-origin',
      'access-control-allow-headers',
      'access-control-expose-headers',
      'access-control-allow-methods',
      'access-control-max-age',
    ])
      reply.removeHeader(h);
    reply.header('content-security-policy', DESK_CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (!reply.getHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  scope.addHook('onRequest', async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && isCrossSite(req)) return reply.code(403).send({ error: crossSiteMessage });
    // The switch: ?ui=fr is remembered, and the page shown again without it.
    const q = req.query as Record<string, string | undefined>;
    if (req.method === 'GET' && (q.ui === 'en' || q.ui === 'fr')) {
      reply.header('set-cookie', `${UI_COOKIE}=${q.ui}; Path=/; Max-Age=${YEAR}; SameSite=Lax`);
      return reply.redirect(req.url.split('?')[0], 303);
    }
    const open = req.url.startsWith('/desk/key') || /^\/desk\/(page\.css|desk\.css|desk\.js)$/.test(req.url.split('?')[0]);
    if (open || allowed(req)) return;
    if (req.url === '/' || req.url.startsWith('/desk/articles/'))
      return reply
        .code(401)
        .type(htmlType)
        .send(keyPage(uiOf(req), false));
    return reply.code(401).send({ error: MESSAGES[uiOf(req)].keyTitle });
  });
  scope.setErrorHandler((err, _req, reply) => {
    // The desk's refusals (and a correction the memory refuses) are answered; anything else is the server's.
    const status = httpStatusOf(err);
    if (status < 500) return reply.code(status).send({ error: (err as Error).message });
    throw err;
  });

  scope.post('/desk/key', async (req, reply) => {
    const key = text(req, 'api_key').trim();
    if (!apiKeys?.has(key))
      return reply
        .code(403)
        .type(htmlType)
        .send(keyPage(uiOf(req), true));
    reply.header('set-cookie', `${KEY_COOKIE}=${encodeURIComponent(key)}; Path=/; Max-Age=${YEAR}; HttpOnly; SameSite=Strict`);
    return reply.redirect('/', 303);
  });
}
