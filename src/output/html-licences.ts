import { escapeHtml as esc } from './html-escape.ts';
import type { Result } from './result-schema.ts';

/** One model as a footer names it. */
export interface FooterModel {
  id: string;
  licence: string;
}

/**
 * The models behind a page's editions and summaries, each with its licence: whoever publishes an
 * edition needs to know what its models' licences allow (NLLB-200's forbids commercial use).
 * Derivations (`kk-latn-2021`) run no model and are left out.
 */
export function pageModels(result: Result, licences: Record<string, string>): FooterModel[] {
  const ids = new Set<string>();
  for (const e of Object.values(result.targets)) for (const m of [...e.models, ...(e.summaryModels ?? [])]) if (m.includes('/')) ids.add(m);
  return [...ids].map((id) => ({ id, licence: licences[id] ?? 'unknown' }));
}

/** ` Models: <code>id</code> (licence), …` for a footer, or nothing when no model ran. */
export function modelsLine(models: readonly FooterModel[]): string {
  if (models.length === 0) return '';
  return ` Models and their licences: ${models.map((m) => `<code>${esc(m.id)}</code> (${esc(m.licence)})`).join(', ')}.`;
}
