// `audarma xliff export|import` as commander declares them: options and help only. The XML,
// memory and result-schema code is imported when a command runs, so `--help` does not load it.
import type { Command } from 'commander';
import type { ImportOptions } from './memory-common.ts';
import type { ExportOptions } from './xliff-command.ts';

/** `audarma xliff export|import`, registered on the program; `done` receives the exit code. */
export function registerXliffCommands(program: Command, done: (code: number) => void): void {
  const xliff = program.command('xliff').description('hand editions to CAT tools (OmegaT, memoQ, Trados, Phrase, Weblate) as XLIFF and take corrections back');
  xliff
    .command('export')
    .description('write one edition of finished articles as XLIFF: one unit per source sentence, flags and glossary terms as notes')
    .argument('<result-folders...>', 'article folders of a run (OUT/<slug>) or their result.json')
    .requiredOption('-t, --target <lang>', 'the edition to export (en, kk, kk-Latn, ru, zh, zh-Hant, …)')
    .option('--version <version>', 'XLIFF version: 1.2 or 2.0', '1.2')
    .option('-o, --out <file>', 'file to write (default: standard output)')
    .action(async (folders: string[], opts: ExportOptions) => {
      const { xliffExport } = await import('./xliff-command.ts');
      done(await xliffExport(folders, opts));
    });
  xliff
    .command('import')
    .description('store the corrections in XLIFF files in the translation memory; prints how many were stored, unchanged and refused')
    .argument('<files...>', 'XLIFF 1.2 or 2.0 files exported by audarma and edited')
    .option('-c, --config <file>', 'config file', 'config.yaml')
    .option('--cache-dir <dir>', 'folder holding memory.sqlite (default: cache.dir of the config)')
    .option('--editor <name>', 'who made the corrections (default: the user running the command)')
    .action(async (files: string[], opts: ImportOptions) => {
      const { xliffImport } = await import('./xliff-command.ts');
      done(await xliffImport(files, opts));
    });
}
