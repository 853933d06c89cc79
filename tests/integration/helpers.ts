import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, type LoadedConfig } from '../../src/config/load-config.ts';
import type { ModelOutput } from '../../src/inference/gateway.ts';
import { createLocalGateway } from '../../src/inference/local-gateway.ts';
import type { StepContext } from '../../src/steps/define-step.ts';

/** The texts of a gateway's outputs, for tests of what the models wrote. */
export const textsOf = async (outputs: Promise<ModelOutput[]>): Promise<string[]> => (await outputs).map((o) => o.text);

export const REPO = path.resolve(import.meta.dirname, '../..');
export const TINY_CONFIG = path.join(REPO, 'tests/fixtures/tiny/config.yaml');

/** The tiny config's text for a copy elsewhere: its folders made absolute, `glossary` as its glossary. */
export function tinyConfigWith(glossary: string): string {
  return readFileSync(TINY_CONFIG, 'utf8')
    .replace('dir: models', `dir: ${path.join(REPO, 'tests/fixtures/tiny/models')}`)
    .replace('glossary: ../../../glossary.yaml', `glossary: ${glossary}`)
    .replace('pipelines: ../../../pipelines', `pipelines: ${path.join(REPO, 'pipelines')}`);
}

/**
 * Runs the real CLI (`bin/audarma.js`, as `npx audarma` does) and captures what a user sees. Not
 * spawnSync: a test worker blocked for a minute misses vitest's own messages and fails the run.
 */
export async function cli(args: string[], cwd = REPO): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await cliAsync(args, cwd).done;
  return { code: r.code ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A step context over the tiny models, for calling steps and helpers directly. */
export async function tinyContext(configFile = TINY_CONFIG): Promise<StepContext & { loaded: LoadedConfig }> {
  const loaded = await loadConfig(configFile);
  const gateway = createLocalGateway({ modelsDir: loaded.modelsDir, catalogue: loaded.config.catalogue });
  return { loaded, gateway, outDir: '', pipeline: 'article' };
}

/** The CLI as a child process this process can watch while it runs (serve it, signal it). */
export function cliAsync(
  args: string[],
  cwd = REPO,
): { child: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [path.join(REPO, 'bin/audarma.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}
