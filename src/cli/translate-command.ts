import path from 'node:path';
import { loadConfig } from '../config/load-config.ts';
import { loadPipeline } from '../config/load-pipeline.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import { createLocalGateway } from '../inference/local-gateway.ts';
import { isModelPresent, modelFolder } from '../inference/model-store.ts';
import { modelsUsed } from '../runner/models-used.ts';
import { runDocuments } from '../runner/run-documents.ts';

export interface TranslateOptions {
  config: string;
  pipeline?: string;
  out: string;
}

/** `audarma translate <files…>`: every article through the pipeline, one folder of outputs each. */
export async function translateCommand(files: string[], opts: TranslateOptions): Promise<number> {
  const loaded = await loadConfig(opts.config);
  const pipeline = await loadPipeline(opts.pipeline ?? loaded.config.defaultPipeline, loaded);
  const used = modelsUsed(loaded, pipeline.pipeline);
  if (!loaded.config.models.allowDownload) {
    const missing = used.map((k) => loaded.config.catalogue[k]).filter((m) => !isModelPresent(loaded.modelsDir, m));
    if (missing.length) {
      const lines = missing.map((m) => messages.modelMissing(m.id, path.relative(process.cwd(), modelFolder(loaded.modelsDir, m)) || '.').message);
      throw new UserError('MODEL_MISSING', lines.join('\naudarma: '));
    }
  }
  const gateway = createLocalGateway({
    modelsDir: loaded.modelsDir,
    catalogue: loaded.config.catalogue,
    allowDownload: loaded.config.models.allowDownload,
    hub: loaded.config.models.hub,
  });
  const started = Date.now();
  try {
    const result = await runDocuments({
      loaded,
      pipeline,
      files,
      outDir: opts.out,
      gateway,
      onEvent(e) {
        if (e.type === 'document:done') process.stderr.write(`done    ${e.file} -> ${path.join(opts.out, e.slug)}/\n`);
        if (e.type === 'document:failed') process.stderr.write(`failed  ${e.file}: ${e.reason}\n`);
      },
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(`${result.done.length} done, ${result.failed.length} failed in ${seconds} s\n`);
    return result.failed.length ? 1 : 0;
  } finally {
    await gateway.dispose();
  }
}
