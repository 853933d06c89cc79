/**
 * The generation settings greedy decoding honours, applied to one row's logits before its next
 * token is chosen. Each rule does what transformers.js's logits processor of the same setting does
 * (same order, same conditions), so the fast decoder chooses the tokens `generate` would.
 */
export interface GreedySettings {
  decoderStart: number;
  /** Ids ending a row. */
  eos: number[];
  /** Total row length (decoder start included) at which a row stops. */
  maxLength: number;
  repetitionPenalty?: number;
  noRepeatNgramSize?: number;
  badWordsIds?: number[][];
  minLength?: number;
  minNewTokens?: number;
  forcedBos?: number;
  forcedEos?: number[];
}

/** The generation config keys transformers.js reads for greedy decoding; others need `generate`. */
export interface GenerationValues {
  decoder_start_token_id?: unknown;
  eos_token_id?: unknown;
  max_length?: unknown;
  max_new_tokens?: unknown;
  do_sample?: unknown;
  num_return_sequences?: unknown;
  guidance_scale?: unknown;
  suppress_tokens?: unknown;
  begin_suppress_tokens?: unknown;
  repetition_penalty?: unknown;
  no_repeat_ngram_size?: unknown;
  bad_words_ids?: unknown;
  min_length?: unknown;
  min_new_tokens?: unknown;
  forced_bos_token_id?: unknown;
  forced_eos_token_id?: unknown;
  num_beams?: unknown;
  length_penalty?: unknown;
  early_stopping?: unknown;
  renormalize_logits?: unknown;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const ids = (x: unknown): number[] | undefined => (isNum(x) ? [x] : Array.isArray(x) && x.length > 0 && x.every(isNum) ? x : undefined);
const unset = (x: unknown) => x === null || x === undefined;

/**
 * The settings of a merged generation config when plain greedy decoding with the rules below
 * gives what `generate` gives; undefined when it needs something else (sampling, guidance,
 * suppressed tokens, several sequences), which is left to transformers.js.
 */
export function greedySettings(g: GenerationValues): GreedySettings | undefined {
  const eos = ids(g.eos_token_id);
  if (!isNum(g.decoder_start_token_id) || !eos || g.do_sample === true) return undefined;
  if (!unset(g.num_return_sequences) && g.num_return_sequences !== 1) return undefined;
  if (isNum(g.guidance_scale) && g.guidance_scale > 1) return undefined;
  if (!unset(g.suppress_tokens) || !unset(g.begin_suppress_tokens)) return undefined;
  // As generate: max_new_tokens counts from the decoder start, a row of length 1.
  const maxLength = isNum(g.max_new_tokens) ? 1 + g.max_new_tokens : g.max_length;
  if (!isNum(maxLength)) return undefined;
  const s: GreedySettings = { decoderStart: g.decoder_start_token_id, eos, maxLength };
  if (isNum(g.repetition_penalty) && g.repetition_penalty !== 1) s.repetitionPenalty = g.repetition_penalty;
  if (isNum(g.no_repeat_ngram_size) && g.no_repeat_ngram_size > 0) s.noRepeatNgramSize = g.no_repeat_ngram_size;
  if (!unset(g.bad_words_ids)) {
    if (!Array.isArray(g.bad_words_ids) || !g.bad_words_ids.every((w) => ids(w))) return undefined;
    s.badWordsIds = g.bad_words_ids as number[][];
  }
  if (isNum(g.min_length) && g.min_length > 0) s.minLength = g.min_length;
  if (isNum(g.min_new_tokens) && g.min_new_tokens > 0) s.minNewTokens = g.min_new_tokens;
  if (!unset(g.forced_bos_token_id)) {
    if (!isNum(g.forced_bos_token_id)) return undefined;
    s.forcedBos = g.forced_bos_token_id;
  }
  if (!unset(g.forced_eos_token_id)) {
    const f = ids(g.forced_eos_token_id);
    if (!f) return undefined;
    s.forcedEos = f;
  }
  return s;
}

/** Tokens that would repeat an n-gram of `row` (transformers.js NoRepeatNGramLogitsProcessor). */
function bannedByNgrams(row: number[], n: number): number[] {
  if (row.length + 1 < n) return [];
  const prefix = row.slice(row.length + 1 - n);
  const banned: number[] = [];
  for (let j = 0; j + n <= row.length; j++) {
    let same = true;
    for (let k = 0; k < n - 1 && same; k++) same = row[j + k] === prefix[k];
    if (same) banned.push(row[j + n - 1]);
  }
  return banned;
}

/** Read and write access to one row's scores, dense (an array) or sparse (the changes only). */
interface RowScores {
  get(t: number): number;
  set(t: number, value: number): void;
  /** Every score becomes -Infinity (forced tokens are then set). */
  clear(): void;
}

/** The rules, once, over any kind of row access, in transformers.js's and HF's order. */
function runRules(s: GreedySettings, row: number[], x: RowScores): void {
  if (s.repetitionPenalty !== undefined) {
    const p = s.repetitionPenalty;
    for (const t of new Set(row)) x.set(t, x.get(t) < 0 ? x.get(t) * p : x.get(t) / p);
  }
  if (s.noRepeatNgramSize !== undefined) for (const t of bannedByNgrams(row, s.noRepeatNgramSize)) x.set(t, -Infinity);
  if (s.badWordsIds) {
    for (const word of s.badWordsIds) {
      if (row.length < word.length - 1) continue;
      let match = true;
      for (let j = 1; j <= word.length - 1 && match; j++) match = word[word.length - 1 - j] === row[row.length - j];
      if (match) x.set(word[word.length - 1], -Infinity);
    }
  }
  if (s.minLength !== undefined && row.length < s.minLength) for (const e of s.eos) x.set(e, -Infinity);
  if (s.minNewTokens !== undefined && row.length - 1 < s.minNewTokens) for (const e of s.eos) x.set(e, -Infinity);
  if (s.forcedBos !== undefined && row.length === 1) {
    x.clear();
    x.set(s.forcedBos, 0);
  }
  if (s.forcedEos !== undefined && row.length === s.maxLength - 1) {
    x.clear();
    for (const e of s.forcedEos) x.set(e, 0);
  }
}

/**
 * Applies the rules to `logits` (one row's scores, changed in place) given the row so far (decoder
 * start first). Beam search applies them to log-probabilities, as Hugging Face's does.
 */
export function applyRules(s: GreedySettings, row: number[], logits: Float32Array): void {
  runRules(s, row, { get: (t) => logits[t], set: (t, v) => (logits[t] = v), clear: () => logits.fill(-Infinity) });
}

/** What the rules change in a row: the new scores (float32) of the tokens they touch. */
export interface RuleEdits {
  /** Every token not in `scores` became -Infinity (a forced token). */
  cleared: boolean;
  /** Token → its score after the rules, with `before` its score before them. */
  scores: Map<number, number>;
  before: Map<number, number>;
}

/**
 * The rules' changes to a row whose scores `base` gives, without touching the row: what beam and
 * greedy search need when they read only a row's best scores (see decode/row-scores.ts).
 */
export function ruleEdits(s: GreedySettings, row: number[], base: (t: number) => number): RuleEdits {
  const e: RuleEdits = { cleared: false, scores: new Map(), before: new Map() };
  runRules(s, row, {
    get: (t) => e.scores.get(t) ?? (e.cleared ? -Infinity : base(t)),
    set: (t, v) => {
      if (!e.cleared && !e.before.has(t)) e.before.set(t, base(t));
      e.scores.set(t, Math.fround(v));
    },
    clear: () => {
      e.cleared = true;
      e.scores.clear();
    },
  });
  return e;
}

/** The first highest score's index, as transformers.js's greedy sampler takes it. */
export function argmax(logits: Float32Array): number {
  let best = 0;
  for (let v = 1; v < logits.length; v++) if (logits[v] > logits[best]) best = v;
  return best;
}

/** Applies the rules to one row's `logits` (in place) and returns the token greedy search chooses. */
export function nextToken(s: GreedySettings, row: number[], logits: Float32Array): number {
  applyRules(s, row, logits);
  return argmax(logits);
}

/** Replaces scores by their log-softmax, in place (-Infinity stays -Infinity). */
export function logSoftmax(scores: Float32Array): void {
  const lse = logSumExp(scores);
  for (let v = 0; v < scores.length; v++) scores[v] -= lse;
}

/** log(sum(exp(x))) of one row of scores. */
export function logSumExp(x: Float32Array): number {
  let max = -Infinity;
  for (let v = 0; v < x.length; v++) if (x[v] > max) max = x[v];
  if (max === -Infinity) return max;
  let sum = 0;
  for (let v = 0; v < x.length; v++) sum += Math.exp(x[v] - max);
  return max + Math.log(sum);
}
