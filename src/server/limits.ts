import type { FastifyInstance } from 'fastify';
import { ApiError } from '../diagnostics/errors.ts';

/**
 * Holds every request body to `limit` bytes before any of it is read. Fastify's bodyLimit covers
 * the bodies it parses itself (JSON, forms), not multipart ones, which @fastify/multipart reads
 * part by part, each part within its own limit but the sum unbounded: 990 MB of form fields were
 * read into memory. So a multipart body must say its length (every browser and client does), and
 * one longer than the limit is refused at once; Node ends the body at the length said.
 */
export function limitBody(app: FastifyInstance, limit: number): void {
  app.addHook('onRequest', async (req) => {
    const length = req.headers['content-length'];
    if (length !== undefined && Number(length) > limit) throw new ApiError(413, `Request body is too large: ${length} bytes, the limit is ${limit}`);
    const multipart = /^multipart\//i.test(req.headers['content-type'] ?? '');
    if (multipart && length === undefined) throw new ApiError(411, 'A multipart body must have a Content-Length');
  });
}
