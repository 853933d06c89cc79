import * as z from 'zod';
import { LanguageTagSchema } from '../config/schema.ts';

/**
 * One glossary entry: a French term and how each edition must spell it.
 * Either `keep: true` (copy the term as written into every edition: names already in Latin
 * script that every edition keeps) or `targets` (a spelling per language), never both.
 */
export const GlossaryEntrySchema = z
  .strictObject({
    /** The term as it appears in French sources. */
    source: z.string().trim().min(1, { error: 'expected a non-empty term' }),
    /** Do not translate: every edition copies the term as written. */
    keep: z.literal(true).optional(),
    /** Spelling per language tag; a target without one gets the source as written. */
    targets: z.record(LanguageTagSchema, z.string().trim().min(1, { error: 'expected a non-empty spelling' })).optional(),
    /** Free text for translators and reviewers; not used by the pipeline. */
    note: z.string().optional(),
  })
  .superRefine((entry, ctx) => {
    // Worded as "expected …" because problemsFromZod appends ", got <value>".
    if (entry.keep && entry.targets) ctx.addIssue({ code: 'custom', path: ['keep'], message: 'expected either `keep: true` or `targets`, not both' });
    else if (!entry.keep && !entry.targets)
      ctx.addIssue({ code: 'custom', path: ['targets'], message: 'expected `targets` (a spelling per language) or `keep: true`' });
    else if (entry.targets && Object.keys(entry.targets).length === 0)
      ctx.addIssue({ code: 'custom', path: ['targets'], message: 'expected at least one spelling, such as `en: …`' });
  });

/** A glossary file is a list of entries. */
export const GlossarySchema = z.array(GlossaryEntrySchema);

export type GlossaryEntry = z.infer<typeof GlossaryEntrySchema>;

/** Loaded glossary terms; `file` is where they came from, for messages. */
export interface Glossary {
  entries: readonly GlossaryEntry[];
  file?: string;
}

/** A glossary from entries written in code (tests, callers); throws a ZodError on bad entries. */
export function defineGlossary(entries: readonly z.input<typeof GlossaryEntrySchema>[], file?: string): Glossary {
  return { entries: GlossarySchema.parse(entries), ...(file ? { file } : {}) };
}

/**
 * What an entry becomes in `lang`: its spelling, or the term as written (`found`) when it is
 * kept or has no spelling for this language, so a missing spelling never drops the term.
 */
export function spellingFor(entry: GlossaryEntry, lang: string, found = entry.source): { text: string; from: 'target' | 'keep' | 'source' } {
  if (entry.keep) return { text: found, from: 'keep' };
  const spelling = entry.targets?.[lang];
  return spelling === undefined ? { text: found, from: 'source' } : { text: spelling, from: 'target' };
}
