// BPE training, as `tokenizers`/SentencePiece do it, on a tiny corpus: the units a model must
// read as single pieces (dictionary words, characters). Repeatedly the most frequent adjacent
// pair becomes a merge and is applied everywhere, until every unit is one piece. Encoding a unit
// with these merges in rank order then replays training exactly, so each unit comes back as one
// piece; a word outside the corpus ends as whatever pieces the merges reach.

/** A binary max-heap of [count, key]; ties go to the smaller key, so training is deterministic. */
class Heap {
  private readonly items: [number, string][] = [];

  private before(a: [number, string], b: [number, string]): boolean {
    return a[0] > b[0] || (a[0] === b[0] && a[1] < b[1]);
  }

  push(item: [number, string]): void {
    const h = this.items;
    h.push(item);
    for (let i = h.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (!this.before(h[i], h[up])) break;
      [h[i], h[up]] = [h[up], h[i]];
      i = up;
    }
  }

  pop(): [number, string] | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < h.length && this.before(h[l], h[best])) best = l;
        if (r < h.length && this.before(h[r], h[best])) best = r;
        if (best === i) break;
        [h[i], h[best]] = [h[best], h[i]];
        i = best;
      }
    }
    return top;
  }
}

const SEP = '\u0000';

/** Merges (in rank order) that turn each unit, a list of base symbols, into a single piece. */
export function trainMerges(units: string[][]): [string, string][] {
  const words = units.map((u) => [...u]);
  const counts = new Map<string, number>();
  const holders = new Map<string, Set<number>>();
  const heap = new Heap();
  const count = (w: number, delta: number) => {
    const word = words[w];
    for (let i = 0; i + 1 < word.length; i++) {
      const key = word[i] + SEP + word[i + 1];
      const n = (counts.get(key) ?? 0) + delta;
      counts.set(key, n);
      if (delta > 0) {
        if (!holders.has(key)) holders.set(key, new Set());
        holders.get(key)!.add(w);
      }
      heap.push([n, key]);
    }
  };
  words.forEach((_, w) => count(w, 1));

  const merges: [string, string][] = [];
  const learned = new Set<string>();
  for (let top = heap.pop(); top; top = heap.pop()) {
    const [n, key] = top;
    if (n <= 0 || counts.get(key) !== n) continue; // a stale entry
    const [a, b] = key.split(SEP);
    // A pair can form again when a later merge rebuilds one of its symbols; encoding would
    // merge it at once by its rank, so it is applied, not learned twice.
    if (!learned.has(key)) merges.push([a, b]);
    learned.add(key);
    for (const w of [...(holders.get(key) ?? [])].sort((x, y) => x - y)) {
      const word = words[w];
      count(w, -1);
      const merged: string[] = [];
      for (let i = 0; i < word.length; i++) {
        if (word[i] === a && word[i + 1] === b) {
          merged.push(a + b);
          i++;
        } else merged.push(word[i]);
      }
      words[w] = merged;
      count(w, 1);
    }
    holders.delete(key);
  }
  const encode = bpeEncoder(merges);
  const failed = units.filter((u) => encode(u).length !== 1);
  if (failed.length) throw new Error(`BPE training left ${failed.length} units in pieces, e.g. ${failed[0].join('')}`);
  return merges;
}

/** Encodes base symbols as tokenizers.js does: the lowest-ranked adjacent pair first, leftmost on ties. */
export function bpeEncoder(merges: readonly [string, string][]): (symbols: readonly string[]) => string[] {
  const rank = new Map(merges.map(([a, b], i) => [a + SEP + b, i]));
  return (symbols) => {
    const out = [...symbols];
    for (;;) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i + 1 < out.length; i++) {
        const r = rank.get(out[i] + SEP + out[i + 1]);
        if (r !== undefined && r < bestRank) {
          best = i;
          bestRank = r;
        }
      }
      if (best < 0) return out;
      out.splice(best, 2, out[best] + out[best + 1]);
    }
  };
}
