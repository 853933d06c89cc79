import type { Article } from '../document/article.ts';
import { SUMMARY_COUNT_KEY, type CacheCounts } from '../inference/caching-gateway.ts';
import type { ModelLicence } from '../config/licences.ts';
import type { RunReport } from '../output/report-schema.ts';

/** A segment the model was least sure of, as the report lists it. */
export interface LowSegment {
  lang: string;
  /** Block and segment index in the edition (result.json `targets.<lang>.blocks[block].segments[seg]`). */
  block: number;
  seg: number;
  confidence: number;
  source: string;
  text: string;
}

/** Segments the report lists, the run's least confident first; at most PER_ARTICLE of one article. */
export const LOWEST_IN_REPORT = 20;
const PER_ARTICLE = 5;

export interface ArticleOutcome {
  file: string;
  slug: string;
  status: 'done' | 'failed' | 'unchanged';
  title?: string;
  /** Quality flags per edition, by kind. */
  flags?: Record<string, Record<string, number>>;
  reason?: string;
  step?: string;
  /** Its least confident segments (below 1), least first. */
  lowest?: LowSegment[];
}

/**
 * What the report keeps of a finished article: its title and flag counts. Only this is held
 * until the end of the run, so memory stays flat however many articles a run has.
 */
export function outcomeOf(article: Article): Pick<ArticleOutcome, 'title' | 'flags' | 'lowest'> {
  const flags: Record<string, Record<string, number>> = {};
  let lowest: LowSegment[] = [];
  for (const [lang, e] of Object.entries(article.editions)) {
    if (e.intermediate) continue;
    const f = (flags[lang] = {} as Record<string, number>);
    for (const b of e.blocks) for (const s of b.segments) for (const flag of s.flags ?? []) f[flag.kind] = (f[flag.kind] ?? 0) + 1;
    // The summary is checked too; its flags count with the edition's.
    for (const flag of e.summaryFlags ?? []) f[flag.kind] = (f[flag.kind] ?? 0) + 1;
    e.blocks.forEach((b, block) =>
      b.segments.forEach((s, seg) => {
        if (s.confidence !== undefined && s.confidence < 1)
          lowest.push({ lang, block, seg, confidence: s.confidence, source: clip(s.source), text: clip(s.text) });
      }),
    );
  }
  lowest = lowest.sort((a, b) => a.confidence - b.confidence).slice(0, PER_ARTICLE);
  return { title: article.blocks.find((b) => b.type === 'title')?.text, flags, ...(lowest.length ? { lowest } : {}) };
}

/** A long segment shortened for the report (the whole one is in result.json). */
const clip = (t: string) => (t.length > 200 ? `${t.slice(0, 199)}…` : t);

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

/** Everything a person or a script needs to know about a run, from the outcome of each article. */
export function buildReport(input: {
  pipeline: string;
  started: Date;
  outcomes: ArticleOutcome[];
  counts: CacheCounts;
  /** Segments answered by the translation memory, per edition. */
  memory?: Record<string, number>;
  stages: Record<string, number>;
  failureThreshold: number;
  /** The models the pipeline uses, with their licences. */
  models?: Record<string, ModelLicence>;
}): RunReport {
  const { outcomes, counts } = input;
  const finished = new Date();
  const flags: Record<string, number> = {};
  const targets: RunReport['targets'] = {};
  const target = (lang: string) => (targets[lang] ??= { translated: 0, cached: 0, memory: 0, flags: {} });
  // Summaries are counted apart: they belong to no edition until translated into it.
  const { [SUMMARY_COUNT_KEY]: summariesTranslated = 0, ...translatedByLang } = counts.translated;
  const { [SUMMARY_COUNT_KEY]: summariesCached = 0, ...cachedByLang } = counts.cached;
  for (const [lang, n] of Object.entries(translatedByLang)) target(lang).translated += n;
  for (const [lang, n] of Object.entries(cachedByLang)) target(lang).cached += n;
  for (const [lang, n] of Object.entries(input.memory ?? {})) target(lang).memory += n;
  const articles: RunReport['articles'] = outcomes
    .slice()
    .sort((a, b) => a.file.localeCompare(b.file))
    .map((o) => {
      for (const [lang, kinds] of Object.entries(o.flags ?? {}))
        for (const [kind, n] of Object.entries(kinds)) {
          flags[kind] = (flags[kind] ?? 0) + n;
          const t = target(lang).flags;
          t[kind] = (t[kind] ?? 0) + n;
        }
      return {
        file: o.file,
        slug: o.slug,
        status: o.status,
        ...(o.title ? { title: o.title } : {}),
        flags: o.flags ?? {},
        ...(o.reason ? { reason: o.step ? `${o.step}: ${o.reason}` : o.reason } : {}),
      };
    });
  const lowest = outcomes
    .flatMap((o) => (o.lowest ?? []).map((l) => ({ file: o.file, slug: o.slug, ...l })))
    .sort((a, b) => a.confidence - b.confidence || a.file.localeCompare(b.file))
    .slice(0, LOWEST_IN_REPORT);
  const failed = outcomes.filter((o) => o.status === 'failed');
  const exitCode = failed.length > input.failureThreshold * outcomes.length || (failed.length && input.failureThreshold === 0) ? 1 : 0;
  return {
    version: 1,
    pipeline: input.pipeline,
    startedAt: input.started.toISOString(),
    finishedAt: finished.toISOString(),
    seconds: (finished.getTime() - input.started.getTime()) / 1000,
    documents: {
      total: outcomes.length,
      done: outcomes.filter((o) => o.status === 'done').length,
      failed: failed.length,
      unchanged: outcomes.filter((o) => o.status === 'unchanged').length,
    },
    segments: { translated: sum(counts.translated), cached: sum(counts.cached), memory: sum(input.memory ?? {}) },
    summaries: { translated: summariesTranslated, cached: summariesCached },
    targets,
    flags,
    stages: Object.fromEntries(Object.entries(input.stages).map(([k, v]) => [k, Math.round(v * 1000) / 1000])),
    failures: failed.map((o) => ({ file: o.file, reason: o.reason ?? 'failed', ...(o.step ? { step: o.step } : {}) })),
    articles,
    ...(lowest.length ? { lowestConfidence: lowest } : {}),
    exitCode,
    ...(input.models ? { models: input.models } : {}),
  };
}
