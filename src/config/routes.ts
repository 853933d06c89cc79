import type { Config, ModelConfig } from './schema.ts';

/** How one edition is made from another: a model hop or a model-free derivation. */
export type Hop = { kind: 'model'; from: string; to: string; model: string } | { kind: 'derive'; from: string; to: string; derive: string };

/** Does this catalogue model translate `from` -> `to`? */
export function servesPair(model: ModelConfig, from: string, to: string): boolean {
  if (model.task !== 'translation') return false;
  if (model.pairs?.some((p) => p.from === from && p.to === to)) return true;
  return Boolean(model.languages && from in model.languages && to in model.languages && from !== to);
}

/** What a model serves, for messages: `fr → en` or `any of fr, en, kk`. */
export function describeServes(model: ModelConfig): string {
  const pairs = model.pairs?.map((p) => `${p.from} → ${p.to}`) ?? [];
  if (model.languages) pairs.push(`any pair of ${Object.keys(model.languages).join(', ')}`);
  return pairs.join('; ') || 'nothing';
}

/** The model's own language codes for a pair (NLLB `fra_Latn`), or nothing for bilingual models. */
export function modelLanguageCodes(model: ModelConfig, from: string, to: string): { src_lang?: string; tgt_lang?: string } {
  if (!model.languages?.[from] || !model.languages[to]) return {};
  return { src_lang: model.languages[from], tgt_lang: model.languages[to] };
}

/** The hop that makes `target` from its `from` edition. */
export function hopFor(config: Config, target: string): Hop {
  const t = config.targets[target];
  const from = t.from ?? config.source;
  if (t.derive) return { kind: 'derive', from, to: target, derive: t.derive };
  return { kind: 'model', from, to: target, model: t.model ?? '' };
}

/** Targets made from each other in a circle: `chain` is the circle, e.g. `['a', 'b', 'a']`. */
export class RouteCycleError extends Error {
  constructor(readonly chain: string[]) {
    super(`targets are made from each other in a circle: ${chain.join(' → ')}`);
  }
}

/**
 * Every edition needed to make `wanted`, in an order where each comes after the edition it is
 * made from (so pivots like fr→en→zh work whether or not `en` was asked for).
 */
export function editionOrder(config: Config, wanted: readonly string[]): string[] {
  const order: string[] = [];
  const visit = (lang: string, seen: string[]): void => {
    if (lang === config.source || order.includes(lang)) return;
    if (seen.includes(lang)) throw new RouteCycleError([...seen, lang]);
    const t = config.targets[lang];
    if (!t) throw new Error(`unknown target "${lang}"`);
    visit(t.from ?? config.source, [...seen, lang]);
    order.push(lang);
  };
  for (const lang of wanted) visit(lang, []);
  return order;
}

/** The languages an edition passes through from the source: `['fr', 'en', 'zh']`. */
export function routeOf(config: Config, target: string): string[] {
  const chain = [target];
  let lang = target;
  while (lang !== config.source) {
    lang = config.targets[lang]?.from ?? config.source;
    if (chain.includes(lang)) break;
    chain.unshift(lang);
  }
  return chain;
}

/**
 * The catalogue key translating the summary into `target`: its `summaryModel`, else its own
 * model when that serves the pair, else the first catalogue model that does.
 */
export function summaryModelFor(config: Config, target: string): string | undefined {
  const language = config.summary?.language ?? 'en';
  const t = config.targets[target];
  if (t.summaryModel) return t.summaryModel;
  if (t.model && Object.hasOwn(config.catalogue, t.model) && servesPair(config.catalogue[t.model], language, target)) return t.model;
  return Object.keys(config.catalogue).find((key) => servesPair(config.catalogue[key], language, target));
}
