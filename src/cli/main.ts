import { Command, CommanderError } from 'commander';
import { packageVersion } from '../app/package-version.ts';
import { ConfigError, formatProblem } from '../diagnostics/problem.ts';
import { EXIT, exitCodeOf, forUser } from '../diagnostics/errors.ts';
import { UserError } from '../diagnostics/messages.ts';
import { FORMATS } from '../document/formats/registry.ts';
import { DEFAULT_MARGIN } from '../eval/defaults.ts';
import { registerScore } from './score-definition.ts';
import { registerTmCommands } from './tm-definition.ts';
import { registerXliffCommands } from './xliff-definition.ts';

// Each command's module is imported when that command runs, not at start: `--help` or `validate`
// must not pay for loading the model runtime (transformers.js, onnxruntime), the store or the readers.

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
      .option('-g, --glossary <file>', "glossary file (YAML) for this run, instead of the config's glossary")
      .option('-q, --quiet', 'print nothing but errors')
      .option('--json', 'print one JSON event per line (start, each document, end)');

  runOptions(
    program
      .command('translate')
      .description(
        `translate articles (${Object.values(FORMATS)
          .map((f) => f.extensions[0])
          .join(', ')}) into every target of the pipeline`,
      )
      .argument('<files...>', 'article files'),
  )
    .option('-p, --pipeline <name>', 'pipeline name (file in the pipelines folder) or path to a pipeline file')
    .action(async (files: string[], opts) => {
      const { translateCommand } = await import('./translate-command.ts');
      code = await translateCommand(files, opts, argv);
    });

  runOptions(
    program
      .command('run')
      .description('run a pipeline over files, folders and globs, or a named job from the config (what a nightly cron calls)')
      .argument('[pipeline]', "pipeline name or file (default: the config's defaultPipeline)"),
  )
    .option('-i, --input <inputs...>', 'article files, folders or globs')
    .option('-j, --job <name>', 'run the named job from the config (inputs, pipeline, output)')
    .option('--concurrency <n>', 'documents in flight at once')
    .option('--failure-threshold <share>', 'share of documents that may fail before the exit code is 1 (0 to 1)')
    .option('--no-cache', 'ignore cached segments and unchanged articles (results are still stored)')
    .option('--clear-cache', 'empty the cache before running')
    .option('--queue <url>', 'Redis URL (redis://HOST:PORT[/DB]): the changed documents go to the queue workers there (audarma worker)')
    .action(async (pipeline: string | undefined, opts) => {
      const { runCommand } = await import('./run-command.ts');
      code = await runCommand(pipeline, opts, argv);
    });

  program
    .command('validate')
    .description('check the config and every pipeline; print each problem as FILE:LINE:COL key.path: message')
    .option(...configOption)
    .action(async (opts) => {
      const { validateCommand } = await import('./validate-command.ts');
      code = await validateCommand(opts);
    });

  const models = program.command('models').description('list or download the models the config names');
  models
    .command('list')
    .description('show each configured model: present or missing, size on disk, licence')
    .option(...configOption)
    .action(async (opts) => {
      const { modelsListCommand } = await import('./models-command.ts');
      code = await modelsListCommand(opts);
    });
  models
    .command('pull')
    .description('download models into the models folder (all configured ones when no id is given)')
    .argument('[ids...]', 'hub ids or catalogue keys')
    .option(...configOption)
    .action(async (ids: string[], opts) => {
      const { modelsPullCommand } = await import('./models-command.ts');
      code = await modelsPullCommand(ids, opts);
    });

  program
    .command('serve')
    .description(
      "answer LibreTranslate's HTTP API (POST /translate, /translate_file, /suggest; GET /languages, /health) and serve the desk web app at /, with the config's models, until SIGTERM or SIGINT",
    )
    .option(...configOption)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0: any free port)', '5000')
    .option('--api-keys <file>', 'YAML list of API keys ({key, name, reqLimit, editor}) (default: the AUDARMA_API_KEYS environment variable)')
    .option('--req-limit <n>', 'requests per minute per API key, or per address without keys (default: no limit)')
    .option('--batch-limit <n>', 'most texts in one /translate request (a list q); more get 400 (default: 1000)')
    .option('--request-timeout <seconds>', 'time a client has to send a whole request, body included; slower ones get 408 (default: 30)')
    .option('--cache-dir <dir>', 'folder of the cache (default: cache.dir of the config)')
    .option('--log-file <file>', 'write the JSON log lines to this file instead of stderr')
    .option('--suggestions', 'take POST /suggest: proposals wait for an editor in the desk (default: on with --api-keys or on a loopback --host)')
    .option('--no-suggestions', 'refuse POST /suggest')
    .option('--desk-dir <dir>', "the desk's articles and editions (default: desk/ in the cache folder)")
    .action(async (opts) => {
      const { serveCommand } = await import('./serve-command.ts');
      code = await serveCommand(opts);
    });

  program
    .command('worker')
    .description('take documents (and scheduled runs) from the queue at --queue and translate them, until SIGTERM or SIGINT')
    .option('--queue <url>', 'Redis URL: redis://HOST:PORT[/DB] (default: the AUDARMA_REDIS_URL environment variable, which keeps a password out of `ps`)')
    .option(...configOption)
    .option('--concurrency <n>', 'documents held at once (default: run.concurrency of the config)')
    .option('--model-workers <n>', 'model worker processes (default: inference.workers of the config, at least 1)')
    .option('--cache-dir <dir>', 'folder of the cache (default: cache.dir of the config); queue workers may share one')
    .option('-g, --glossary <file>', "glossary file (YAML), instead of the config's glossary")
    .action(async (opts) => {
      const { workerCommand } = await import('./worker-command.ts');
      code = await workerCommand(opts);
    });
  program
    .command('schedule')
    .description('have the queue workers run a job of the config at the times of a cron pattern (a BullMQ job scheduler)')
    .requiredOption('-j, --job <name>', 'the job of the config to run')
    .option('--cron <pattern>', 'when, as minute hour day month weekday: "0 2 * * *" is 02:00 every day')
    .option('--tz <zone>', 'time zone of the pattern, such as Asia/Almaty (default: UTC)')
    .option('--remove', "remove the job's schedule")
    .option('--queue <url>', 'Redis URL (default: queue of the job in the config)')
    .option(...configOption)
    .action(async (opts) => {
      const { scheduleCommand } = await import('./schedule-command.ts');
      code = await scheduleCommand(opts);
    });

  registerScore(program, (c) => (code = c));

  program
    .command('eval')
    .description("score the pipeline's translations of a test set against the same models called directly (chrF, BLEU)")
    .requiredOption('--testset <dir>', 'folder with manifest.yaml, source.<lang> and ref.<target> files')
    .option('--targets <list>', 'targets to evaluate, comma-separated (default: every target with a reference)')
    .option('--limit <n>', 'only the first n lines')
    .option('--margin <chrf>', `flag a target whose pipeline chrF is this far below the raw models' (default ${DEFAULT_MARGIN.toFixed(1)})`)
    .option(...configOption)
    .option('-o, --out <dir>', 'output folder for eval.json, eval.md and the translations', 'out/eval')
    .action(async (opts) => {
      const { evalCommand } = await import('./eval-command.ts');
      code = await evalCommand(opts);
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
    const shown = forUser(err);
    if (shown instanceof UserError) {
      process.stderr.write(`audarma: ${shown.message}\n`);
      return exitCodeOf(shown)!;
    }
    throw err;
  }
  return code;
}
