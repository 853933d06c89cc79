import { routeOf } from '../config/routes.ts';
import { createCachingGateway, type CacheCounts } from '../inference/caching-gateway.ts';
import type { StepContext } from '../steps/define-step.ts';
import { openStore } from '../store/store.ts';
import type { Runtime } from './open-runtime.ts';
import { translateBlocks, type BlockTranslation, type TextFlag } from './translate-blocks.ts';
import { translateHtml } from './translate-html.ts';
import { translateMarkdown } from './translate-markdown.ts';
import { translatePlain } from './translate-plain.ts';

/** How a text is written: its markup is kept and only its words are translated. */
export type TextFormat = 'text' | 'html' | 'md';

/** One translated text and what the core found while making it. */
export interface TextTranslation {
  text: string;
  /** Quality flags of its sentences (script, length, untranslated, repetition, glossary). */
  flags: TextFlag[];
  /** Glossary spellings in the translation. */
  terms: string[];
  route: string[];
  models: string[];
}

export interface TextStats {
  /** Texts and batches that went through each model, per catalogue key. */
  models: Record<string, { texts: number; batches: number }>;
  /** Sentences translated by a model and answered from the cache, per output language. */
  segments: CacheCounts;
}

/** Translation of texts (not files of articles) for faces such as the HTTP server. */
export interface TextService {
  /** Languages a text can be translated into: every target of the config. */
  readonly targets: string[];
  translate(texts: string[], target: string, format: TextFormat): Promise<TextTranslation[]>;
  stats(): TextStats;
  /** Closes the cache; the runtime is closed by its owner. */
  close(): void;
}

const FORMATS = { text: translatePlain, html: translateHtml, md: translateMarkdown };

/**
 * Starts the runtime and opens the cache for translating texts: every sentence goes through the
 * same core as an article's in `audarma run` (segmentation, glossary, pivots, quality checks),
 * answered from the shared cache when any face translated it before. The cache folder's lock is
 * not taken: that lock keeps two batch runs apart, while SQLite (WAL) lets this service read and
 * write the same store while a run does.
 */
export async function openTextService(runtime: Runtime): Promise<TextService> {
  const gateway = await runtime.start();
  const { loaded } = runtime;
  const store = openStore(loaded.cacheDir);
  const cached = createCachingGateway(gateway, { store, catalogue: loaded.config.catalogue, modelsDir: loaded.modelsDir });
  const ctx: StepContext = { loaded, gateway: cached, outDir: '', pipeline: 'serve', glossary: runtime.glossary };
  return {
    targets: Object.keys(loaded.config.targets),
    async translate(texts, target, format) {
      return Promise.all(
        texts.map(async (text) => {
          const used: BlockTranslation[] = [];
          const translate = async (pieces: string[]) => {
            const out = await translateBlocks(ctx, pieces, target);
            used.push(...out.filter((o) => o.text !== ''));
            return out.map((o) => o.text);
          };
          const result = await FORMATS[format](text, translate);
          return {
            text: result,
            flags: used.flatMap((u) => u.flags),
            terms: [...new Set(used.flatMap((u) => u.terms))],
            route: routeOf(loaded.config, target),
            models: used[0]?.models ?? [],
          };
        }),
      );
    },
    stats() {
      const models = Object.fromEntries(
        Object.keys(loaded.config.catalogue).map((key) => [key, { texts: gateway.calls[key] ?? 0, batches: gateway.batches?.[key] ?? 0 }]),
      );
      return { models, segments: structuredClone(cached.counts) };
    },
    close() {
      store.close();
    },
  };
}
