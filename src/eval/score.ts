// One entry point for the three metrics, with sacreBLEU's reproducibility signature, so a score
// printed by audarma can be compared with one printed by sacreBLEU, field by field.
import { Bleu, SMOOTH_DEFAULTS, type BleuDetail, type SmoothMethod } from './bleu.ts';
import { Chrf } from './chrf.ts';
import { formatFixed } from './python-text.ts';
import type { MetricName, TokenizerName } from './defaults.ts';

/** The sacreBLEU release whose computation, defaults and signature these scores reproduce. */
export const SACREBLEU_VERSION = '2.6.0';

export { METRICS, type MetricName } from './defaults.ts';

export interface ScoreOptions {
  /** BLEU tokenizer. @default '13a' */
  tokenize?: TokenizerName;
  lowercase?: boolean;
  /** chrF's beta. @default 2 */
  beta?: number;
  /** chrF epsilon smoothing instead of effective order. */
  epsSmoothing?: boolean;
  /** chrF: keep whitespace in character n-grams. */
  whitespace?: boolean;
  /** BLEU smoothing. @default 'exp' */
  smoothMethod?: SmoothMethod;
  smoothValue?: number;
}

export interface Score {
  /** sacreBLEU's name: `chrF2`, `chrF2++`, `BLEU`. */
  metric: string;
  /** 0–100, unrounded. */
  score: number;
  /** `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0` */
  signature: string;
  /** BLEU only: per-order precisions, brevity penalty, lengths (sacreBLEU's "verbose score"). */
  bleu?: BleuDetail;
}

function signature(fields: [string, string | number][]): string {
  return [...fields, ['version', SACREBLEU_VERSION]].map(([k, v]) => `${k}:${v}`).join('|');
}

/** sacreBLEU's BLEU signature: `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`. */
export function bleuSignature(bleu: Bleu, nrefs: number): string {
  const dflt = SMOOTH_DEFAULTS[bleu.smoothMethod];
  // A method that takes a value shows it, the default when none was given: `floor[0.10]`.
  const smooth = dflt === undefined ? bleu.smoothMethod : `${bleu.smoothMethod}[${formatFixed(bleu.smoothValue ?? dflt, 2)}]`;
  return signature([
    ['nrefs', nrefs],
    ['case', bleu.lowercase ? 'lc' : 'mixed'],
    ['eff', bleu.effectiveOrder ? 'yes' : 'no'],
    ['tok', bleu.tokenize],
    ['smooth', smooth],
  ]);
}

/** sacreBLEU's chrF signature: `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0`. */
export function chrfSignature(chrf: Chrf, nrefs: number): string {
  return signature([
    ['nrefs', nrefs],
    ['case', chrf.lowercase ? 'lc' : 'mixed'],
    ['eff', chrf.epsSmoothing ? 'no' : 'yes'],
    ['nc', chrf.charOrder],
    ['nw', chrf.wordOrder],
    ['space', chrf.whitespace ? 'yes' : 'no'],
  ]);
}

/**
 * Corpus score of `hyps` against one or more reference streams (`refs[k][i]` is reference k of
 * line i), as sacreBLEU's Python API computes it on the same strings.
 */
export function corpusScore(metric: MetricName, hyps: readonly string[], refs: readonly (readonly string[])[], opts: ScoreOptions = {}): Score {
  if (metric === 'bleu') {
    const bleu = new Bleu({ tokenize: opts.tokenize, lowercase: opts.lowercase, smoothMethod: opts.smoothMethod, smoothValue: opts.smoothValue });
    const detail = bleu.corpusScore(hyps, refs);
    return { metric: 'BLEU', score: detail.score, signature: bleuSignature(bleu, refs.length), bleu: detail };
  }
  const chrf = new Chrf({
    wordOrder: metric === 'chrf++' ? 2 : 0,
    beta: opts.beta,
    lowercase: opts.lowercase,
    whitespace: opts.whitespace,
    epsSmoothing: opts.epsSmoothing,
  });
  return { metric: chrf.name, score: chrf.corpusScore(hyps, refs), signature: chrfSignature(chrf, refs.length) };
}

/** BLEU's "verbose score": `82.4/50.0/45.5/37.5 (BP = 0.943 ratio = 0.944 hyp_len = 17 ref_len = 18)`. */
export function bleuVerbose(d: BleuDetail): string {
  const ratio = d.refLen ? d.sysLen / d.refLen : 0;
  const precisions = d.precisions.map((p) => formatFixed(p, 1)).join('/');
  return `${precisions} (BP = ${formatFixed(d.bp, 3)} ratio = ${formatFixed(ratio, 3)} hyp_len = ${d.sysLen} ref_len = ${d.refLen})`;
}

/** The line sacreBLEU prints with `--format text`: `chrF2|nrefs:1|…|version:2.6.0 = 59.3`. */
export function formatScoreLine(s: Score, width = 1): string {
  const line = `${s.metric}|${s.signature} = ${formatFixed(s.score, width)}`;
  return s.bleu ? `${line} ${bleuVerbose(s.bleu)}` : line;
}
