// `audarma tm export|import` as commander declares them: options and help only. The memory and
// TMX code is imported when a command runs, so `--help` does not load it.
import type { Command } from 'commander';
import type { ImportOptions } from './memory-common.ts';
import type { ExportOptions } from './tm-command.ts';

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
      .option('-t, --target <lang>', "only this edition's entries"),
  ).action(async (opts: ExportOptions) => {
    const { tmExport } = await import('./tm-command.ts');
    done(await tmExport(opts));
  });
  memoryOptions(
    tm
      .command('import')
      .description('add the entries of TMX files to the translation memory (an entry here that is newer is kept)')
      .argument('<files...>', 'TMX files'),
  )
    .option('--editor <name>', 'who made entries whose TMX names nobody (default: the user running the command)')
    .action(async (files: string[], opts: ImportOptions) => {
      const { tmImport } = await import('./tm-command.ts');
      done(await tmImport(files, opts));
    });
}
