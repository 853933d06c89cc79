import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { messages } from '../diagnostics/messages.ts';
import { ConfigError, formatPath, type Problem } from '../diagnostics/problem.ts';
import { STEPS } from '../steps/registry.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import { PipelineSchema, StepSchema, type Pipeline, type PipelineStep } from './pipeline-schema.ts';
import { editionOrder } from '../config/routes.ts';
import { problemAt, readYaml, type YamlSource } from '../config/yaml-source.ts';
import { problemsFromZod } from '../config/zod-problems.ts';

export interface LoadedPipeline {
  name: string;
  file: string;
  pipeline: Pipeline;
}

/** Names of the pipelines in the config's pipelines folder. */
export function pipelineNames(pipelinesDir: string): string[] {
  if (!existsSync(pipelinesDir)) return [];
  return readdirSync(pipelinesDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => f.replace(/\.ya?ml$/, ''))
    .sort();
}

/** Validates a parsed pipeline file against the step registry and the config; collects every problem. */
export function validatePipeline(source: YamlSource, loaded: LoadedConfig): { pipeline?: Pipeline; problems: Problem[] } {
  // jitless: parsed once per process, like the config (see load-config.ts).
  const parsed = PipelineSchema.safeParse(source.data ?? {}, { jitless: true });
  const problems = parsed.success ? [] : problemsFromZod(parsed.error, source, PipelineSchema);
  // Steps that are valid on their own are still checked against the config, so one run of
  // `validate` reports everything wrong with the file.
  const raw = (source.data as { steps?: unknown[] } | undefined)?.steps;
  const steps = Array.isArray(raw) ? raw.map((s) => StepSchema.safeParse(s, { jitless: true })) : [];
  const made = new Set<string>();
  steps.forEach((result, i) => {
    if (!result.success) return;
    const step = result.data as unknown as PipelineStep;
    const base = ['steps', i, 'with'];
    for (const issue of STEPS[step.uses].check?.(step.with as never, loaded.config) ?? []) {
      const p = [...base, ...issue.path];
      problems.push(problemAt(source, p, issue.m, formatPath(p)));
    }
    if (step.uses === 'translate') {
      const targets = (step.with.targets as string[]).filter((t) => loaded.config.targets[t]);
      for (const lang of editionOrder(loaded.config, targets)) made.add(lang);
    }
    const language = loaded.config.summary?.language;
    if (step.uses === 'summarize' && language && !made.has(language))
      problems.push(problemAt(source, ['steps', i, 'uses'], messages.summaryNeedsEdition(language), formatPath(['steps', i])));
  });
  return problems.length || !parsed.success ? { problems } : { pipeline: parsed.data as unknown as Pipeline, problems };
}

/** Loads a pipeline by name (from the config's pipelines folder) or by path. Throws ConfigError. */
export async function loadPipeline(nameOrFile: string, loaded: LoadedConfig): Promise<LoadedPipeline> {
  const isPath = /[\\/]|\.ya?ml$/.test(nameOrFile);
  const file = isPath ? nameOrFile : path.join(loaded.pipelinesDir, `${nameOrFile}.yaml`);
  if (!isPath && !existsSync(file)) {
    const m = messages.unknownPipeline(nameOrFile, pipelineNames(loaded.pipelinesDir), path.relative(process.cwd(), loaded.pipelinesDir) || '.');
    throw new ConfigError([{ code: m.code, file: loaded.file, message: m.message }]);
  }
  const { source, problems } = await readYaml(isPath ? file : path.relative(process.cwd(), file));
  if (problems.length) throw new ConfigError(problems);
  const { pipeline, problems: invalid } = validatePipeline(source, loaded);
  if (!pipeline) throw new ConfigError(invalid);
  return { name: path.basename(file).replace(/\.ya?ml$/, ''), file, pipeline };
}
