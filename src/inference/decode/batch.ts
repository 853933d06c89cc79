import { Tensor } from '@huggingface/transformers';
import { SCORES_LSE, SCORES_RULE_IDS, SCORES_RULE_LOGITS, SCORES_TOP_IDS, SCORES_TOP_VALUES } from '../scores-head.ts';
import { PAST, type Seq2SeqSessions } from './sessions.ts';

/** An onnxruntime tensor as sessions return it: data already copied into JavaScript memory. */
interface OrtValue {
  data: ArrayLike<number | bigint> & { subarray(a: number, b: number): ArrayLike<number | bigint>; length: number };
  dims: readonly number[];
  type: string;
}

const int64 = (values: number[], dims: number[]) => new Tensor('int64', BigInt64Array.from(values, BigInt), dims).ort_tensor;

/** Rows `rows` of a batch-first tensor, in that order (a row may repeat). */
function gatherRows(t: OrtValue, rows: readonly number[]): unknown {
  const size = t.dims.slice(1).reduce((a, b) => a * b, 1);
  const Ctor = t.data.constructor as new (n: number) => OrtValue['data'] & { set(a: ArrayLike<number | bigint>, o: number): void };
  const out = new Ctor(rows.length * size);
  rows.forEach((r, i) => out.set(t.data.subarray(r * size, (r + 1) * size), i * size));
  return new Tensor(t.type as 'float32', out as unknown as Float32Array, [rows.length, ...t.dims.slice(1)]).ort_tensor;
}

/** The best logits of a row and their token ids, highest first (equal ones: lower id first). */
export interface TopLogits {
  values: Float32Array;
  ids: BigInt64Array;
}

/** The scores of one decoder step: each row's last-position logits. */
export interface StepLogits {
  /** Rows in this step. */
  size: number;
  vocab: number;
  /**
   * Whether row(i) is the whole row. When not, it holds the right logits only for the head's
   * best and the rule tokens (DecoderBatch.ruleIds); the rest is stale, never to be read.
   */
  full: boolean;
  /** Row `i`'s logits, a view that the caller may change. */
  row(i: number): Float32Array;
  /** Row `i`'s log-sum-exp, when the decoder has the scores head (scores-head.ts). */
  lse(i: number): number | undefined;
  /** Row `i`'s best logits, when the decoder has the scores head. */
  top(i: number): TopLogits | undefined;
}

/**
 * A batch being decoded on an encoder and a merged decoder: the encoder's states, the masks and
 * the caches of the rows still running. `select` keeps, reorders or repeats rows between steps,
 * so a row that has ended stops costing anything and beams follow the hypotheses they extend.
 */
export class DecoderBatch {
  private readonly feeds: Record<string, unknown> = {};
  /** Per row, the input row whose encoder states it reads. */
  private sources: number[];
  private encoderState: Record<string, OrtValue> = {};
  /** The input row of each row of the encoderState tensors. */
  private encoderRows: number[];
  private readonly pastNames: string[];
  private steps = 0;
  /** The last step's feeds, as it ran: `refetch` runs it again. */
  private lastFeeds: Record<string, unknown> = {};
  /** Tokens whose logits the scores head gathers (scores-head.ts), known after the first step. */
  ruleIds: ReadonlySet<number> | undefined;
  /** Per row, a vocabulary-wide array the sparse steps write their few known logits into. */
  private scratch: Float32Array[] = [];
  /** Known from the first step, which always fetches the logits. */
  private vocabSize = 0;

  private constructor(
    private readonly model: Seq2SeqSessions,
    encoded: OrtValue,
    attention: OrtValue,
    batch: number,
  ) {
    this.sources = Array.from({ length: batch }, (_, i) => i);
    this.encoderRows = this.sources;
    this.encoderState = { encoder_hidden_states: encoded, encoder_attention_mask: attention };
    this.pastNames = model.decoder.inputNames.filter((n) => n.startsWith(PAST));
    this.feeds.encoder_hidden_states = encoded;
    this.feeds.encoder_attention_mask = attention;
    this.emptyCaches(batch);
  }

  /** Runs the encoder on right-padded `rows`; the batch starts with one decoder row per input row. */
  static async open(model: Seq2SeqSessions, rows: number[][], pad: number): Promise<DecoderBatch> {
    const batch = rows.length;
    const width = Math.max(...rows.map((r) => r.length));
    const ids: number[] = [];
    const mask: number[] = [];
    for (const r of rows) {
      ids.push(...r, ...Array<number>(width - r.length).fill(pad));
      mask.push(...Array<number>(r.length).fill(1), ...Array<number>(width - r.length).fill(0));
    }
    const attention = int64(mask, [batch, width]);
    const input = int64(ids, [batch, width]);
    const encoded = await model.encoder.run(Object.fromEntries(model.encoder.inputNames.map((n) => [n, n === 'input_ids' ? input : attention])));
    return new DecoderBatch(model, encoded.last_hidden_state as OrtValue, attention as unknown as OrtValue, batch);
  }

  get size(): number {
    return this.sources.length;
  }

  private emptyCaches(batch: number): void {
    for (const m of this.model.decoder.inputMetadata!) {
      if (!m.name.startsWith(PAST)) continue;
      const shape = m.shape!.map((d) => (typeof d === 'number' ? d : d === 'batch_size' ? batch : 0));
      this.feeds[m.name] = new Tensor((m.type ?? 'float32') as 'float32', new Float32Array(0), shape).ort_tensor;
    }
  }

  /**
   * One decoder step: `tokens` holds each row's last token. With `logits: false` (and a decoder
   * whose scores head gathers the rule tokens) the whole logits stay in onnxruntime: the step
   * fetches only the head's outputs and the caches, and row(i) is sparse (see StepLogits.full).
   * onnxruntime-node copies every fetched output into a new JS buffer, so at batch 16 of OPUS-MT
   * size this leaves 3.8 MB a step uncopied (15 MB with 4 beams).
   */
  async next(tokens: number[], opts: { logits?: boolean } = {}): Promise<StepLogits> {
    const first = this.steps === 0;
    this.feeds.input_ids = int64(tokens, [tokens.length, 1]);
    this.feeds.use_cache_branch = new Tensor('bool', new Uint8Array([first ? 0 : 1]), [1]).ort_tensor;
    const sparse = !first && opts.logits === false && this.ruleIds !== undefined;
    // The cached branch returns placeholders for the cross-attention cache: not worth copying.
    const fetches = this.model.decoder.outputNames.filter(
      (n) => !(sparse && n === 'logits') && (first || (n !== SCORES_RULE_IDS && !(n.startsWith('present.') && !n.includes('.decoder.')))),
    );
    this.lastFeeds = { ...this.feeds };
    const result = (await this.model.decoder.run(this.feeds, fetches)) as Record<string, OrtValue>;
    this.steps++;
    if (first && result[SCORES_RULE_IDS]) this.ruleIds = new Set(Array.from(result[SCORES_RULE_IDS].data as BigInt64Array, Number));
    // The self-attention cache grows every step; the cross-attention one comes from the first step
    // only (the cached branch returns placeholders for it).
    for (const name of this.pastNames) {
      const present = result[name.replace(PAST, 'present.')];
      if (name.includes('.decoder.')) this.feeds[name] = present;
      else if (first) this.feeds[name] = present;
    }
    // From here every encoder-side tensor is kept as fed in the first step, indexed by its rows.
    if (first) {
      this.encoderState = Object.fromEntries(
        Object.keys(this.feeds)
          .filter((n) => n.startsWith('encoder_') || (n.startsWith(PAST) && !n.includes('.decoder.')))
          .map((n) => [n, this.feeds[n] as OrtValue]),
      );
      this.encoderRows = this.sources;
    }
    return this.scores(result, tokens.length);
  }

  /** The last step again, with its whole logits: for a step whose sparse scores did not settle a choice. */
  async refetch(): Promise<StepLogits> {
    const names = ['logits', SCORES_LSE, SCORES_TOP_VALUES, SCORES_TOP_IDS].filter((n) => this.model.decoder.outputNames.includes(n));
    const result = (await this.model.decoder.run(this.lastFeeds, names)) as Record<string, OrtValue>;
    return this.scores(result, (this.lastFeeds.input_ids as OrtValue).dims[0]);
  }

  private scores(result: Record<string, OrtValue>, size: number): StepLogits {
    const lse = result[SCORES_LSE]?.data as Float32Array | undefined;
    const values = result[SCORES_TOP_VALUES]?.data as Float32Array | undefined;
    const ids = result[SCORES_TOP_IDS]?.data as BigInt64Array | undefined;
    const k = result[SCORES_TOP_VALUES]?.dims.at(-1) ?? 0;
    const perLse = lse ? lse.length / size : 0;
    const top = (i: number) => {
      if (!values || !ids) return undefined;
      const end = ((i + 1) * values.length) / size;
      return { values: values.subarray(end - k, end), ids: ids.subarray(end - k, end) };
    };
    const common = { size, lse: (i: number) => lse?.[(i + 1) * perLse - 1], top };
    const logits = result.logits;
    if (logits) {
      const vocab = logits.dims[logits.dims.length - 1];
      const data = logits.data instanceof Float32Array ? logits.data : Float32Array.from(logits.data as ArrayLike<number>);
      const perRow = data.length / size;
      this.vocabSize = vocab;
      // The last position's scores of each row (a first step may return one position per input token).
      return { ...common, vocab, full: true, row: (i) => data.subarray(i * perRow + perRow - vocab, (i + 1) * perRow) };
    }
    const rule = result[SCORES_RULE_LOGITS];
    const ruleData = rule.data as Float32Array;
    const ruleIds = [...this.ruleIds!];
    const perRule = ruleData.length / size;
    const vocab = this.vocabSize;
    return {
      ...common,
      vocab,
      full: false,
      row: (i) => {
        const x = (this.scratch[i] ??= new Float32Array(vocab).fill(Number.NaN));
        const t = top(i)!;
        for (let j = 0; j < t.ids.length; j++) x[Number(t.ids[j])] = t.values[j];
        const from = (i + 1) * perRule - ruleIds.length;
        ruleIds.forEach((id, j) => (x[id] = ruleData[from + j]));
        return x;
      },
    };
  }

  /**
   * Keeps rows `rows` (indices into the current batch, in their new order, repeats allowed) for
   * the next step. Encoder states are copied only when the set of input rows behind the batch
   * changes, not when beams of one input are reordered.
   */
  select(rows: readonly number[]): void {
    const sources = rows.map((r) => this.sources[r]);
    const sameSources = sources.length === this.sources.length && sources.every((s, i) => s === this.sources[i]);
    const identity = rows.length === this.sources.length && rows.every((r, i) => r === i);
    if (identity) return;
    if (this.steps === 0) this.emptyCaches(rows.length);
    else for (const name of this.pastNames) if (name.includes('.decoder.')) this.feeds[name] = gatherRows(this.feeds[name] as OrtValue, rows);
    if (!sameSources) {
      // Encoder-side tensors are gathered from those kept, never from an earlier gather.
      const at = new Map(this.encoderRows.map((s, i) => [s, i]));
      const picked = sources.map((s) => at.get(s)!);
      for (const [name, value] of Object.entries(this.encoderState)) this.feeds[name] = gatherRows(value, picked);
    }
    this.sources = sources;
  }
}
