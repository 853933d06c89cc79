import path from 'node:path';
import type { LoadedConfig } from '../config/load-config.ts';
import { editionOrder, hopFor } from '../config/routes.ts';
import { checkLicences } from '../config/licences.ts';
import type { Config } from '../config/schema.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import { isModelPresent, modelFolder } from '../inference/model-store.ts';
import { prepareModel } from '../inference/q8-prepare.ts';
import { pullMissing } from './pull-models.ts';

/**
 * Before any work: every model in `keys` has a licence `models.allowLicenses` allows, is in the store, downloaded now when the config allows
 * it (a first run on a new machine), else named with the command that fetches it; and its
 * quantized decoder prepared for onnxruntime (q8-prepare.ts).
 */
export async function ensureModels(loaded: LoadedConfig, keys: string[]): Promise<void> {
  checkLicences(loaded.config, keys);
  const models = keys.map((k) => loaded.config.catalogue[k]);
  const missing = models.filter((m) => !isModelPresent(loaded.modelsDir, m));
  const errors =
    missing.length === 0
      ? []
      : loaded.config.models.allowDownload
        ? await pullMissing(loaded, missing)
        : missing.map((m) => messages.modelMissing(m.id, path.relative(process.cwd(), modelFolder(loaded.modelsDir, m)) || '.').message);
  if (errors.length) throw new UserError('MODEL_MISSING', errors.join('\naudarma: '));
  // Once here rather than in each model worker: they would all rewrite the same file at once.
  for (const m of models) prepareModel(loaded.modelsDir, m);
}

/** Catalogue keys of the models that make `targets` (pivots included; no summaries). */
export function modelsForTargets(config: Config, targets: readonly string[]): string[] {
  const used = new Set<string>();
  for (const lang of editionOrder(config, targets)) {
    const hop = hopFor(config, lang);
    if (hop.kind === 'model') used.add(hop.model);
  }
  return [...used];
}
