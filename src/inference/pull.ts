import { pipeline } from '@huggingface/transformers';
import type { ModelConfig } from '../config/schema.ts';
import { firstLine } from '../diagnostics/errors.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import { configureTransformers } from './model-runner.ts';
import { prepareModel } from './q8-prepare.ts';

export interface PullProgress {
  file: string;
  loaded: number;
  total: number;
}

const NETWORK_CODES = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|fetch failed/;

/**
 * Downloads the files a model needs for its dtype into the model store, by loading it once
 * with downloads allowed: transformers.js fetches exactly what that load needs.
 */
export async function pullModel(modelsDir: string, hub: string, model: ModelConfig, onProgress: (p: PullProgress) => void): Promise<void> {
  configureTransformers(modelsDir, true, hub);
  try {
    const loaded = await pipeline(model.task, model.id, {
      dtype: model.dtype,
      revision: model.revision,
      // This load only fetches the files; a q8 decoder in optimum's tied layout is refused by
      // onnxruntime's optimizer until it is prepared below, so none is run here.
      session_options: { graphOptimizationLevel: 'disabled' },
      progress_callback: (info: { status: string; file?: string; loaded?: number; total?: number }) => {
        if (info.status === 'progress' && info.file) onProgress({ file: info.file, loaded: info.loaded ?? 0, total: info.total ?? 0 });
      },
    });
    await loaded.dispose();
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    const detail = [e.message, e.cause?.code].filter(Boolean).join(' ');
    if (NETWORK_CODES.test(detail)) throw UserError.from(messages.hubUnreachable(model.id, firstLine(detail)));
    throw UserError.from(messages.modelLoadFailed(model.id, firstLine(detail)));
  } finally {
    configureTransformers(modelsDir, false, hub);
  }
  prepareModel(modelsDir, model);
}
