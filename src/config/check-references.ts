import { derivationNames } from '../derive/index.ts';
import { messages } from '../diagnostics/messages.ts';
import { describeServes, editionOrder, RouteCycleError, servesPair, summaryModelFor } from './routes.ts';
import type { Config } from './schema.ts';

export interface ReferenceIssue {
  path: (string | number)[];
  /** Point at this key of the map at `path` rather than at its value. */
  key?: string;
  m: { code: string; message: string };
}

/** Checks what a schema cannot: that targets, models and derivations named in the config exist and fit together. */
export function checkConfigReferences(config: Config): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  // Own keys only: a name such as `constructor` or `toString` must not find Object.prototype's.
  const isModel = (key: string) => Object.hasOwn(config.catalogue, key);
  const isTarget = (key: string) => Object.hasOwn(config.targets, key);
  const modelKeys = Object.keys(config.catalogue);
  const targetKeys = Object.keys(config.targets);
  for (const [lang, t] of Object.entries(config.targets)) {
    const at = (key: string) => ['targets', lang, key];
    const from = t.from ?? config.source;
    if (from !== config.source && !isTarget(from)) {
      issues.push({ path: at('from'), m: messages.unknownTarget(from, [config.source, ...targetKeys]) });
      continue;
    }
    if (Boolean(t.model) === Boolean(t.derive)) {
      issues.push({ path: ['targets', lang], m: messages.targetNeedsOne(lang, t.model ? 'both' : 'neither') });
    } else if (t.derive && !derivationNames().includes(t.derive)) {
      issues.push({ path: at('derive'), m: messages.unknownDerivation(t.derive, derivationNames()) });
    } else if (t.model) {
      const model = isModel(t.model) ? config.catalogue[t.model] : undefined;
      if (!model) issues.push({ path: at('model'), m: messages.unknownModel(t.model, modelKeys) });
      else if (!servesPair(model, from, lang)) issues.push({ path: at('model'), m: messages.modelDoesNotServe(t.model, from, lang, describeServes(model)) });
    }
    if (t.summaryModel && !isModel(t.summaryModel)) issues.push({ path: at('summaryModel'), m: messages.unknownModel(t.summaryModel, modelKeys) });
  }
  // A target token picks the language of a bilingual-pair model that writes several; a multilingual
  // model is told its target by the language codes of `languages` instead.
  for (const [key, m] of Object.entries(config.catalogue))
    if (m.targetToken && (m.task !== 'translation' || !m.pairs))
      issues.push({ path: ['catalogue', key, 'targetToken'], m: messages.targetTokenNeedsPairs(key) });
  try {
    editionOrder(config, targetKeys);
  } catch (err) {
    if (!(err instanceof RouteCycleError)) throw err;
    issues.push({ path: ['targets'], m: messages.routeCycle(err.chain.join(' → ')) });
    return issues;
  }
  if (config.summary) {
    const { model, language } = config.summary;
    const m = isModel(model) ? config.catalogue[model] : undefined;
    if (!m) issues.push({ path: ['summary', 'model'], m: messages.unknownModel(model, modelKeys) });
    else if (m.task !== 'summarization') issues.push({ path: ['summary', 'model'], m: messages.wrongTask(model, 'summarization', m.task) });
    if (language !== config.source && !isTarget(language)) issues.push({ path: ['summary', 'language'], m: messages.unknownTarget(language, targetKeys) });
    for (const [lang, t] of Object.entries(config.targets)) {
      if (lang === language || t.derive) continue;
      if (!summaryModelFor(config, lang)) issues.push({ path: ['targets', lang], m: messages.noSummaryModel(language, lang) });
    }
  }
  return issues;
}
