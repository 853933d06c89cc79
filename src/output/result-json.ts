import type { Article } from '../document/article.ts';
import type { Result } from './result-schema.ts';

/** The article as result.json holds it: source blocks with their segments, and every requested edition. */
export function toResult(article: Article, pipeline: string, inputHash?: string): Result {
  const targets: Result['targets'] = {};
  for (const [lang, e] of Object.entries(article.editions)) {
    if (e.intermediate) continue;
    const flags: Record<string, number> = {};
    for (const b of e.blocks) for (const s of b.segments) for (const f of s.flags ?? []) flags[f.kind] = (flags[f.kind] ?? 0) + 1;
    for (const f of e.summaryFlags ?? []) flags[f.kind] = (flags[f.kind] ?? 0) + 1;
    targets[lang] = {
      lang,
      route: e.route,
      models: e.models,
      blocks: e.blocks.map((b) => ({
        type: b.type,
        text: b.text,
        segments: b.segments.map((s) => ({
          source: s.source,
          text: s.text,
          ...(s.origin ? { origin: s.origin } : {}),
          ...(s.approved ? { approved: true } : {}),
          ...(s.flags?.length ? { flags: s.flags } : {}),
          ...(s.terms?.length ? { terms: s.terms } : {}),
          ...(s.confidence !== undefined ? { confidence: s.confidence } : {}),
          ...(s.lowWords?.length ? { lowWords: s.lowWords } : {}),
        })),
      })),
      ...(e.summary !== undefined ? { summary: e.summary, summaryModels: e.summaryModels } : {}),
      ...(e.summaryFlags?.length ? { summaryFlags: e.summaryFlags } : {}),
      ...(e.summaryTerms?.length ? { summaryTerms: e.summaryTerms } : {}),
      flags,
    };
  }
  return {
    version: 1,
    file: article.file,
    slug: article.slug,
    pipeline,
    ...(inputHash ? { inputHash } : {}),
    source: {
      lang: article.sourceLang,
      blocks: article.blocks.map((b) => ({ type: b.type, text: b.text, segments: b.segments })),
      dropped: article.dropped.map((b) => ({ type: b.type, text: b.text })),
    },
    ...(article.summary ? { summary: article.summary } : {}),
    targets,
  };
}
