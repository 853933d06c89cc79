import { runCommand } from './run-command.ts';

export interface TranslateOptions {
  config: string;
  pipeline?: string;
  out: string;
  cacheDir?: string;
  glossary?: string;
  quiet?: boolean;
  json?: boolean;
}

/** `audarma translate <files…>`: the desk's command, the same run as `audarma run` over the given files. */
export function translateCommand(files: string[], opts: TranslateOptions, argv: string[]): Promise<number> {
  return runCommand(
    opts.pipeline,
    { config: opts.config, input: files, out: opts.out, cacheDir: opts.cacheDir, glossary: opts.glossary, quiet: opts.quiet, json: opts.json },
    argv,
  );
}
