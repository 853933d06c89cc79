import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../diagnostics/errors.ts';
import { formatOf } from '../../document/formats/registry.ts';
import { PAGE_STYLE } from '../../output/page-style.ts';
import { deskMessages } from '../messages.ts';
import { htmlType, uiOf } from './access.ts';
import { articleBody, articlePage } from './article-view.ts';
import { SLUG, type Desk } from './desk.ts';
import { articleDownload } from './downloads.ts';
import { MESSAGES } from './i18n.ts';
import { listPage, notice } from './pages.ts';

/** The script and its style ship as plain files beside this module (copied to dist/ by the build). */
// Listed in scripts/build.mjs (RUNTIME_ASSETS) too, which copies them beside the bundled CLI.
const asset = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

/** What a browser loads: the script and styles, the list and article pages, and the article's files. */
export function pageRoutes(r: FastifyInstance, desk: Desk, toolVersion: string): void {
  const { config } = desk.runtimeConfig();
  const separators = Object.fromEntries(Object.entries(config.targets).map(([k, t]) => [k, t.separator]));
  const file = (type: string, body: string) => (_req: FastifyRequest, reply: FastifyReply) =>
    reply.type(`${type}; charset=utf-8`).header('cache-control', 'no-cache').send(body);
  r.get('/desk/page.css', file('text/css', PAGE_STYLE));
  r.get('/desk/desk.css', file('text/css', asset('client.css')));
  r.get('/desk/desk.js', file('text/javascript', asset('client.js')));
  const html = (reply: FastifyReply, body: string, code = 200) => reply.code(code).type(htmlType).send(body);

  r.get('/', async (req, reply) => html(reply, listPage(uiOf(req), desk.list(), config.source, desk.memory.suggestions.pending())));

  r.get<{ Params: { slug: string }; Querystring: { part?: string } }>('/desk/articles/:slug', async (req, reply) => {
    const ui = uiOf(req);
    const state = desk.article(req.params.slug);
    if (!state) return html(reply, notice(ui, MESSAGES[ui].missing), 404);
    const result = desk.result(req.params.slug);
    if (!result) return html(reply, notice(ui, MESSAGES[ui].notReady), 404);
    const terms = await desk.glossaryTerms(result);
    if (req.query.part === 'body') return html(reply, articleBody(result, ui, separators, terms, desk.reviewer(result)));
    return html(reply, articlePage(result, state, ui, separators, terms, desk.reviewer(result)));
  });

  r.get<{ Params: { slug: string; name: string } }>('/desk/files/:slug/:name', async (req, reply) => {
    const { slug, name } = req.params;
    const result = SLUG.test(slug) ? desk.result(slug) : undefined;
    if (!result) throw new ApiError(404, deskMessages.noArticle(slug));
    let found: { type: string; body: string | Buffer } | undefined = articleDownload(result, name, toolVersion, desk.reviewer(result));
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
}
