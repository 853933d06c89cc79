import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TextService } from '../app/text-service.ts';
import { CorrectionRefused } from '../memory/correct.ts';
import { ApiError } from '../diagnostics/errors.ts';
import { apiMessages } from './messages.ts';
import { crossSiteMessage, isCrossSite } from './cross-site.ts';
import { field, flag, text, wantsDetails } from './fields.ts';
import { keyOf, type Guard } from './guard.ts';
import type { Languages } from './languages.ts';

/**
 * `POST /suggest` as LibreTranslate 1.9 takes it (`q` the original, `s` the suggested
 * translation, `source`, `target`), answered `{"success": true}`. A suggestion is a proposal: it
 * waits in the memory, unused, until an editor accepts it in the desk. One sent with a key marked
 * `editor: true` in the key file is an editor's correction at once, and every later translation of
 * that sentence into that edition (served, `run`, `translate`) uses it. audarma's own fields,
 * both optional: `editor` (who; the key's name when not given) and `approved` (editor keys only).
 * Other sites' pages are refused: the API answers any origin, but a suggestion changes what
 * everyone is served.
 */
export function suggestRoute(app: FastifyInstance, deps: { service: TextService; languages: Languages; guard: Guard; enabled: boolean }): void {
  const { service, languages, guard } = deps;
  // Refused before the body is read.
  const onRequest = async (req: FastifyRequest) => {
    if (isCrossSite(req)) throw new ApiError(403, crossSiteMessage);
    if (!deps.enabled) throw new ApiError(403, apiMessages.suggestionsDisabled());
  };
  app.post('/suggest', { onRequest, preHandler: (req) => guard(req, true) }, async (req) => {
    if (req.body !== undefined && (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)))
      throw new ApiError(400, apiMessages.invalidJson());
    const [q, s, source, target] = ['q', 's', 'source', 'target'].map((name) => {
      const value = text(req, name);
      if (!value) throw new ApiError(400, apiMessages.missing(name));
      return value;
    });
    const { from, to } = languages.resolve(source, target);
    const edition = languages.pair(from, to);
    const key = keyOf.get(req);
    const who = (text(req, 'editor').trim() || key?.name || '').slice(0, 100);
    try {
      if (key?.editor) {
        if (!who) throw new ApiError(400, apiMessages.missing('editor'));
        // `approved` left out keeps an approval of the same text; said, it sets or takes it back.
        const approved = field(req, 'approved') === undefined ? undefined : flag(req, 'approved');
        const entry = await service.correct({ source: q, lang: edition, text: s, approved, editor: who });
        return wantsDetails(req) ? { success: true, audarma: entry } : { success: true };
      }
      const proposal = await service.propose({ source: q, lang: edition, text: s, proposer: who });
      return wantsDetails(req) ? { success: true, audarma: { pending: true, ...proposal } } : { success: true };
    } catch (err) {
      if (err instanceof CorrectionRefused) throw new ApiError(400, apiMessages.badSuggestion(err.message));
      throw err;
    }
  });
}
