import type { LoadedConfig } from '../config/load-config.ts';
import type { Pipeline } from '../pipeline/pipeline-schema.ts';
import { editionOrder, hopFor, summaryModelFor } from '../config/routes.ts';

/** Catalogue keys of every model a pipeline will call, so missing ones are reported before any work. */
export function modelsUsed(loaded: LoadedConfig, pipeline: Pipeline): string[] {
  const { config } = loaded;
  const used = new Set<string>();
  const editions: string[] = [];
  for (const step of pipeline.steps) {
    if (step.uses === 'translate') {
      for (const lang of editionOrder(config, step.with.targets as string[])) {
        const hop = hopFor(config, lang);
        if (hop.kind === 'model') used.add(hop.model);
        editions.push(lang);
      }
    }
    if (step.uses === 'summarize' && config.summary) {
      used.add(config.summary.model);
      for (const lang of editions) {
        if (lang === config.summary.language || config.targets[lang].derive) continue;
        const key = summaryModelFor(config, lang);
        if (key) used.add(key);
      }
    }
  }
  return [...used];
}
