import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ModelConfig } from '../config/schema.ts';

/**
 * Where a model's files live under the store. transformers.js's file cache puts the default
 * revision at `<dir>/<id>/` and a pinned one at `<dir>/<id>/<revision>/`.
 */
export function modelFolder(modelsDir: string, model: Pick<ModelConfig, 'id' | 'revision'>): string {
  const base = path.join(modelsDir, ...model.id.split('/'));
  return model.revision && model.revision !== 'main' ? path.join(base, model.revision) : base;
}

/** Files the loader needs for this dtype; a folder missing any of them is not usable. */
export function requiredFiles(model: Pick<ModelConfig, 'dtype'>): string[] {
  const suffix = model.dtype === 'fp32' ? '' : model.dtype === 'q8' ? '_quantized' : `_${model.dtype}`;
  return ['config.json', 'tokenizer.json', `onnx/encoder_model${suffix}.onnx`, `onnx/decoder_model_merged${suffix}.onnx`];
}

export function isModelPresent(modelsDir: string, model: Pick<ModelConfig, 'id' | 'revision' | 'dtype'>): boolean {
  const folder = modelFolder(modelsDir, model);
  return requiredFiles(model).every((f) => existsSync(path.join(folder, f)));
}

/** Bytes on disk under a folder (0 when absent). */
export function folderSize(folder: string): number {
  if (!existsSync(folder)) return 0;
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}
