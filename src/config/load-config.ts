import path from 'node:path';
import { ConfigError, formatPath, type Problem } from '../diagnostics/problem.ts';
import { checkConfigReferences } from './check-references.ts';
import { ConfigSchema, type Config } from './schema.ts';
import { problemAt, readYaml, type YamlSource } from './yaml-source.ts';
import { problemsFromZod } from './zod-problems.ts';

/** A validated config and the absolute places it points to. */
export interface LoadedConfig {
  config: Config;
  file: string;
  /** Folder of the config file: relative paths in it are relative to here. */
  dir: string;
  modelsDir: string;
  pipelinesDir: string;
  /** Folder of the embedded store. */
  cacheDir: string;
  source: YamlSource;
}

/** Validates parsed YAML against the config schema and its cross-references; collects every problem. */
export function validateConfig(source: YamlSource): { config?: Config; problems: Problem[] } {
  // jitless: a config is parsed once per process, and zod's fast path first compiles a parser per
  // object schema (new Function), which costs more than that one parse.
  const parsed = ConfigSchema.safeParse(source.data ?? {}, { jitless: true });
  if (!parsed.success) return { problems: problemsFromZod(parsed.error, source, ConfigSchema) };
  const problems = checkConfigReferences(parsed.data).map((i) => problemAt(source, i.path, i.m, formatPath(i.key ? [...i.path, i.key] : i.path), i.key));
  return problems.length ? { problems } : { config: parsed.data, problems };
}

/** Reads, parses and validates a config file. Throws ConfigError with every problem found. */
export async function loadConfig(file = 'config.yaml'): Promise<LoadedConfig> {
  const { source, problems } = await readYaml(file);
  if (problems.length) throw new ConfigError(problems);
  const { config, problems: invalid } = validateConfig(source);
  if (!config) throw new ConfigError(invalid);
  const dir = path.dirname(path.resolve(file));
  return {
    config,
    file,
    dir,
    modelsDir: path.resolve(dir, config.models.dir),
    pipelinesDir: path.resolve(dir, config.pipelines),
    cacheDir: path.resolve(dir, config.cache.dir),
    source,
  };
}
