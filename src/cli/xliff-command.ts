import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { packageVersion } from '../app/package-version.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import { importXliffUnits } from '../memory/import-corrections.ts';
import { exportUnits } from '../memory/xliff-units.ts';
import { readXliff } from '../memory/xliff-read.ts';
import { writeXliff, type ExportFile } from '../memory/xliff-write.ts';
import { ResultSchema, type Result } from '../output/result-schema.ts';
import { writeFileAtomic } from '../output/atomic-write.ts';
import { importFiles, parseInput, readInput, type ImportOptions } from './memory-common.ts';

/** An article folder of a run (or its result.json), read and checked. */
function readResult(where: string): { file: string; result: Result } {
  const file = existsSync(where) && statSync(where).isDirectory() ? path.join(where, 'result.json') : where;
  if (!existsSync(file)) throw UserError.from(messages.resultMissing(where));
  let json: unknown;
  try {
    json = JSON.parse(readInput(file));
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw UserError.from(messages.resultInvalid(file, `not JSON: ${(err as Error).message}`));
  }
  const parsed = ResultSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw UserError.from(messages.resultInvalid(file, `${issue.path.join('.') || 'top level'}: ${issue.message}`));
  }
  return { file, result: parsed.data };
}

export interface ExportOptions {
  target: string;
  version: string;
  out?: string;
}

/** `audarma xliff export <folders…> --target LANG`: the edition's segments as XLIFF, to a file or standard output. */
export async function xliffExport(folders: string[], opts: ExportOptions): Promise<number> {
  if (opts.version !== '1.2' && opts.version !== '2.0') throw UserError.from(messages.badOptionValue('--version', '1.2 or 2.0', opts.version));
  const read = folders.map(readResult);
  const sourceLang = read[0].result.source.lang;
  const files: ExportFile[] = read.map(({ file, result }) => {
    if (result.source.lang !== sourceLang) throw UserError.from(messages.sourceLanguagesDiffer(file, result.source.lang, read[0].file, sourceLang));
    if (!Object.hasOwn(result.targets, opts.target)) throw UserError.from(messages.editionMissing(file, opts.target, Object.keys(result.targets)));
    return { slug: result.slug, units: exportUnits(result, opts.target) };
  });
  // The edition's tag as result.json records it; the key where an older file lacks it.
  const targetLang = read[0].result.targets[opts.target].lang || opts.target;
  const xml = writeXliff(opts.version, files, { sourceLang, targetLang, toolVersion: packageVersion() });
  if (!opts.out) {
    process.stdout.write(xml);
    return 0;
  }
  await writeFileAtomic(opts.out, xml);
  const units = files.reduce((n, f) => n + f.units.length, 0);
  process.stdout.write(`${opts.out}: ${units} units, ${sourceLang} → ${opts.target}, XLIFF ${opts.version}\n`);
  return 0;
}

/** `audarma xliff import <files…>`: corrections into the memory; exit 1 when a unit was refused. */
export function xliffImport(files: string[], opts: ImportOptions): Promise<number> {
  return importFiles(files, opts, (file) => parseInput(file, (text) => readXliff(text, file)).units.map((u) => ({ ...u, file })), importXliffUnits);
}
