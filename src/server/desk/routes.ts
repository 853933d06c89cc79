import type { ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, httpStatusOf } from '../../diagnostics/errors.ts';
import { CorrectionRefused } from '../../memory/correct.ts';
import { PAGE_STYLE } from '../../output/page-style.ts';
import { formatList, formatOf } from '../../document/formats/registry.ts';
import type { ApiKey } from '../api-keys.ts';
import { crossSiteMessage, isCrossSite } from '../cross-site.ts';
import { field, text, type UploadedFile } from '../fields.ts';
import { deskMessages } from '../messages.ts';
import { articleBody, articlePage } from './article-view.ts';
import { SLUG, type Desk, type DeskArticle } from './desk.ts';
import { articleDownload } from './downloads.ts';
import { MESSAGES, uiLang, type UiLang } from './i18n.ts';
import { suggestionRoutes } from './suggestions.ts';
import { DESK_CSP, keyPage, listPage, notice } from './pages.ts';

export interface DeskRouteOptions {
  desk: Desk;
  apiKeys?: Map<string, ApiKey>;
  /** audarma's version, recorded in XLIFF files. */
  toolVersion: string;
}

/** The script and its style ship as plain files beside this module (copied to dist/ by the build). */
// Listed in scripts/build.mjs (RUNTIME_ASSETS) too, which copies them beside the bundled CLI.
const asset = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
const KEY_COOKIE = 'audarma_key';
const UI_COOKIE = 'audarma_ui';
const YEAR = 365 * 24 * 3600;

function cookies(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) out[part.slice(0, at).trim()] = decodeURIComponent(part.slice(at + 1).trim());
  }
  return out;
}

/** The desk web app: `/`, `/desk/…` pages, files and its JSON API, with its own CSP and no CORS. */
export async function deskRoutes(app: FastifyInstance, opts: DeskRouteOptions): Promise<void> {
  const { desk, apiKeys } = opts;
  const { config } = desk.runtimeConfig();
  const sourceLang = config.source;
  const separators = Object.fromEntries(Object.entries(config.targets).map(([k, t]) => [k, t.separator]));
  const script = asset('client.js');
  const style = asset('client.css');
  const ui = (req: FastifyRequest): UiLang => uiLang(cookies(req)[UI_COOKIE], req.headers['accept-language']);
  const allowed = (req: FastifyRequest) => !apiKeys || apiKeys.has(cookies(req)[KEY_COOKIE] ?? '');

  await app.register(async (scope) => {
    scope.addHook('onSend', async (_req, reply) => {
      // The desk is for people on this server's pages, not for other sites' scripts.
      for (const h of ['access-control-allow-origin', 'access-control-allow-headers', 'access-control-expose-headers', 'access-control-allow-methods', 'access-control-max-age']) reply.removeHeader(h);
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
      if (req.url === '/' || req.url.startsWith('/desk/articles/')) return reply.code(401).type('text/html; charset=utf-8').send(keyPage(ui(req), false));
      return reply.code(401).send({ error: MESSAGES[ui(req)].keyTitle });
    });
    scope.setErrorHandler((err, _req, reply) => {
      // The desk's refusals (and a correction the memory refuses) are answered; anything else is the server's.
      const status = httpStatusOf(err);
      if (status < 500) return reply.code(status).send({ error: (err as Error).message });
      throw err;
    });
    routes(scope);
  });

  function routes(r: FastifyInstance): void {
    const css = (body: string) => (_req: FastifyRequest, reply: FastifyReply) => reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(body);
    const js = (body: string) => (_req: FastifyRequest, reply: FastifyReply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(body);
    r.get('/desk/page.css', css(PAGE_STYLE));
    r.get('/desk/desk.css', css(style));
    r.get('/desk/desk.js', js(script));
    const html = (reply: FastifyReply, body: string, code = 200) => reply.code(code).type('text/html; charset=utf-8').send(body);

    r.post('/desk/key', async (req, reply) => {
      const key = text(req, 'api_key').trim();
      if (!apiKeys?.has(key)) return html(reply, keyPage(ui(req), true), 403);
      reply.header('set-cookie', `${KEY_COOKIE}=${encodeURIComponent(key)}; Path=/; Max-Age=${YEAR}; HttpOnly; SameSite=Strict`);
      return reply.redirect('/', 303);
    });

    r.get('/', async (req, reply) => html(reply, listPage(ui(req), desk.list(), sourceLang, desk.memory.suggestions.pending())));

    r.get<{ Params: { slug: string }; Querystring: { part?: string } }>('/desk/articles/:slug', async (req, reply) => {
      const state = desk.article(req.params.slug);
      const m = MESSAGES[ui(req)];
      if (!state) return html(reply, notice(ui(req), m.missing), 404);
      const result = desk.result(req.params.slug);
      if (!result) return html(reply, notice(ui(req), m.notReady), 404);
      const terms = await desk.glossaryTerms(result);
      if (req.query.part === 'body') return html(reply, articleBody(result, ui(req), separators, terms, desk.reviewer(result)));
      return html(reply, articlePage(result, state, ui(req), separators, terms, desk.reviewer(result)));
    });

    r.get('/desk/api/articles', async () => desk.list());
    suggestionRoutes(r, desk.memory);

    r.post('/desk/api/articles', async (req, reply) => {
      const file = field(req, 'file') as UploadedFile | undefined;
      if (!file || file.type !== 'file' || !file.filename) throw new ApiError(400, deskMessages.expectedFile());
      if (!formatOf(file.filename)) throw new ApiError(400, deskMessages.fileFormat(file.filename, formatList()));
      return reply.code(202).send(await desk.add(file.filename, await file.toBuffer()));
    });

    const slugOf = (req: FastifyRequest) => {
      const slug = (req.params as { slug: string }).slug;
      if (!desk.article(slug)) throw new ApiError(404, deskMessages.noArticle(slug));
      return slug;
    };
    const editor = (req: FastifyRequest) => text(req, 'editor').trim().slice(0, 100);

    r.post('/desk/api/articles/:slug/retranslate', async (req, reply) => {
      void desk.run(slugOf(req));
      return reply.code(202).send(desk.article(slugOf(req)));
    });

    const indexOf = (req: FastifyRequest, name: string) => {
      const v = Number(field(req, name));
      if (!Number.isInteger(v) || v < 0) throw new ApiError(400, deskMessages.notWhole(name));
      return v;
    };

    // What the correction form offers instead of the segment: the model's other candidates.
    r.get('/desk/api/articles/:slug/alternatives', async (req) => {
      const slug = slugOf(req);
      return { alternatives: await desk.alternatives(slug, text(req, 'lang'), indexOf(req, 'block'), indexOf(req, 'seg')) };
    });

    r.post('/desk/api/articles/:slug/corrections', async (req) => {
      const slug = slugOf(req);
      const index = (name: string) => indexOf(req, name);
      const approved = field(req, 'approved') === true;
      const rerun = await desk.correct(slug, { lang: text(req, 'lang'), block: index('block'), seg: index('seg'), text: text(req, 'text'), approved, editor: editor(req) });
      return { ...desk.article(slug), rerun };
    });

    // A bulk approval: the segments of an edition not yet approved, as one batch an undo takes back.
    r.post('/desk/api/articles/:slug/approve', async (req) => {
      const slug = slugOf(req);
      if (!editor(req)) throw new CorrectionRefused("the editor's name is missing");
      return desk.approve(slug, text(req, 'lang'), editor(req));
    });

    r.post('/desk/api/articles/:slug/approve/undo', async (req) => {
      const slug = slugOf(req);
      return { withdrawn: desk.undoApproval(slug, text(req, 'batch')) };
    });

    r.get<{ Params: { slug: string; name: string } }>('/desk/files/:slug/:name', async (req, reply) => {
      const { slug, name } = req.params;
      const result = SLUG.test(slug) ? desk.result(slug) : undefined;
      if (!result) throw new ApiError(404, deskMessages.noArticle(slug));
      let found: { type: string; body: string | Buffer } | undefined = articleDownload(result, name, opts.toolVersion, desk.reviewer(result));
      const onDisk = name === 'run-report.json' || (/^(.+)\.md$/.test(name) && Object.hasOwn(result.targets, name.slice(0, -3)));
      if (onDisk) found = { type: name.endsWith('.md') ? 'text/markdown' : 'application/json', body: await readFile(path.join(desk.dir, slug, name)) };
      // An office source's editions in its own format (`en.docx`), as the write step made them.
      const source = formatOf(result.file);
      const ext = source && !source.text ? source.extensions[0] : undefined;
      if (ext && name.endsWith(ext) && Object.hasOwn(result.targets, name.slice(0, -ext.length))) {
        const body = await readFile(path.join(desk.dir, slug, name));
        return reply.type(source!.contentType).header('content-disposition', `attachment; filename="${slug}.${name}"`).send(body);
      }
      if (!found) throw new ApiError(404, deskMessages.noFile(slug, name));
      return reply.type(`${found.type}; charset=utf-8`).header('content-disposition', `attachment; filename="${slug}.${name}"`).send(found.body);
    });

    r.get('/desk/events', (_req, reply) => {
      reply.hijack();
      const res = reply.raw;
      // `connection: close`: once the stream ends, its connection goes too, rather than idling in
      // keep-alive where the server's close would wait the keep-alive timeout (72 s) for it.
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': DESK_CSP, connection: 'close' });
      const send = (a: DeskArticle) => res.write(`event: article\ndata: ${JSON.stringify(a)}\n\n`);
      res.write('retry: 2000\n\n');
      desk.events.on('article', send);
      const ping = setInterval(() => res.write(': ping\n\n'), 20_000);
      const end = () => {
        clearInterval(ping);
        desk.events.off('article', send);
        streams.delete(res);
        if (!res.writableEnded) res.end();
      };
      streams.set(res, end);
      res.once('close', end);
    });
  }

  // Open event streams would hold the server's close: they end as it starts closing.
  const streams = new Map<ServerResponse, () => void>();
  app.addHook('preClose', async () => {
    for (const [res, end] of [...streams]) {
      end();
      // Its client may be gone without the socket saying so yet: the close must not wait for it.
      (res as ServerResponse).socket?.destroy();
    }
  });
}
