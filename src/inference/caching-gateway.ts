import type { Generation, ModelConfig } from '../config/schema.ts';
import { segmentKey } from '../store/segment-key.ts';
import type { CachedSegment, SegmentScores, Store } from '../store/store.ts';
import { PartialFailure } from './batch-queue.ts';
import type { Gateway, ModelOutput } from './gateway.ts';
import { generationFor, modelLimitsReader, type ModelLimits } from './model-limits.ts';

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
 * The cache key of a text for one model call: everything that decides the output, with the
 * generation options as the model runs them (max_new_tokens clamped to its positions).
 */
export function segmentKeyFor(m: ModelConfig, limits: ModelLimits, text: string, langs: { from: string; to: string }, generation?: Generation): string {
  return segmentKey({
    text,
    model: m.id,
    revision: m.revision,
    dtype: m.dtype,
    generation: generationFor(m, limits, generation),
    targetToken: m.targetToken,
    from: langs.from,
    to: langs.to,
  });
}

/** What the store keeps of an output besides its text; undefined when the model reported nothing. */
function scoresOf(o: ModelOutput): SegmentScores | undefined {
  const { text: _, ...scores } = o;
  return Object.keys(scores).length ? scores : undefined;
}

/**
 * Answers segments from the store when the same text went through the same model (id, revision,
 * dtype), target token, generation options (beams, return sequences: the key holds them, so
 * outputs of different decoding settings never mix) and language pair before, with the
 * confidence, marked words and alternatives it was stored with; only the rest reach the
 * models, and each result is stored as soon as its call returns, so a crash loses at most the
 * calls in flight. When some texts of a call fail, the others are stored all the same.
 */
export function createCachingGateway(
  inner: Gateway,
  opts: { store: Store; catalogue: Record<string, ModelConfig>; modelsDir: string; bypass?: boolean },
): CachingGateway {
  const limitsOf = modelLimitsReader(opts.modelsDir);
  const counts: CacheCounts = { translated: {}, cached: {} };
  const add = (bucket: Record<string, number>, lang: string, n: number) => {
    if (n) bucket[lang] = (bucket[lang] ?? 0) + n;
  };

  async function cached(
    modelKey: string,
    texts: string[],
    langs: { from: string; to: string },
    generation: Generation | undefined,
    call: (misses: string[]) => Promise<ModelOutput[]>,
  ): Promise<ModelOutput[]> {
    const m = opts.catalogue[modelKey];
    const limits = limitsOf(m);
    const keys = texts.map((text) => segmentKeyFor(m, limits, text, langs, generation));
    const hits = opts.bypass ? new Map<string, CachedSegment>() : opts.store.getSegments([...new Set(keys)]);
    // Identical segments in one request (a repeated heading) go through the model once.
    const firstText = new Map<string, string>();
    keys.forEach((k, i) => {
      if (!hits.has(k) && texts[i].trim() !== '' && !firstText.has(k)) firstText.set(k, texts[i]);
    });
    const missing = [...firstText.keys()];
    const missTexts = [...firstText.values()];
    const store = (outputs: (ModelOutput | undefined)[]) => {
      const done = missing.flatMap((key, i) => {
        const o = outputs[i];
        return o === undefined ? [] : [{ key, text: o.text, model: m.id, scores: scoresOf(o) }];
      });
      if (done.length) opts.store.putSegments(done);
      add(counts.translated, langs.to, done.length);
    };
    add(counts.cached, langs.to, keys.filter((k, i) => hits.has(k) && texts[i].trim() !== '').length);
    let fresh: ModelOutput[] = [];
    try {
      fresh = missTexts.length ? await call(missTexts) : [];
    } catch (err) {
      if (err instanceof PartialFailure) store(err.outputs);
      throw err;
    }
    store(fresh);
    const found = new Map<string, ModelOutput>([...hits].map(([k, c]) => [k, { text: c.text, ...c.scores }]));
    missing.forEach((k, i) => found.set(k, fresh[i]));
    return texts.map((t, i) => (t.trim() === '' ? { text: '' } : (found.get(keys[i]) ?? { text: '' })));
  }

  return {
    counts,
    get calls() {
      return inner.calls;
    },
    get batches() {
      return inner.batches;
    },
    translate: (key, texts, langs, generation) => cached(key, texts, langs, generation, (t) => inner.translate(key, t, langs, generation)),
    summarize: (key, texts, generation) =>
      cached(key, texts, { from: 'summary', to: SUMMARY_COUNT_KEY }, generation, (t) => inner.summarize(key, t, generation)),
    tokenCounter: (key) => inner.tokenCounter(key),
    inputLimit: (key) => inner.inputLimit(key),
    dispose: () => inner.dispose(),
    kill: () => inner.kill(),
  };
}
