import { messages, UserError } from '../diagnostics/messages.ts';
import { SMOOTH_DEFAULTS, type SmoothMethod } from '../eval/bleu.ts';
import { evalMessages } from '../eval/messages.ts';
import { checkAligned, readScoreLines } from '../eval/read-lines.ts';
import { bleuVerbose, corpusScore, formatScoreLine, METRICS, type MetricName, type Score } from '../eval/score.ts';
import { defaultTokenizer, isTokenizerName, TOKENIZERS } from '../eval/tokenizers.ts';
import { wholeOption } from './whole-option.ts';

export interface ScoreCommandOptions {
  metric: string;
  hyp: string;
  ref: string[];
  tokenize?: string;
  language?: string;
  lowercase?: boolean;
  beta?: string;
  epsSmoothing?: boolean;
  whitespace?: boolean;
  smoothMethod?: string;
  smoothValue?: string;
  width: string;
  json?: boolean;
}

const oneOf = <T extends string>(option: string, value: string, allowed: readonly T[]): T => {
  if (!(allowed as readonly string[]).includes(value)) throw UserError.from(messages.badOptionValue(option, `one of ${allowed.join(', ')}`, value));
  return value as T;
};

/** Options of one metric given with another are refused rather than ignored: the score would not be what was asked. */
function refuseOthers(metric: MetricName, opts: ScoreCommandOptions): void {
  const chrfOnly: [string, unknown][] = [
    ['--beta', opts.beta],
    ['--eps-smoothing', opts.epsSmoothing],
    ['--whitespace', opts.whitespace],
  ];
  const bleuOnly: [string, unknown][] = [
    ['--tokenize', opts.tokenize],
    ['--smooth-method', opts.smoothMethod],
    ['--smooth-value', opts.smoothValue],
  ];
  const [wrong, metrics] = metric === 'bleu' ? [chrfOnly, 'chrf and chrf++'] : [bleuOnly, 'bleu'];
  const given = wrong.find(([, v]) => v !== undefined);
  if (given) throw UserError.from(evalMessages.optionForMetric(given[0], metrics, metric));
}

/** sacreBLEU's JSON fields, with the score unrounded. */
export function scoreJson(s: Score): Record<string, unknown> {
  const fields = Object.fromEntries(s.signature.split('|').map((kv) => kv.split(':') as [string, string]));
  const out: Record<string, unknown> = { metric: s.metric, score: s.score, signature: s.signature, ...fields };
  if (s.bleu) {
    const { counts, totals, precisions, bp, sysLen, refLen } = s.bleu;
    Object.assign(out, {
      verbose_score: bleuVerbose(s.bleu),
      counts,
      totals,
      precisions,
      bp,
      ratio: refLen ? sysLen / refLen : 0,
      hyp_len: sysLen,
      ref_len: refLen,
    });
  }
  return out;
}

/** `audarma score`: a corpus score of a hypothesis file against reference files, as sacreBLEU prints it. */
export function scoreCommand(opts: ScoreCommandOptions): number {
  const metric = oneOf('--metric', opts.metric, METRICS);
  refuseOthers(metric, opts);
  const tokenize = opts.tokenize === undefined ? defaultTokenizer(opts.language) : opts.tokenize;
  if (!isTokenizerName(tokenize)) throw UserError.from(messages.badOptionValue('--tokenize', `one of ${Object.keys(TOKENIZERS).join(', ')}`, tokenize));
  const smoothMethod =
    opts.smoothMethod === undefined ? undefined : oneOf<SmoothMethod>('--smooth-method', opts.smoothMethod, ['exp', 'floor', 'add-k', 'none']);
  let smoothValue: number | undefined;
  if (opts.smoothValue !== undefined) {
    smoothValue = Number(opts.smoothValue);
    if (opts.smoothValue.trim() === '' || !Number.isFinite(smoothValue) || smoothValue < 0)
      throw UserError.from(messages.badOptionValue('--smooth-value', 'a number of 0 or more', opts.smoothValue));
    if (SMOOTH_DEFAULTS[smoothMethod ?? 'exp'] === undefined)
      throw UserError.from(
        messages.badOptionValue('--smooth-value', 'a --smooth-method that takes a value (floor, add-k)', `--smooth-method ${smoothMethod ?? 'exp'}`),
      );
  }
  const beta = opts.beta === undefined ? undefined : wholeOption(opts.beta, '--beta', 0);
  const width = wholeOption(opts.width, '--width', 0)!;

  const hyps = readScoreLines(opts.hyp);
  const refs = opts.ref.map((file) => ({ file, lines: readScoreLines(file) }));
  checkAligned(opts.hyp, hyps, refs);
  const score = corpusScore(
    metric,
    hyps,
    refs.map((r) => r.lines),
    { tokenize, lowercase: opts.lowercase, beta, epsSmoothing: opts.epsSmoothing, whitespace: opts.whitespace, smoothMethod, smoothValue },
  );
  process.stdout.write((opts.json ? JSON.stringify(scoreJson(score), null, 1) : formatScoreLine(score, width)) + '\n');
  return 0;
}
