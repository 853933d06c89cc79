// Corpus BLEU (Papineni et al. 2002) computed as sacreBLEU 2.6 does (sacrebleu/metrics/bleu.py):
// n-gram matches clipped by the most any one reference has, the reference length closest to the
// hypothesis (the shorter on a tie), statistics summed over the corpus, then smoothing.
import { pyRstrip, pySplit } from './python-text.ts';
import { TOKENIZERS, type TokenizerName } from './tokenizers.ts';

export type SmoothMethod = 'exp' | 'floor' | 'add-k' | 'none';

/** The value each smoothing method takes when none is given (Chen and Cherry 2014). */
export const SMOOTH_DEFAULTS: Readonly<Record<SmoothMethod, number | undefined>> = {
  none: undefined,
  floor: 0.1,
  'add-k': 1,
  exp: undefined,
};

export interface BleuOptions {
  /** @default '13a' */
  tokenize?: TokenizerName;
  /** @default false */
  lowercase?: boolean;
  /** @default 'exp' */
  smoothMethod?: SmoothMethod;
  /** For `floor` and `add-k`. @default SMOOTH_DEFAULTS[smoothMethod] */
  smoothValue?: number;
  /** @default 4 */
  maxNgramOrder?: number;
  /** Leave out the orders the hypotheses have no n-grams of (for single sentences). @default false */
  effectiveOrder?: boolean;
}

/** What sacreBLEU's BLEUScore holds besides the score. */
export interface BleuDetail {
  score: number;
  counts: number[];
  totals: number[];
  /** Per-order precisions in percent, smoothed. */
  precisions: number[];
  bp: number;
  sysLen: number;
  refLen: number;
}

/** n-grams of orders 1..max of a tokenized line (joined with spaces: tokens hold none), and its length. */
function wordNgrams(line: string, max: number): { grams: Map<string, number>; len: number } {
  const tokens = pySplit(line);
  const grams = new Map<string, number>();
  for (let n = 1; n <= max; n++)
    for (let i = 0; i + n <= tokens.length; i++) {
      const g = tokens.slice(i, i + n).join(' ');
      grams.set(g, (grams.get(g) ?? 0) + 1);
    }
  return { grams, len: tokens.length };
}

/** The reference length closest to the hypothesis length, the shorter one on a tie. */
function closestRefLen(hypLen: number, refLens: number[]): number {
  let bestDiff = -1;
  let best = -1;
  for (const len of refLens) {
    const diff = Math.abs(hypLen - len);
    if (bestDiff === -1 || diff < bestDiff) {
      bestDiff = diff;
      best = len;
    } else if (diff === bestDiff && len < best) best = len;
  }
  return best;
}

/** sacreBLEU's my_log: log, with 0 giving a very low number instead of -Infinity. */
const myLog = (x: number): number => (x === 0 ? -9999999999 : Math.log(x));

export class Bleu {
  readonly tokenize: TokenizerName;
  readonly lowercase: boolean;
  readonly smoothMethod: SmoothMethod;
  readonly smoothValue?: number;
  readonly maxNgramOrder: number;
  readonly effectiveOrder: boolean;

  constructor(opts: BleuOptions = {}) {
    this.tokenize = opts.tokenize ?? '13a';
    this.lowercase = opts.lowercase ?? false;
    this.smoothMethod = opts.smoothMethod ?? 'exp';
    this.smoothValue = opts.smoothValue;
    this.maxNgramOrder = opts.maxNgramOrder ?? 4;
    this.effectiveOrder = opts.effectiveOrder ?? false;
  }

  private preprocess(line: string): string {
    return TOKENIZERS[this.tokenize](pyRstrip(this.lowercase ? line.toLowerCase() : line));
  }

  /** [hypLen, refLen, correct per order…, total per order…] of one segment. */
  segmentStats(hyp: string, refs: readonly string[]): number[] {
    const max = this.maxNgramOrder;
    const refGrams = new Map<string, number>();
    const refLens: number[] = [];
    for (const ref of refs) {
      const { grams, len } = wordNgrams(this.preprocess(ref), max);
      refLens.push(len);
      for (const [g, n] of grams) refGrams.set(g, Math.max(refGrams.get(g) ?? 0, n));
    }
    const { grams, len } = wordNgrams(this.preprocess(hyp), max);
    const correct = new Array<number>(max).fill(0);
    const total = new Array<number>(max).fill(0);
    for (const [g, n] of grams) {
      const order = g.split(' ').length - 1;
      total[order] += n;
      const r = refGrams.get(g);
      if (r !== undefined) correct[order] += Math.min(n, r);
    }
    return [len, closestRefLen(len, refLens), ...correct, ...total];
  }

  /** BLEU from summed statistics, smoothed (sacreBLEU's compute_bleu). */
  compute(stats: readonly number[]): BleuDetail {
    const max = this.maxNgramOrder;
    const [sysLen, refLen] = stats;
    const correct = stats.slice(2, 2 + max);
    const total = stats.slice(2 + max, 2 + 2 * max);
    const smoothValue = this.smoothValue ?? SMOOTH_DEFAULTS[this.smoothMethod] ?? 0;
    let bp = 1;
    if (sysLen < refLen) bp = sysLen > 0 ? Math.exp(1 - refLen / sysLen) : 0;
    const precisions = new Array<number>(max).fill(0);
    if (!correct.some((c) => c !== 0)) return { score: 0, counts: correct, totals: total, precisions, bp, sysLen, refLen };
    let smoothMteval = 1;
    let effOrder = max;
    for (let n = 1; n <= max; n++) {
      if (this.smoothMethod === 'add-k' && n > 1) {
        correct[n - 1] += smoothValue;
        total[n - 1] += smoothValue;
      }
      if (total[n - 1] === 0) break;
      if (this.effectiveOrder) effOrder = n;
      if (correct[n - 1] === 0) {
        if (this.smoothMethod === 'exp') {
          smoothMteval *= 2;
          precisions[n - 1] = 100 / (smoothMteval * total[n - 1]);
        } else if (this.smoothMethod === 'floor') precisions[n - 1] = (100 * smoothValue) / total[n - 1];
      } else precisions[n - 1] = (100 * correct[n - 1]) / total[n - 1];
    }
    let logSum = 0;
    for (const p of precisions.slice(0, effOrder)) logSum += myLog(p);
    const score = bp * Math.exp(logSum / effOrder);
    return { score, counts: correct, totals: total, precisions, bp, sysLen, refLen };
  }

  /** Corpus BLEU of hypotheses against references: `refs[k][i]` is reference k of line i. */
  corpusScore(hyps: readonly string[], refs: readonly (readonly string[])[]): BleuDetail {
    const totals = new Array<number>(2 + 2 * this.maxNgramOrder).fill(0);
    hyps.forEach((hyp, i) => {
      this.segmentStats(
        hyp,
        refs.map((r) => r[i]),
      ).forEach((v, k) => (totals[k] += v));
    });
    return this.compute(totals);
  }
}
