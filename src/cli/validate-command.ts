import { validateProject } from '../pipeline/validate-project.ts';
import { ConfigError } from '../diagnostics/problem.ts';

/** `audarma validate`: the config, then every pipeline in its folder, all problems at once. */
export async function validateCommand(opts: { config: string }): Promise<number> {
  const { loaded, pipelines, problems } = await validateProject(opts.config);
  if (problems.length || !loaded) throw new ConfigError(problems);
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  const targets = Object.keys(loaded.config.targets);
  process.stdout.write(
    `${opts.config}: valid (${n(Object.keys(loaded.config.catalogue).length, 'model')}, ${n(targets.length, 'target')}: ${targets.join(', ')})\n` +
      `pipelines: ${pipelines.join(', ') || '(none)'}\n`,
  );
  return 0;
}
