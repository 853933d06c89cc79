import type { Generation, ModelConfig } from '../config/schema.ts';
import { segmentKey } from '../store/segment-key.ts';
import type { Store } from '../store/store.ts';
import type { Gateway } from './gateway.ts';

/** Segments that went through a model, and segments answered from the cache, per output language. */
export interface CacheCounts {
  translated: Record<string, number>;
  cached: Record<string, number>;
}

export interface CachingGateway extends Gateway {
  readonly counts: CacheCounts;
}

/** The language summaries are counted under in the report. */
export const SUMMARY_COUNT_KEY = 'summary';

/**
 * Answers segments from the store when the same text went through the same model (id, revision,
 * dtype), generation options and language pair before; only the rest reach the models, and each
 * result is stored as soon as its call returns, so a crash loses at most the calls in flight.
 */
export function createCachingGateway(
  inner: Gateway,
  opts: { store: Store; catalogue: Record<string, ModelConfig>; bypass?: boolean },
): CachingGateway {
  const counts: CacheCounts = { translated: {}, cached: {} };
  const add = (bucket: Record<string, number>, lang: string, n: number) => {
    if (n) bucket[lang] = (bucket[lang] ?? 0) + n;
  };

  async function cached(
    modelKey: string,
    texts: string[],
    langs: { from: string; to: string },
    generation: Generation | undefined,
    call: (misses: string[]) => Promise<string[]>,
  ): Promise<string[]> {
    const m = opts.catalogue[modelKey];
    const keys = texts.map((text) =>
      segmentKey({ text, model: m.id, revision: m.revision, dtype: m.dtype, generation: { ...m.generation, ...generation }, from: langs.from, to: langs.to }),
    );
    const hits = opts.bypass ? new Map<string, string>() : opts.store.getSegments([...new Set(keys)]);
    // Identical segments in one request (a repeated heading) go through the model once.
    const firstText = new Map<string, string>();
    keys.forEach((k, i) => {
      if (!hits.has(k) && texts[i].trim() !== '' && !firstText.has(k)) firstText.set(k, texts[i]);
    });
    const missing = [...firstText.keys()];
    const missTexts = [...firstText.values()];
    const fresh = missTexts.length ? await call(missTexts) : [];
    const found = new Map(hits);
    missing.forEach((k, i) => found.set(k, fresh[i]));
    if (missing.length) opts.store.putSegments(missing.map((key, i) => ({ key, text: fresh[i], model: m.id })));
    add(counts.translated, langs.to, missing.length);
    add(counts.cached, langs.to, keys.filter((k, i) => hits.has(k) && texts[i].trim() !== '').length);
    return texts.map((t, i) => (t.trim() === '' ? '' : found.get(keys[i]) ?? ''));
  }

  return {
    counts,
    get calls() {
      return inner.calls;
    },
    translate: (key, texts, langs, generation) => cached(key, texts, langs, generation, (t) => inner.translate(key, t, langs, generation)),
    summarize: (key, texts, generation) =>
      cached(key, texts, { from: 'summary', to: SUMMARY_COUNT_KEY }, generation, (t) => inner.summarize(key, t, generation)),
    tokenCounter: (key) => inner.tokenCounter(key),
    dispose: () => inner.dispose(),
  };
}
