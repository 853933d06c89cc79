import type { FastifyRequest } from 'fastify';

/**
 * Whether a browser sent this request for a page of another site: a form or script there must not
 * act for the people using this server (the desk's key is a cookie; a suggestion changes what
 * everyone is served). Browsers say where a request comes from in Sec-Fetch-Site, older ones only
 * in Origin; `Origin: null` (a sandboxed frame, a file:// page, a redirect from elsewhere) is never
 * this server's own. Clients that are not browsers send neither header and are not refused here.
 */
export function isCrossSite(req: FastifyRequest): boolean {
  // Sent by the browser itself, never by a page: when there, it decides.
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  // The host only: behind a proxy that ends TLS, the page is https while this server sees http.
  try {
    return origin === 'null' || new URL(origin).host !== req.host;
  } catch {
    return true;
  }
}

export const crossSiteMessage = 'cross-site request refused';

/** The loopback names and addresses: a server listening only there is reached from this machine alone. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::ffff:127.0.0.1';
}
