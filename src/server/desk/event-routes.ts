import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Desk, DeskArticle } from './desk.ts';
import { DESK_CSP } from './pages.ts';

/**
 * `GET /desk/events`: the articles' states as server-sent events, which keep the pages current.
 * Open streams end as the server starts closing (`app`'s preClose), or they would hold its close.
 */
export function eventRoutes(r: FastifyInstance, app: FastifyInstance, desk: Desk): void {
  const streams = new Map<ServerResponse, () => void>();
  r.get('/desk/events', (_req, reply) => {
    reply.hijack();
    const res = reply.raw;
    // `connection: close`: once the stream ends, its connection goes too, rather than idling in
    // keep-alive where the server's close would wait the keep-alive timeout (72 s) for it.
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': DESK_CSP,
      connection: 'close',
    });
    const send = (a: DeskArticle) => res.write(`event: article\ndata: ${JSON.stringify(a)}\n\n`);
    res.write('retry: 2000\n\n');
    const removed = (slug: string) => res.write(`event: removed\ndata: ${JSON.stringify({ slug })}\n\n`);
    desk.events.on('article', send);
    desk.events.on('removed', removed);
    const ping = setInterval(() => res.write(': ping\n\n'), 20_000);
    const end = () => {
      clearInterval(ping);
      desk.events.off('article', send);
      desk.events.off('removed', removed);
      streams.delete(res);
      if (!res.writableEnded) res.end();
    };
    streams.set(res, end);
    res.once('close', end);
  });
  app.addHook('preClose', async () => {
    for (const [res, end] of [...streams]) {
      end();
      // Its client may be gone without the socket saying so yet: the close must not wait for it.
      res.socket?.destroy();
    }
  });
}
