import { packageVersion } from '../app/package-version.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import { importTmxUnits } from '../memory/import-corrections.ts';
import { readTmx, writeTmx } from '../memory/tmx.ts';
import { writeFileAtomic } from '../output/atomic-write.ts';
import { importFiles, openConfiguredMemory, parseInput, type ImportOptions, type MemoryOptions } from './memory-common.ts';

export interface ExportOptions extends MemoryOptions {
  format: string;
  out?: string;
  target?: string;
}

/** `audarma tm export --format tmx`: the whole memory (or one edition) as TMX 1.4b. */
export async function tmExport(opts: ExportOptions): Promise<number> {
  if (opts.format !== 'tmx') throw UserError.from(messages.badOptionValue('--format', 'tmx', opts.format));
  const { loaded, memory } = await openConfiguredMemory(opts);
  try {
    if (opts.target !== undefined && !Object.hasOwn(loaded.config.targets, opts.target))
      throw UserError.from(messages.unknownTarget(opts.target, Object.keys(loaded.config.targets)));
    const entries = memory.all(opts.target);
    const tmx = writeTmx(entries, { sourceLang: loaded.config.source, toolVersion: packageVersion(), now: Date.now() });
    if (!opts.out) {
      process.stdout.write(tmx);
      return 0;
    }
    await writeFileAtomic(opts.out, tmx);
    process.stdout.write(`${opts.out}: ${entries.length} entries, TMX 1.4b\n`);
    return 0;
  } finally {
    memory.close();
  }
}

/** `audarma tm import <files…>`: entries of TMX files into the memory; exit 1 when one was refused. */
export function tmImport(files: string[], opts: ImportOptions): Promise<number> {
  return importFiles(files, opts, (file, source) => parseInput(file, (text) => readTmx(text, file, source)), importTmxUnits);
}
