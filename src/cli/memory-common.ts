// What the xliff and tm commands share: finding the memory from the config, who is importing,
// reading input files with errors that name them, and printing an import's outcome.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import path from 'node:path';
import { loadConfig, type LoadedConfig } from '../config/load-config.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import { expectedTerms } from '../glossary/expected-terms.ts';
import { loadGlossary } from '../glossary/index.ts';
import type { ImportOutcome, ImportSettings } from '../memory/import-corrections.ts';
import { openMemory, type Memory } from '../memory/memory.ts';
import { NotTmxError } from '../memory/tmx.ts';
import { NotXliffError } from '../memory/xliff-read.ts';
import { XmlSyntaxError } from '../memory/xml.ts';
import { checkGlossary } from '../quality/index.ts';

export interface MemoryOptions {
  config: string;
  cacheDir?: string;
}

/** The config and the memory it points to (`cache.dir/memory.sqlite`, or `--cache-dir`). */
export async function openConfiguredMemory(opts: MemoryOptions): Promise<{ loaded: LoadedConfig; memory: Memory }> {
  const loaded = await loadConfig(opts.config);
  // A memory that is not usable is shown as the user's problem by the CLI (diagnostics/errors.ts).
  return { loaded, memory: openMemory(opts.cacheDir ? path.resolve(opts.cacheDir) : loaded.cacheDir) };
}

/** `--editor NAME`, else the account running the command. */
export function editorName(option: string | undefined): string {
  if (option?.trim()) return option.trim();
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The file's text, or a UserError naming it. */
export function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw UserError.from(messages.fileUnreadable(`${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`));
  }
}

/** Parses with `read`; a file that is not well-formed or not of the right kind is a UserError naming it. */
export function parseInput<T>(file: string, read: (text: string) => T): T {
  const text = readInput(file);
  try {
    return read(text);
  } catch (err) {
    if (err instanceof XmlSyntaxError || err instanceof NotXliffError || err instanceof NotTmxError) throw new UserError('BAD_INPUT_FILE', err.message);
    throw err;
  }
}

/**
 * Prints `N stored, N unchanged, N refused`, each refusal with its file, unit and reason, and a
 * warning for each stored correction missing a glossary spelling (the next run flags it too).
 * Exit code 1 when anything was refused.
 */
export async function reportImport(outcome: ImportOutcome, loaded: LoadedConfig): Promise<number> {
  const { stored, unchanged, refused } = outcome;
  process.stdout.write(`${stored.length} stored, ${unchanged} unchanged, ${refused.length} refused\n`);
  for (const r of refused) process.stderr.write(`${r.file}: unit ${r.unit}: refused: ${r.reason}\n`);
  const file = loaded.config.glossary ? path.resolve(loaded.dir, loaded.config.glossary) : undefined;
  const glossary = file && stored.length ? await loadGlossary(path.relative(process.cwd(), file)) : undefined;
  for (const e of stored) {
    const missing = checkGlossary(e.text, expectedTerms(loaded.config, glossary, e.source, e.lang), e.lang);
    for (const m of missing) process.stderr.write(`warning: ${e.lang} correction of "${e.source}": ${m.reason}\n`);
  }
  return refused.length ? 1 : 0;
}

export interface ImportOptions extends MemoryOptions {
  editor?: string;
}

/**
 * An import of XLIFF or TMX files: every file is read (with `read`, given the config's source
 * language) before anything is stored, so a broken file stops the import whole; then the units the
 * rules accept are stored and the outcome printed. Exit 1 when a unit was refused.
 */
export async function importFiles<U>(
  files: string[],
  opts: ImportOptions,
  read: (file: string, sourceLang: string) => U[],
  importUnits: (memory: Memory, units: U[], s: ImportSettings) => ImportOutcome,
): Promise<number> {
  const { loaded, memory } = await openConfiguredMemory(opts);
  try {
    const units = files.flatMap((file) => read(file, loaded.config.source));
    const outcome = importUnits(memory, units, {
      sourceLang: loaded.config.source,
      targets: Object.keys(loaded.config.targets),
      editor: editorName(opts.editor),
      now: Date.now(),
    });
    memory.put(outcome.stored);
    return await reportImport(outcome, loaded);
  } finally {
    memory.close();
  }
}
