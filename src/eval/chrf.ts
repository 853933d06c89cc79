// chrF (Popović 2015) and chrF++ (Popović 2017) at corpus level, computed as sacreBLEU 2.6 does
// (sacrebleu/metrics/chrf.py): statistics summed over segments, the best reference of each segment
// chosen by its own F-score, whitespace left out of character n-grams unless asked for.
import { codePoints, pySplit } from './python-text.ts';

export interface ChrfOptions {
  /** Character n-gram order. @default 6 */
  charOrder?: number;
  /** Word n-gram order; 2 makes chrF++. @default 0 */
  wordOrder?: number;
  /** Weight of recall against precision. @default 2 */
  beta?: number;
  /** Compare lowercased text. @default false */
  lowercase?: boolean;
  /** Keep whitespace inside character n-grams. @default false */
  whitespace?: boolean;
  /**
   * Epsilon smoothing (chrF++.py, Moses, NLTK): orders without n-grams count as near zero. Without
   * it, sacreBLEU's default, only the orders both sides have are averaged (effective order).
   * @default false
   */
  epsSmoothing?: boolean;
}

type Counts = Map<string, number>;

const count = (items: Iterable<string>): Counts => {
  const m: Counts = new Map();
  for (const it of items) m.set(it, (m.get(it) ?? 0) + 1);
  return m;
};

function charNgrams(line: string, maxOrder: number, whitespace: boolean): Counts[] {
  const chars = codePoints(whitespace ? line : pySplit(line).join(''));
  const out: Counts[] = [];
  for (let n = 1; n <= maxOrder; n++) {
    const grams: string[] = [];
    for (let i = 0; i + n <= chars.length; i++) grams.push(chars.slice(i, i + n).join(''));
    out.push(count(grams));
  }
  return out;
}

function wordNgrams(words: string[], n: number): Counts {
  const grams: string[] = [];
  for (let i = 0; i + n <= words.length; i++) grams.push(words.slice(i, i + n).join(' '));
  return count(grams);
}

/** ASCII punctuation, split off the start or end of a word for chrF++'s word n-grams. */
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/** One punctuation mark off the end of a word, else off its start (so "(hi)" gives "(hi", ")", as sacreBLEU does). */
function wordsOf(line: string): string[] {
  const out: string[] = [];
  for (const w of pySplit(line)) {
    const chars = codePoints(w);
    if (chars.length === 1) out.push(w);
    else if (PUNCTUATION.has(chars[chars.length - 1])) out.push(chars.slice(0, -1).join(''), chars[chars.length - 1]);
    else if (PUNCTUATION.has(chars[0])) out.push(chars[0], chars.slice(1).join(''));
    else out.push(w);
  }
  return out;
}

/** [hypothesis n-grams, reference n-grams, matches] for one order. */
function matchStats(hyp: Counts, ref: Counts): [number, number, number] {
  let hypCount = 0;
  let matches = 0;
  for (const [gram, n] of hyp) {
    hypCount += n;
    const r = ref.get(gram);
    if (r !== undefined) matches += Math.min(n, r);
  }
  let refCount = 0;
  for (const n of ref.values()) refCount += n;
  // Hypothesis n-grams of an order the reference lacks are not counted.
  return [ref.size ? hypCount : 0, refCount, matches];
}

export class Chrf {
  readonly charOrder: number;
  readonly wordOrder: number;
  readonly beta: number;
  readonly lowercase: boolean;
  readonly whitespace: boolean;
  readonly epsSmoothing: boolean;

  constructor(opts: ChrfOptions = {}) {
    this.charOrder = opts.charOrder ?? 6;
    this.wordOrder = opts.wordOrder ?? 0;
    this.beta = opts.beta ?? 2;
    this.lowercase = opts.lowercase ?? false;
    this.whitespace = opts.whitespace ?? false;
    this.epsSmoothing = opts.epsSmoothing ?? false;
  }

  /** `chrF2`, `chrF2++`: sacreBLEU's name, one `+` per word order. */
  get name(): string {
    return `chrF${this.beta}${'+'.repeat(this.wordOrder)}`;
  }

  private ngrams(line: string): Counts[] {
    const text = this.lowercase ? line.toLowerCase() : line;
    const grams = charNgrams(text, this.charOrder, this.whitespace);
    if (this.wordOrder > 0) {
      const words = wordsOf(text);
      for (let n = 1; n <= this.wordOrder; n++) grams.push(wordNgrams(words, n));
    }
    return grams;
  }

  /** The F-score (0–100) of statistics: three numbers (hypothesis, reference, matches) per order. */
  fScore(stats: readonly number[]): number {
    const eps = 1e-16;
    const factor = this.beta ** 2;
    const orders = this.charOrder + this.wordOrder;
    let score = 0;
    let effective = 0;
    let avgPrec = 0;
    let avgRec = 0;
    for (let i = 0; i < orders; i++) {
      const [nHyp, nRef, nMatch] = stats.slice(3 * i, 3 * i + 3);
      const prec = nHyp > 0 ? nMatch / nHyp : eps;
      const rec = nRef > 0 ? nMatch / nRef : eps;
      const denom = factor * prec + rec;
      score += denom > 0 ? ((1 + factor) * prec * rec) / denom : eps;
      if (nHyp > 0 && nRef > 0) {
        avgPrec += prec;
        avgRec += rec;
        effective++;
      }
    }
    if (this.epsSmoothing) return (100 * score) / orders;
    if (effective === 0) avgPrec = avgRec = 0;
    else {
      avgPrec /= effective;
      avgRec /= effective;
    }
    if (avgPrec + avgRec === 0) return 0;
    return 100 * (((1 + factor) * avgPrec * avgRec) / (factor * avgPrec + avgRec));
  }

  /** Statistics of one segment against the reference that gives it the best F-score (the first on a tie). */
  segmentStats(hyp: string, refs: readonly string[]): number[] {
    const hypGrams = this.ngrams(hyp);
    let best: number[] = [];
    let bestScore = -1;
    for (const ref of refs) {
      const refGrams = this.ngrams(ref);
      const stats = hypGrams.flatMap((h, i) => matchStats(h, refGrams[i]));
      const f = this.fScore(stats);
      if (f > bestScore) {
        bestScore = f;
        best = stats;
      }
    }
    return best;
  }

  /** Corpus chrF of hypotheses against references: `refs[k][i]` is reference k of line i. */
  corpusScore(hyps: readonly string[], refs: readonly (readonly string[])[]): number {
    const totals = new Array<number>(3 * (this.charOrder + this.wordOrder)).fill(0);
    hyps.forEach((hyp, i) => {
      this.segmentStats(
        hyp,
        refs.map((r) => r[i]),
      ).forEach((v, k) => (totals[k] += v));
    });
    return this.fScore(totals);
  }
}
