import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../../diagnostics/errors.ts';
import { formatList, formatOf } from '../../document/formats/registry.ts';
import { CorrectionRefused } from '../../memory/correct.ts';
import { field, text, type UploadedFile } from '../fields.ts';
import { deskMessages } from '../messages.ts';
import type { Desk } from './desk.ts';
import { suggestionRoutes } from './suggestions.ts';

/** The desk's JSON API, which its script calls: articles (upload, run again), corrections, approvals and proposals. */
export function apiRoutes(r: FastifyInstance, desk: Desk): void {
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
  const indexOf = (req: FastifyRequest, name: string) => {
    const v = Number(field(req, name));
    if (!Number.isInteger(v) || v < 0) throw new ApiError(400, deskMessages.notWhole(name));
    return v;
  };

  r.post('/desk/api/articles/:slug/retranslate', async (req, reply) => {
    void desk.run(slugOf(req));
    return reply.code(202).send(desk.article(slugOf(req)));
  });

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
}
