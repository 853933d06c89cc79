// Seeded pseudo-random numbers: a 32-bit generator (mulberry32), name hashing (FNV-1a), and
// normal samples (Box–Muller). Same seed and name -> same numbers, on every run.

export type Rng = () => number;

/** Uniform floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashString(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Fills `out` with N(0, std) samples drawn from a generator seeded by (seed, name). */
export function fillNormal(out: Float32Array, seed: number, name: string, std: number): Float32Array {
  const rand = mulberry32(hashString(seed, name));
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    const u1 = 1 - rand(); // (0, 1]: log never sees 0
    const u2 = rand();
    const r = std * Math.sqrt(-2 * Math.log(u1));
    const th = 2 * Math.PI * u2;
    out[i] = r * Math.cos(th);
    if (i + 1 < n) out[i + 1] = r * Math.sin(th);
  }
  return out;
}

export function randInt(rand: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

export function pick<T>(rand: Rng, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}
