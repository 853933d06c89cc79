import path from 'node:path';
import type { LoadedConfig } from '../config/load-config.ts';
import type { ModelConfig } from '../config/schema.ts';
import { folderSize, isModelPresent, modelFolder } from '../inference/model-store.ts';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Bytes the model takes in the store when it is there whole, else undefined (`models list`). */
export function modelOnDisk(modelsDir: string, m: ModelConfig): number | undefined {
  return isModelPresent(modelsDir, m) ? folderSize(modelFolder(modelsDir, m)) : undefined;
}

/**
 * Downloads each model not yet in the store, with progress on stderr. Returns the error
 * messages of those that failed; the others are in the store when it returns.
 */
export async function pullMissing(loaded: LoadedConfig, models: ModelConfig[]): Promise<string[]> {
  const errors: string[] = [];
  for (const m of models) {
    if (isModelPresent(loaded.modelsDir, m)) {
      process.stderr.write(`${m.id}: already present\n`);
      continue;
    }
    process.stderr.write(`${m.id}: downloading (${m.dtype}) into ${path.relative(process.cwd(), modelFolder(loaded.modelsDir, m))}\n`);
    let last = 0;
    try {
      // Loads transformers.js: only when something is to be downloaded (`models list` never is).
      const { pullModel } = await import('../inference/pull.ts');
      await pullModel(loaded.modelsDir, loaded.config.models.hub, m, (p) => {
        if (Date.now() - last < 1000 && p.loaded < p.total) return;
        last = Date.now();
        const pct = p.total ? ` ${((100 * p.loaded) / p.total).toFixed(0)}%` : '';
        process.stderr.write(`  ${p.file} ${mb(p.loaded)}${p.total ? ` / ${mb(p.total)}` : ''}${pct}\n`);
      });
      process.stderr.write(`${m.id}: done\n`);
    } catch (err) {
      errors.push((err as Error).message);
    }
  }
  return errors;
}
