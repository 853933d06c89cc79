import type { Command } from 'commander';
import { messages, UserError } from '../diagnostics/messages.ts';
import { importTmxUnits } from '../memory/import-corrections.ts';
import { readTmx, writeTmx } from '../memory/tmx.ts';
import { writeFileAtomic } from '../output/atomic-write.ts';
import { importFiles, openConfiguredMemory, parseInput, type ImportOptions, type MemoryOptions } from './memory-common.ts';
import { toolVersion } from './xliff-command.ts';

interface ExportOptions extends MemoryOptions {
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
    const tmx = writeTmx(entries, { sourceLang: loaded.config.source, toolVersion: toolVersion(), now: Date.now() });
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

/** `audarma tm export|import`, registered on the program; `done` receives the exit code. */
export function registerTmCommands(program: Command, done: (code: number) => void): void {
  const tm = program.command('tm').description('move the translation memory between desks and into CAT tools as TMX');
  const memoryOptions = (cmd: Command) =>
    cmd
      .option('-c, --config <file>', 'config file', 'config.yaml')
      .option('--cache-dir <dir>', 'folder holding memory.sqlite (default: cache.dir of the config)');
  memoryOptions(
    tm
      .command('export')
      .description('write the translation memory as TMX 1.4b')
      .option('--format <format>', 'file format: tmx', 'tmx')
      .option('-o, --out <file>', 'file to write (default: standard output)')
      .option('-t, --target <lang>', 'only this edition\'s entries'),
  ).action(async (opts: ExportOptions) => done(await tmExport(opts)));
  memoryOptions(
    tm
      .command('import')
      .description('add the entries of TMX files to the translation memory (an entry here that is newer is kept)')
      .argument('<files...>', 'TMX files'),
  )
    .option('--editor <name>', 'who made entries whose TMX names nobody (default: the user running the command)')
    .action(async (files: string[], opts: ImportOptions) => done(await tmImport(files, opts)));
}
