import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, httpStatusOf } from '../../diagnostics/errors.ts';
import { formatList, formatOf } from '../../document/formats/registry.ts';
import { CorrectionRefused } from '../../memory/correct.ts';
import { field, text, type UploadedFile } from '../fields.ts';
import { deskMessages } from '../messages.ts';
import { type Desk, SegmentConflict } from './desk.ts';
import { MAX_NAME_BYTES } from '../file-routes.ts';
import { suggestionRoutes } from './suggestions.ts';

/** The desk's JSON API, which its script calls: articles (upload, run again), corrections, approvals and proposals. */
export function apiRoutes(r: FastifyInstance, desk: Desk): void {
  r.get('/desk/api/articles', async () => desk.list());
  suggestionRoutes(r, desk.memory);

  r.post('/desk/api/articles', async (req, reply) => {
    const file = field(req, 'file') as UploadedFile | undefined;
    if (!file || file.type !== 'file' || !file.filename) throw new ApiError(400, deskMessages.expectedFile());
    if (!formatOf(file.filename)) throw new ApiError(400, deskMessages.fileFormat(file.filename, formatList()));
    if (Buffer.byteLength(file.filename) > MAX_NAME_BYTES) throw new ApiError(400, `expected a file name of at most ${MAX_NAME_BYTES} bytes`);
    const replace = field(req, 'replace') === 'yes';
    try {
      return reply.code(202).send(await desk.add(file.filename, await file.toBuffer(), replace));
    } catch (err) {
      // The desk asks "replace?" on this answer rather than replacing an article unseen.
      if (httpStatusOf(err) === 409) return reply.code(409).send({ error: (err as Error).message, exists: true });
      throw err;
    }
  });

  r.delete('/desk/api/articles/:slug', async (req) => {
    const slug = (req.params as { slug: string }).slug;
    await desk.remove(slug);
    return { removed: slug };
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

  r.post('/desk/api/articles/:slug/corrections', async (req, reply) => {
    const slug = slugOf(req);
    const index = (name: string) => indexOf(req, name);
    const approved = field(req, 'approved') === true;
    const version = field(req, 'version');
    const c = { lang: text(req, 'lang'), block: index('block'), seg: index('seg'), text: text(req, 'text'), approved, editor: editor(req) };
    try {
      const rerun = await desk.correct(slug, { ...c, ...(typeof version === 'string' ? { version } : {}) });
      return { ...desk.article(slug), rerun };
    } catch (err) {
      // What the other editor saved, so this one can keep it or save over it knowingly.
      if (err instanceof SegmentConflict) return reply.code(409).send({ error: err.message, conflict: true, current: err.current, version: err.version });
      throw err;
    }
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
