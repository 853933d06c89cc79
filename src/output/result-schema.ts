import * as z from 'zod';
import { BLOCK_TYPES } from '../document/types.ts';

export const FlagSchema = z.strictObject({
  kind: z.enum(['script', 'length', 'untranslated', 'repetition', 'glossary', 'low-confidence']),
  reason: z.string(),
});

const SegmentSchema = z.strictObject({
  /** The source sentence this segment translates. */
  source: z.string(),
  text: z.string(),
  /** Where the text came from when not from the model: `memory`, an editor's correction from the translation memory. */
  origin: z.enum(['memory']).optional(),
  /** The editor's correction was signed off (XLIFF `final`), not only made. */
  approved: z.boolean().optional(),
  flags: z.array(FlagSchema).optional(),
  /** Glossary spellings the segment must contain. */
  terms: z.array(z.string()).optional(),
  /** How sure the model was of the text: the geometric mean of its tokens' probabilities, 0–1. */
  confidence: z.number().min(0).max(1).optional(),
  /** Character spans [start, end) of the words holding a token the model gave a probability below 0.5. */
  lowWords: z.array(z.tuple([z.int(), z.int()])).optional(),
});

/** One edition in result.json: same blocks as the source, in the same order. */
export const ResultEditionSchema = z.strictObject({
  lang: z.string(),
  /** Languages passed through from the source, e.g. ["fr", "en", "zh"]. */
  route: z.array(z.string()).min(2),
  /** Hub ids of the models (or names of derivations) used along the route. */
  models: z.array(z.string()),
  blocks: z.array(z.strictObject({ type: z.enum(BLOCK_TYPES), text: z.string(), segments: z.array(SegmentSchema) })),
  summary: z.string().optional(),
  summaryModels: z.array(z.string()).optional(),
  /** Quality flags of the summary, as a segment's. */
  summaryFlags: z.array(FlagSchema).optional(),
  /** Glossary spellings the summary must contain. */
  summaryTerms: z.array(z.string()).optional(),
  /** Number of flags per kind: the segments' and the summary's. */
  flags: z.record(z.string(), z.int()).optional(),
});

/** The contents of `OUT/<slug>/result.json`. */
export const ResultSchema = z.strictObject({
  version: z.literal(1),
  file: z.string(),
  slug: z.string(),
  pipeline: z.string(),
  /** Hash of the article's bytes and the settings it was made with: a rerun with the same skips it. */
  inputHash: z.string().optional(),
  source: z.strictObject({
    lang: z.string(),
    blocks: z.array(z.strictObject({ type: z.enum(BLOCK_TYPES), text: z.string(), segments: z.array(z.string()) })),
    /** Blocks the clean step removed as boilerplate. */
    dropped: z.array(z.strictObject({ type: z.enum(BLOCK_TYPES), text: z.string() })),
  }),
  summary: z.strictObject({ language: z.string(), model: z.string(), inputSegments: z.int(), totalSegments: z.int() }).optional(),
  targets: z.record(z.string(), ResultEditionSchema),
});
export type Result = z.infer<typeof ResultSchema>;
