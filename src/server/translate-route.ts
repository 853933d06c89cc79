import type { FastifyInstance, FastifyRequest } from 'fastify';
import { withOrigin, type TextService, type TextTranslation } from '../app/text-service.ts';
import { detectFrench } from '../document/detect-french.ts';
import { ApiError } from '../diagnostics/errors.ts';
import { apiMessages } from './messages.ts';
import { field, text, wantsDetails } from './fields.ts';
import type { Guard } from './guard.ts';
import type { Languages } from './languages.ts';

/** What audarma adds when asked (`details=true`), never in LibreTranslate's own fields. */
export const extras = (t: TextTranslation) => ({
  flags: t.flags,
  glossaryTerms: t.terms,
  route: t.route,
  models: t.models,
  memory: t.memory,
  ...(t.confidence !== undefined ? { confidence: Math.round(t.confidence * 1000) / 1000 } : {}),
});

/** Most alternatives a request may ask for, as LibreTranslate's `--alternatives-limit` default. */
export const ALTERNATIVES_LIMIT = 3;

/**
 * `alternatives` as LibreTranslate 1.9 reads it, `max(0, int(value))`: a whole number or its
 * text (a fraction is cut), anything else a 400; more than ALTERNATIVES_LIMIT a 400 too.
 */
function alternativesOf(value: unknown): number {
  if (value === undefined || value === null || value === '') return 0;
  const n = typeof value === 'number' ? Math.trunc(value) : typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw new ApiError(400, apiMessages.notANumber('alternatives'));
  if (n > ALTERNATIVES_LIMIT) throw new ApiError(400, apiMessages.tooMany('alternatives', ALTERNATIVES_LIMIT));
  return Math.max(0, n);
}

/**
 * `POST /translate` as LibreTranslate 1.9 answers it: `q` a string or a list, `source` (or
 * `auto`), `target`, `format` text or html, `alternatives`, `api_key`; `{translatedText}` back, a
 * list for a list, with `alternatives` (a list per text) when asked.
 */
export function translateRoute(app: FastifyInstance, deps: { service: TextService; languages: Languages; guard: Guard; batchLimit: number }): void {
  const { service, languages, guard } = deps;
  // A list `q` counts as as many requests as it has texts, as LibreTranslate counts it.
  const countOf = (req: FastifyRequest) => {
    const q = field(req, 'q');
    return Array.isArray(q) ? Math.max(q.length, 1) : 1;
  };
  app.post('/translate', { preHandler: (req) => guard(req, true, countOf(req)) }, async (req) => {
    if (req.body !== undefined && (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)))
      throw new ApiError(400, apiMessages.invalidJson());
    const q = field(req, 'q');
    const source = text(req, 'source');
    const target = text(req, 'target');
    if (!q || (Array.isArray(q) && q.length === 0)) throw new ApiError(400, apiMessages.missing('q'));
    if (!source) throw new ApiError(400, apiMessages.missing('source'));
    if (!target) throw new ApiError(400, apiMessages.missing('target'));
    const alternatives = alternativesOf(field(req, 'alternatives'));
    const batch = Array.isArray(q);
    const texts: unknown[] = batch ? q : [q];
    if (!texts.every((t) => typeof t === 'string')) throw new ApiError(400, apiMessages.notText('q'));
    if (texts.length > deps.batchLimit) throw new ApiError(400, apiMessages.tooManyTexts(texts.length, deps.batchLimit));

    let detected: { confidence: number; language: string } | undefined;
    if (source.toLowerCase() === 'auto') {
      const d = detectFrench(texts as string[]);
      if (!d.french) throw new ApiError(400, apiMessages.notDetected());
      detected = { confidence: d.confidence, language: languages.source.code };
    }
    const { from, to } = languages.resolve(detected?.language ?? source, target);
    const format = text(req, 'format') || 'text';
    if (format !== 'text' && format !== 'html') throw new ApiError(400, apiMessages.formatNotSupported(format));
    // LibreTranslate's `text` is the format table's `txt`.
    const out = await withOrigin(req.id, () =>
      service.translate(texts as string[], languages.pair(from, to), format === 'text' ? 'txt' : format, { alternatives }),
    );

    const body: Record<string, unknown> = { translatedText: batch ? out.map((o) => o.text) : out[0].text };
    if (alternatives > 0) body.alternatives = batch ? out.map((o) => o.alternatives ?? []) : (out[0].alternatives ?? []);
    if (detected) body.detectedLanguage = batch ? out.map(() => detected) : detected;
    if (wantsDetails(req)) body.audarma = batch ? out.map(extras) : extras(out[0]);
    return body;
  });
}
