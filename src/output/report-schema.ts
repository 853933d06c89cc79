import * as z from 'zod';

const Counts = z.record(z.string(), z.int());

/** The contents of `OUT/run-report.json`, written at the end of every run. */
export const RunReportSchema = z.strictObject({
  version: z.literal(1),
  pipeline: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  seconds: z.number(),
  documents: z.strictObject({
    total: z.int(),
    /** Translated and written in this run. */
    done: z.int(),
    failed: z.int(),
    /** Skipped because neither the article nor the config changed since a finished run. */
    unchanged: z.int(),
  }),
  segments: z.strictObject({
    /** Segments that went through a model in this run. */
    translated: z.int(),
    /** Segments answered from the cache. */
    cached: z.int(),
    /** Segments whose text is an editor's correction from the translation memory (no model ran for them). */
    memory: z.int(),
  }),
  /** Summaries made by the summarization model in this run, and those answered from the cache. */
  summaries: z.strictObject({ translated: z.int(), cached: z.int() }),
  /** Per target edition: segments translated, cached, taken from the translation memory, and quality flags by kind. */
  targets: z.record(z.string(), z.strictObject({ translated: z.int(), cached: z.int(), memory: z.int(), flags: Counts })),
  /** Quality flags by kind, all editions together. */
  flags: Counts,
  /** Seconds spent in each step kind, summed over documents (which overlap: more than the wall time). */
  stages: z.record(z.string(), z.number()),
  failures: z.array(z.strictObject({ file: z.string(), reason: z.string(), step: z.string().optional() })),
  articles: z.array(
    z.strictObject({
      file: z.string(),
      slug: z.string(),
      status: z.enum(['done', 'failed', 'unchanged']),
      /** Title of the source article, when it was read. */
      title: z.string().optional(),
      /** Flags per edition, by kind. */
      flags: z.record(z.string(), Counts),
      reason: z.string().optional(),
    }),
  ),
  /**
   * The run's least confident segments (below 1), least first: at most 20, at most 5 of one
   * article. `confidence` is result.json's; `block` and `seg` find the segment in the edition.
   */
  lowestConfidence: z
    .array(
      z.strictObject({
        file: z.string(),
        slug: z.string(),
        lang: z.string(),
        block: z.int(),
        seg: z.int(),
        confidence: z.number(),
        source: z.string(),
        text: z.string(),
      }),
    )
    .optional(),
  exitCode: z.int(),
  /** The models the pipeline uses, by catalogue key: hub id and licence (`unknown` when the catalogue gives none). */
  models: z.record(z.string(), z.strictObject({ id: z.string(), licence: z.string() })).optional(),
});
export type RunReport = z.infer<typeof RunReportSchema>;
