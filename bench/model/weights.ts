// The bench model's parameters: each tensor seeded by its name, so the fp32 and q8 files (and
// every rebuild) hold the same numbers; memoised so one build generates each tensor once.
import { fillNormal } from './random.ts';

export const INIT_STD = 0.02;

export class Weights {
  private readonly cache = new Map<string, Float32Array>();

  constructor(readonly seed: number) {}

  /** N(0, 0.02) values of `size` elements, named like the PyTorch parameter. */
  normal(name: string, size: number): Float32Array {
    return this.memo(name, size, (a) => fillNormal(a, this.seed, name, INIT_STD));
  }

  constant(name: string, size: number, value: number): Float32Array {
    return this.memo(name, size, (a) => a.fill(value));
  }

  /** Any other derived tensor (transposes, tables), memoised under `name`. */
  memo(name: string, size: number, fill: (a: Float32Array) => void): Float32Array {
    let a = this.cache.get(name);
    if (!a) {
      a = new Float32Array(size);
      fill(a);
      this.cache.set(name, a);
    }
    if (a.length !== size) throw new Error(`${name}: size ${a.length} != ${size}`);
    return a;
  }

  /** Frees the tensors whose names start with `prefix`. */
  drop(prefix: string): void {
    for (const k of [...this.cache.keys()]) if (k.startsWith(prefix)) this.cache.delete(k);
  }
}

/** Marian's sinusoidal table [positions, d]: sin in the first half, cos in the second. */
export function sinusoidTable(positions: number, d: number): Float32Array {
  const out = new Float32Array(positions * d);
  const half = d / 2;
  for (let p = 0; p < positions; p++) {
    for (let j = 0; j < half; j++) {
      const angle = p / Math.pow(10000, (2 * j) / d);
      out[p * d + j] = Math.sin(angle);
      out[p * d + half + j] = Math.cos(angle);
    }
  }
  return out;
}

/** Transpose of a row-major [rows, cols] matrix. */
export function transpose(src: Float32Array, rows: number, cols: number, out: Float32Array): void {
  const B = 64; // blocked, for cache friendliness on 59,514 × 512
  for (let r0 = 0; r0 < rows; r0 += B) {
    for (let c0 = 0; c0 < cols; c0 += B) {
      const r1 = Math.min(rows, r0 + B);
      const c1 = Math.min(cols, c0 + B);
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) out[c * rows + r] = src[r * cols + c];
    }
  }
}
