import type { z } from 'zod';
import type { LoadedConfig } from '../config/load-config.ts';
import type { Config } from '../config/schema.ts';
import type { Article } from '../document/article.ts';
import type { Gateway } from '../inference/gateway.ts';
import type { Glossary } from '../glossary/index.ts';
import type { ArticleMemory } from '../memory/article-memory.ts';

/** What a step may use while it runs: the config, the models, the output folder. */
export interface StepContext {
  loaded: LoadedConfig;
  gateway: Gateway;
  outDir: string;
  /** Name of the pipeline being run, recorded in result.json. */
  pipeline: string;
  /** Terms every edition must spell as the glossary says. */
  glossary?: Glossary;
  /** Hash of the article's bytes and the settings, written into result.json for reruns. */
  inputHash?: string;
  /** Editors' corrections, used instead of the model for the segments they cover. */
  memory?: ArticleMemory;
  /** Other texts wanted per segment from the models' n-best lists (the API's `alternatives`); none when unset. */
  alternatives?: number;
}

/** A problem a step finds in its own options against the config, at a path under `with`. */
export interface OptionIssue {
  path: (string | number)[];
  m: { code: string; message: string };
}

export interface StepDefinition<S extends z.ZodType = z.ZodType> {
  /** The `uses:` value in pipeline YAML; also the file name. */
  kind: string;
  /** One line for `--help` and the docs. */
  description: string;
  /** Schema of the `with:` map; every field optional or defaulted unless the step cannot run without it. */
  options: S;
  /** Cross-checks of the options against the config (targets exist, a summary model is set). */
  check?(options: z.infer<S>, config: Config): OptionIssue[];
  run(article: Article, options: z.infer<S>, ctx: StepContext): Promise<void>;
}

/** Declares a step kind; the registry table is the only place that lists them. */
export function defineStep<S extends z.ZodType>(def: StepDefinition<S>): StepDefinition<S> {
  return Object.freeze(def);
}
