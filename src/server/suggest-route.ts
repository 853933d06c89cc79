import type { FastifyInstance } from 'fastify';
import type { TextService } from '../app/text-service.ts';
import { CorrectionRefused } from '../memory/correct.ts';
import { ApiError, apiMessages } from './api-error.ts';
import { field, flag, text, wantsDetails } from './fields.ts';
import { keyOf, type Guard } from './guard.ts';
import type { Languages } from './languages.ts';

/**
 * `POST /suggest` as LibreTranslate 1.9 takes it (`q` the original, `s` the suggested
 * translation, `source`, `target`), answered `{"success": true}`. Here a suggestion is an
 * editor's correction: it goes into the translation memory, and every later translation of that
 * sentence into that edition (served, `run`, `translate`) uses it. audarma's own fields: `editor`
 * (who; the API key's name when keys are used and none is given) and `approved`.
 */
export function suggestRoute(app: FastifyInstance, deps: { service: TextService; languages: Languages; guard: Guard; enabled: boolean }): void {
  const { service, languages, guard } = deps;
  app.post('/suggest', { preHandler: (req) => guard(req, true) }, async (req) => {
    if (!deps.enabled) throw new ApiError(403, apiMessages.suggestionsDisabled());
    if (req.body !== undefined && (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)))
      throw new ApiError(400, apiMessages.invalidJson());
    const [q, s, source, target] = ['q', 's', 'source', 'target'].map((name) => {
      const value = text(req, name);
      if (!value) throw new ApiError(400, apiMessages.missing(name));
      return value;
    });
    const { from, to } = languages.resolve(source, target);
    const edition = languages.pair(from, to);
    const editor = text(req, 'editor') || keyOf.get(req)?.name || '';
    if (!editor.trim()) throw new ApiError(400, apiMessages.missing('editor'));
    try {
      // `approved` left out keeps an approval of the same text; said, it sets or takes it back.
      const approved = field(req, 'approved') === undefined ? undefined : flag(req, 'approved');
      const entry = await service.correct({ source: q, lang: edition, text: s, approved, editor });
      return wantsDetails(req) ? { success: true, audarma: entry } : { success: true };
    } catch (err) {
      if (err instanceof CorrectionRefused) throw new ApiError(400, apiMessages.badSuggestion(err.message));
      throw err;
    }
  });
}
