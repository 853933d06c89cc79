import path from 'node:path';
import { ConfigError, type Problem } from '../diagnostics/problem.ts';
import { loadConfig, type LoadedConfig } from '../config/load-config.ts';
import { pipelineNames, validatePipeline } from './load-pipeline.ts';
import { readYaml } from '../config/yaml-source.ts';

/** Validates a config file and every pipeline in its pipelines folder; returns every problem found. */
export async function validateProject(configFile: string): Promise<{ loaded?: LoadedConfig; pipelines: string[]; problems: Problem[] }> {
  let loaded: LoadedConfig;
  try {
    loaded = await loadConfig(configFile);
  } catch (err) {
    if (err instanceof ConfigError) return { pipelines: [], problems: err.problems };
    throw err;
  }
  const problems: Problem[] = [];
  const pipelines = pipelineNames(loaded.pipelinesDir);
  for (const name of pipelines) {
    const read = await readYaml(path.relative(process.cwd(), path.join(loaded.pipelinesDir, `${name}.yaml`)));
    problems.push(...(read.problems.length ? read.problems : validatePipeline(read.source, loaded).problems));
  }
  return { loaded, pipelines, problems };
}
