import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ConfigError, formatProblem } from '../diagnostics/problem.ts';
import { UserError } from '../diagnostics/messages.ts';
import { modelsListCommand, modelsPullCommand } from './models-command.ts';
import { runCommand } from './run-command.ts';
import { registerTmCommands } from './tm-command.ts';
import { translateCommand } from './translate-command.ts';
import { validateCommand } from './validate-command.ts';
import { registerXliffCommands } from './xliff-command.ts';

/** Exit codes: 0 every document done, 1 some document failed, 2 usage, config or setup error. */
export const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const;

/** The version in the package's own package.json (two folders up, from src/cli or a built copy alike). */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** Runs the CLI with `argv` (as process.argv) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = new Command('audarma')
    .description('Translate French news articles into English, Kazakh, Russian and Chinese editions with summaries, using local models.')
    .version(packageVersion(), '-V, --version', 'print the version of audarma')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const configOption = ['-c, --config <file>', 'config file', 'config.yaml'] as const;
  // What `translate` and `run` share: they are the same run over different ways of naming inputs.
  const runOptions = (cmd: Command) =>
    cmd
      .option(...configOption)
      .option('-o, --out <dir>', 'output folder', 'out')
      .option('--cache-dir <dir>', 'folder of the cache and run state (default: cache.dir of the config)')
      .option('-g, --glossary <file>', 'glossary file (YAML) for this run, instead of the config\'s glossary')
      .option('-q, --quiet', 'print nothing but errors')
      .option('--json', 'print one JSON event per line (start, each document, end)');

  runOptions(
    program
      .command('translate')
      .description('translate articles (.txt, .md, .html) into every target of the pipeline')
      .argument('<files...>', 'article files'),
  )
    .option('-p, --pipeline <name>', 'pipeline name (file in the pipelines folder) or path to a pipeline file')
    .action(async (files: string[], opts) => {
      code = await translateCommand(files, opts, argv);
    });

  runOptions(
    program
      .command('run')
      .description('run a pipeline over files, folders and globs, or a named job from the config (what a nightly cron calls)')
      .argument('[pipeline]', 'pipeline name or file (default: the config\'s defaultPipeline)'),
  )
    .option('-i, --input <inputs...>', 'article files, folders or globs')
    .option('-j, --job <name>', 'run the named job from the config (inputs, pipeline, output)')
    .option('--concurrency <n>', 'documents in flight at once')
    .option('--failure-threshold <share>', 'share of documents that may fail before the exit code is 1 (0 to 1)')
    .option('--no-cache', 'ignore cached segments and unchanged articles (results are still stored)')
    .option('--clear-cache', 'empty the cache before running')
    .action(async (pipeline: string | undefined, opts) => {
      code = await runCommand(pipeline, opts, argv);
    });

  program
    .command('validate')
    .description('check the config and every pipeline; print each problem as FILE:LINE:COL key.path: message')
    .option(...configOption)
    .action(async (opts) => {
      code = await validateCommand(opts);
    });

  const models = program.command('models').description('list or download the models the config names');
  models
    .command('list')
    .description('show each configured model: present or missing, size on disk, licence')
    .option(...configOption)
    .action(async (opts) => {
      code = await modelsListCommand(opts);
    });
  models
    .command('pull')
    .description('download models into the models folder (all configured ones when no id is given)')
    .argument('[ids...]', 'hub ids or catalogue keys')
    .option(...configOption)
    .action(async (ids: string[], opts) => {
      code = await modelsPullCommand(ids, opts);
    });

  // Program options (--version) are read only before a command, so `xliff export --version 2.0` is the command's own.
  program.enablePositionalOptions();
  registerXliffCommands(program, (c) => (code = c));
  registerTmCommands(program, (c) => (code = c));

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof ConfigError) {
      for (const p of err.problems) process.stderr.write(formatProblem(p) + '\n');
      process.stderr.write(`${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} found\n`);
      return EXIT.usage;
    }
    if (err instanceof UserError) {
      process.stderr.write(`audarma: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
  return code;
}
