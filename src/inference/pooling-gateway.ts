import type { Generation } from '../config/schema.ts';
import type { Gateway } from './gateway.ts';

interface Waiting {
  texts: string[];
  resolve(out: string[]): void;
  reject(err: unknown): void;
}

/**
 * Pools the segments of every document in flight into shared model calls. Requests for the same
 * model, language pair and generation options wait while that model is busy; when it frees up,
 * everything waiting goes in one call (which the inner gateway sorts by length and batches), so
 * one loaded model serves all documents and batches stay full.
 */
export function createPoolingGateway(inner: Gateway, opts: { maxPooled?: number } = {}): Gateway {
  const maxPooled = opts.maxPooled ?? 256;
  const pools = new Map<string, { waiting: Waiting[]; busy: boolean; run: (texts: string[]) => Promise<string[]> }>();

  const drain = async (poolKey: string): Promise<void> => {
    const pool = pools.get(poolKey)!;
    if (pool.busy) return;
    pool.busy = true;
    try {
      while (pool.waiting.length) {
        const taken: Waiting[] = [];
        let count = 0;
        while (pool.waiting.length && (count === 0 || count + pool.waiting[0].texts.length <= maxPooled)) {
          const w = pool.waiting.shift()!;
          taken.push(w);
          count += w.texts.length;
        }
        try {
          const out = await pool.run(taken.flatMap((w) => w.texts));
          let at = 0;
          for (const w of taken) {
            w.resolve(out.slice(at, at + w.texts.length));
            at += w.texts.length;
          }
        } catch (err) {
          for (const w of taken) w.reject(err);
        }
      }
    } finally {
      pool.busy = false;
    }
  };

  const pooled = (poolKey: string, run: (texts: string[]) => Promise<string[]>, texts: string[]): Promise<string[]> => {
    if (texts.length === 0) return Promise.resolve([]);
    let pool = pools.get(poolKey);
    if (!pool) pools.set(poolKey, (pool = { waiting: [], busy: false, run }));
    const done = new Promise<string[]>((resolve, reject) => pool!.waiting.push({ texts, resolve, reject }));
    // Let the other documents of this tick add their segments before the call starts.
    setImmediate(() => void drain(poolKey));
    return done;
  };

  return {
    get calls() {
      return inner.calls;
    },
    translate(key, texts, langs, generation?: Generation) {
      const poolKey = JSON.stringify(['t', key, langs.from, langs.to, generation ?? {}]);
      return pooled(poolKey, (t) => inner.translate(key, t, langs, generation), texts);
    },
    summarize(key, texts, generation?: Generation) {
      const poolKey = JSON.stringify(['s', key, generation ?? {}]);
      return pooled(poolKey, (t) => inner.summarize(key, t, generation), texts);
    },
    tokenCounter: (key) => inner.tokenCounter(key),
    dispose: () => inner.dispose(),
  };
}
