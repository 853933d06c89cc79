// A test set for `audarma eval`: a folder of line-aligned plain text, `source.<lang>` and one
// `ref.<target>` per target, described by manifest.yaml (name, licence, origin), so every score
// reported says what it was measured on and under which terms that text may be used.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { LanguageTagSchema } from '../config/schema.ts';
import { readYaml } from '../config/yaml-source.ts';
import { problemsFromZod } from '../config/zod-problems.ts';
import { UserError } from '../diagnostics/messages.ts';
import { ConfigError } from '../diagnostics/problem.ts';
import { evalMessages } from './messages.ts';
import { readLinesAsSacrebleu } from './python-text.ts';

export const TestsetManifestSchema = z.strictObject({
  /** What the test set is, as reports show it. */
  name: z.string().min(1),
  /** Licence of the text, an SPDX id where there is one (`CC-BY-SA-4.0`). */
  licence: z.string().min(1),
  /** Where the text comes from: project, address, version, which lines. */
  origin: z.string().min(1),
  /** Language of `source.<lang>`. */
  source: LanguageTagSchema,
  /** File beside the manifest crediting the authors, when the licence asks for one. */
  attribution: z.string().min(1).optional(),
});
export type TestsetManifest = z.infer<typeof TestsetManifestSchema>;

export interface Testset {
  dir: string;
  manifest: TestsetManifest;
  /** Source lines. */
  source: string[];
  /** Reference lines per target tag (`ref.kk` → `kk`), each as long as `source`. */
  refs: Record<string, string[]>;
}

const MANIFEST = 'manifest.yaml';

/** Lines of a test set file: one segment a line, CRLF or LF, trailing whitespace dropped (as scoring reads them). */
const linesOf = (file: string): string[] => readLinesAsSacrebleu(readFileSync(file, 'utf8'));

/** Reads and checks a test set folder; anything wrong is a UserError or ConfigError naming the file. */
export async function loadTestset(dir: string): Promise<Testset> {
  let names: string[];
  try {
    if (!statSync(dir).isDirectory()) throw UserError.from(evalMessages.notATestset(dir, 'not a folder'));
    names = readdirSync(dir);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw UserError.from(evalMessages.notATestset(dir, 'no such folder'));
  }
  if (!names.includes(MANIFEST)) throw UserError.from(evalMessages.notATestset(dir, `no ${MANIFEST}`));
  const { source, problems } = await readYaml(path.join(dir, MANIFEST));
  if (problems.length) throw new ConfigError(problems);
  const parsed = TestsetManifestSchema.safeParse(source.data ?? {});
  if (!parsed.success) throw new ConfigError(problemsFromZod(parsed.error, source, TestsetManifestSchema));
  const manifest = parsed.data;

  const sourceName = `source.${manifest.source}`;
  if (!names.includes(sourceName))
    throw UserError.from(evalMessages.notATestset(dir, `no ${sourceName} (the manifest's source language is "${manifest.source}")`));
  const sourceLines = linesOf(path.join(dir, sourceName));
  if (sourceLines.length === 0) throw UserError.from(evalMessages.noLines(path.join(dir, sourceName)));
  const refs: Record<string, string[]> = {};
  for (const name of names.filter((n) => n.startsWith('ref.')).sort()) {
    const file = path.join(dir, name);
    const lines = linesOf(file);
    if (lines.length !== sourceLines.length) throw UserError.from(evalMessages.lineCounts(file, lines.length, path.join(dir, sourceName), sourceLines.length));
    refs[name.slice('ref.'.length)] = lines;
  }
  return { dir, manifest, source: sourceLines, refs };
}

/** The first `limit` lines of a test set (all without a limit). */
export function limitTestset(t: Testset, limit?: number): Testset {
  if (limit === undefined) return t;
  return { ...t, source: t.source.slice(0, limit), refs: Object.fromEntries(Object.entries(t.refs).map(([k, v]) => [k, v.slice(0, limit)])) };
}
