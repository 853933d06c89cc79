// The two things `audarma eval` compares, per target: the pipeline's translation path and the raw
// models of the same route. Both get the test set's source lines and give one output line each.
import type { LoadedConfig } from '../config/load-config.ts';
import { editionOrder, hopFor } from '../config/routes.ts';
import { derivation } from '../derive/index.ts';
import { newArticle } from '../document/article.ts';
import type { Glossary } from '../glossary/index.ts';
import type { Gateway } from '../inference/gateway.ts';
import type { StepContext } from '../steps/define-step.ts';
import { STEPS } from '../steps/registry.ts';

/** What both arms run on: the config, the models and the glossary, as every face of audarma opens them. */
export interface EvalRuntime {
  loaded: LoadedConfig;
  gateway: Gateway;
  glossary?: Glossary;
}

/** Output lines per target, and the models (and derivations) each target went through. */
export interface ArmOutput {
  lines: Record<string, string[]>;
  models: Record<string, string[]>;
}

/**
 * Each source line as one block of one segment through the translate step, as an article's
 * sentences go: glossary masking and restoring, a line too long for the model split at clause
 * boundaries and joined again, the loop retry, pivots (fr→en→zh) and derived editions. Not
 * through read, clean and segment, which merge or drop lines, and without the segment cache, so
 * the models really run.
 */
export async function pipelineArm(rt: EvalRuntime, source: readonly string[], targets: readonly string[]): Promise<ArmOutput> {
  const article = newArticle('(test set)', 'test-set', rt.loaded.config.source);
  article.blocks = source.map((text) => ({ type: 'paragraph', text, segments: [] }));
  const ctx: StepContext = { loaded: rt.loaded, gateway: rt.gateway, outDir: '', pipeline: 'eval', glossary: rt.glossary };
  await STEPS.translate.run(article, { targets: [...targets] }, ctx);
  const lines: Record<string, string[]> = {};
  const models: Record<string, string[]> = {};
  for (const t of targets) {
    lines[t] = article.editions[t].blocks.map((b) => b.text);
    models[t] = article.editions[t].models;
  }
  return { lines, models };
}

/**
 * The same route's models called directly on whole lines: no glossary, no splitting, no retry.
 * Derived editions (kk-Latn, zh-Hant) are still derived, since the models cannot write them.
 * Blank lines stay blank without a model call.
 */
export async function rawArm(rt: EvalRuntime, source: readonly string[], targets: readonly string[]): Promise<ArmOutput> {
  const { config } = rt.loaded;
  const lines: Record<string, string[]> = { [config.source]: [...source] };
  const models: Record<string, string[]> = { [config.source]: [] };
  for (const lang of editionOrder(config, targets)) {
    const hop = hopFor(config, lang);
    const input = lines[hop.from];
    if (hop.kind === 'derive') {
      lines[lang] = input.map(derivation(hop.derive));
      models[lang] = [...models[hop.from], hop.derive];
      continue;
    }
    const wanted = input.map((t, i) => (t.trim() === '' ? -1 : i)).filter((i) => i >= 0);
    const out = await rt.gateway.translate(
      hop.model,
      wanted.map((i) => input[i]),
      { from: hop.from, to: lang },
    );
    lines[lang] = input.map(() => '');
    wanted.forEach((i, k) => (lines[lang][i] = out[k].text));
    models[lang] = [...models[hop.from], config.catalogue[hop.model].id];
  }
  return {
    lines: Object.fromEntries(targets.map((t) => [t, lines[t]])),
    models: Object.fromEntries(targets.map((t) => [t, models[t]])),
  };
}
