import * as z from 'zod';
import { locate, parseYaml, problemAt, readYaml, type YamlSource } from '../config/yaml-source.ts';
import { problemsFromZod } from '../config/zod-problems.ts';
import { messages } from '../diagnostics/messages.ts';
import { ConfigError, formatPath, type Problem } from '../diagnostics/problem.ts';
import { termKey } from './match.ts';
import { GlossaryEntrySchema, GlossarySchema, type Glossary, type GlossaryEntry } from './schema.ts';

/** Glossary-only messages, in the catalogue's manner (stable code, readable text). */
export const glossaryMessages = {
  duplicateSource: (term: string, firstLine: number) => ({
    code: 'GLOSSARY_DUPLICATE_SOURCE',
    message: `duplicate term ${JSON.stringify(term)}; it is already listed at line ${firstLine}`,
  }),
} as const;

/** Validates parsed glossary YAML; collects every problem rather than stopping at the first. */
export function validateGlossary(source: YamlSource): { glossary?: Glossary; problems: Problem[] } {
  // An empty file is an empty glossary, not an error: a project may start with none.
  const data = source.data ?? [];
  if (!Array.isArray(data)) {
    const parsed = GlossarySchema.safeParse(data);
    return { problems: parsed.success ? [] : problemsFromZod(parsed.error, source, GlossarySchema) };
  }
  const problems: Problem[] = [];
  const entries: GlossaryEntry[] = [];
  const firstLine = new Map<string, number>();
  data.forEach((raw, i) => {
    const parsed = GlossaryEntrySchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...entryProblems(parsed.error, source, i));
      return;
    }
    entries.push(parsed.data);
    // Matching ignores first-letter case and apostrophe form, so duplicates are judged the same way.
    const key = termKey(parsed.data.source);
    const seen = firstLine.get(key);
    if (seen === undefined) firstLine.set(key, locate(source, [i, 'source']).line);
    else problems.push(problemAt(source, [i, 'source'], glossaryMessages.duplicateSource(parsed.data.source, seen), formatPath([i, 'source'])));
  });
  return problems.length ? { problems } : { glossary: { entries, file: source.file }, problems };
}

/**
 * problemsFromZod places a missing key at the key of its parent map, which a list item does not
 * have, so such problems would land on line 1; here they point at the entry itself instead.
 */
function entryProblems(error: z.ZodError, source: YamlSource, i: number): Problem[] {
  const entry = (source.data as unknown[])[i];
  const isMissing = (issue: z.core.$ZodIssue): boolean =>
    issue.code === 'invalid_type' && issue.path.length === 1 && isMap(entry) && (entry as Record<string, unknown>)[String(issue.path[0])] === undefined;
  const missing = error.issues.filter(isMissing);
  const rest = error.issues.filter((issue) => !missing.includes(issue));
  const problems = rest.length ? problemsFromZod(new z.ZodError(rest), source, GlossarySchema, [i]) : [];
  for (const issue of missing) {
    const key = String(issue.path[0]);
    const expected = (issue as { expected?: string }).expected === 'string' ? 'a string' : 'a value';
    problems.push(problemAt(source, [i], messages.missingKey(key, expected), formatPath([i, key])));
  }
  return problems;
}

const isMap = (v: unknown): boolean => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Parses glossary text; problems are located as `FILE:LINE:COL key.path: message`. */
export function parseGlossary(file: string, text: string): { glossary?: Glossary; problems: Problem[] } {
  const { source, problems } = parseYaml(file, text);
  return problems.length ? { problems } : validateGlossary(source);
}

/** Reads and validates a glossary file. Throws ConfigError listing every problem. */
export async function loadGlossary(file: string): Promise<Glossary> {
  const { source, problems } = await readYaml(file);
  if (problems.length) throw new ConfigError(problems);
  const { glossary, problems: invalid } = validateGlossary(source);
  if (!glossary) throw new ConfigError(invalid);
  return glossary;
}
