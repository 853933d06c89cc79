import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Memory } from '../../memory/memory.ts';
import type { Suggestion } from '../../memory/suggestions.ts';
import { escapeHtml as esc } from '../../output/html-escape.ts';
import { CorrectionRefused } from '../../memory/correct.ts';
import { ApiError } from '../../diagnostics/errors.ts';
import { field, text } from '../fields.ts';
import { deskMessages } from '../messages.ts';
import type { Messages } from './i18n.ts';

/**
 * Proposals sent through `POST /suggest` wait here for an editor: accepted, one becomes the
 * editor's correction in the memory; rejected, it is forgotten.
 */
export function suggestionRoutes(r: FastifyInstance, memory: Memory): void {
  const idOf = (req: FastifyRequest) => {
    const id = Number((req.params as { id: string }).id);
    if (!Number.isSafeInteger(id) || id < 1) throw new ApiError(404, deskMessages.noSuggestion());
    return id;
  };
  r.get('/desk/api/suggestions', async () => memory.suggestions.pending());
  r.post('/desk/api/suggestions/:id/accept', async (req) => {
    const editor = text(req, 'editor').trim().slice(0, 100);
    if (!editor) throw new CorrectionRefused("the editor's name is missing");
    const entry = memory.suggestions.accept(idOf(req), editor, field(req, 'approved') === true);
    if (!entry) throw new ApiError(404, deskMessages.noSuggestion());
    return entry;
  });
  r.post('/desk/api/suggestions/:id/reject', async (req) => {
    if (!memory.suggestions.reject(idOf(req))) throw new ApiError(404, deskMessages.noSuggestion());
    return { rejected: true };
  });
}

/** The list page's section of waiting proposals; nothing when there are none. */
export function suggestionsSection(m: Messages, pending: Suggestion[], sourceLang: string): string {
  if (!pending.length) return '';
  const rows = pending.map(
    (s) =>
      `<tr data-suggestion="${s.id}"><td lang="${esc(sourceLang)}">${esc(s.source)}</td><td><code>${esc(s.lang)}</code></td>` +
      `<td lang="${esc(s.lang)}">${esc(s.text)}</td><td>${esc(s.machine ?? '')}</td><td>${esc(s.proposer)}</td>` +
      `<td class="actions"><button type="button" data-accept="${s.id}">${esc(m.accept)}</button> <button type="button" data-reject="${s.id}">${esc(m.reject)}</button></td></tr>`,
  );
  return (
    `<section class="suggestions" aria-labelledby="suggestions-h"><h2 id="suggestions-h">${esc(m.suggestions)}</h2><p>${esc(m.suggestionsHelp)}</p>` +
    `<table class="runs" id="suggestions"><thead><tr><th scope="col">${esc(m.source)}</th><th scope="col">${esc(m.edition)}</th>` +
    `<th scope="col">${esc(m.suggested)}</th><th scope="col">${esc(m.machine)}</th><th scope="col">${esc(m.proposer)}</th><th scope="col">${esc(m.actions)}</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></section>\n`
  );
}
