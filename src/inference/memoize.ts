/**
 * Memoizes an async loader by key; a rejected load is forgotten so the next call retries
 * (as transformers.js `memoize_promise` does, but without caching failures).
 */
export function memoizeAsync<T>(load: (key: string) => Promise<T>): { get(key: string): Promise<T>; entries(): Promise<T>[]; clear(): void } {
  const cache = new Map<string, Promise<T>>();
  return {
    get(key) {
      let p = cache.get(key);
      if (!p) {
        p = load(key);
        cache.set(key, p);
        p.catch(() => {
          if (cache.get(key) === p) cache.delete(key);
        });
      }
      return p;
    },
    entries: () => [...cache.values()],
    clear: () => cache.clear(),
  };
}
