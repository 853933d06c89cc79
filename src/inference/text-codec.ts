import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AutoTokenizer } from '@huggingface/transformers';
import type { ModelConfig } from '../config/schema.ts';
import { modelLanguageCodes } from '../config/routes.ts';
import { generationFor, inputLimitOf, modelLimitsReader } from './model-limits.ts';
import { configureTransformers, loadKey, modelOf, perModel, type BatchJob, type GatewayOptions, type TokenJob } from './model-runner.ts';
import type { Hypothesis } from './decode/types.ts';
import type { ModelOutput } from './gateway.ts';
import { confidenceOf, lowWordSpans, LOW_TOKEN_PROBABILITY } from './scores.ts';
import { isModelPresent, modelFolder } from './model-store.ts';
import { targetTokenId, type TargetTokenizer } from './target-token.ts';

interface Tokenizer extends TargetTokenizer {
  encode(text: string): number[];
  _build_translation_inputs?(texts: string[], options: Record<string, unknown>, kwargs: Record<string, unknown>): { input_ids: number[][] };
}

/** Text turned into token ids and back, in this process: what model workers never need to load. */
export interface TextCodec {
  tokenCounter(key: string): Promise<(text: string) => number>;
  /** Longest input of a catalogue model, in its tokens (see inputLimitOf). */
  inputLimit(key: string): number;
  encode(job: BatchJob): Promise<TokenJob>;
  /** Texts of token rows, as the pipeline detokenizes them. */
  decode(job: BatchJob, rows: number[][]): Promise<string[]>;
  /** Each row's best text with its scores (see scores.ts), and the other texts of its n-best list. */
  outputs(job: BatchJob, hypotheses: Hypothesis[][]): Promise<ModelOutput[]>;
  dispose(): void;
}

/**
 * The text a transformers.js text2text pipeline prefixes to its inputs (config.json `prefix`, or
 * the task's own): T5-style models need it; Marian, NLLB and BART have none.
 */
function textPrefix(folder: string, task: string): string {
  try {
    const config = JSON.parse(readFileSync(path.join(folder, 'config.json'), 'utf8')) as {
      prefix?: string;
      task_specific_params?: Record<string, { prefix?: string }>;
    };
    return (config.task_specific_params?.[task]?.prefix ?? '') + (config.prefix ?? '');
  } catch {
    return '';
  }
}

/**
 * Tokenizes and detokenizes batches as transformers.js's translation and summarization pipelines
 * do (same prefix, same truncation, NLLB's language codes, the target token), so a model given the
 * ids generates what the pipeline's model would. Tokenizers load once per model, in this process.
 */
export function createTextCodec(opts: GatewayOptions): TextCodec {
  configureTransformers(opts.modelsDir, Boolean(opts.allowDownload), opts.hub);
  const tokenizers = perModel(opts, async (m) => (await AutoTokenizer.from_pretrained(m.id, { revision: m.revision })) as unknown as Tokenizer);
  const limitsOf = modelLimitsReader(opts.modelsDir);
  const prefixes = new Map<string, string>();
  const prefixOf = (m: ModelConfig) => {
    const k = loadKey(m) + m.task;
    if (!prefixes.has(k) && isModelPresent(opts.modelsDir, m)) prefixes.set(k, textPrefix(modelFolder(opts.modelsDir, m), m.task));
    return prefixes.get(k) ?? '';
  };
  const tokenizerOf = (key: string) => tokenizers.get(loadKey(modelOf(opts, key)));

  return {
    async tokenCounter(key) {
      const m = modelOf(opts, key);
      const tokenizer = await tokenizerOf(key);
      // Checked here too, so a token the model lacks stops the run before the first batch.
      if (m.targetToken) targetTokenId(key, m, tokenizer);
      // The target-language token takes one input position of every text.
      const extra = m.targetToken ? 1 : 0;
      return (text) => tokenizer.encode(text).length + extra;
    },
    inputLimit: (key) => {
      const m = modelOf(opts, key);
      return inputLimitOf(m, limitsOf(m));
    },
    async encode(job) {
      const m = modelOf(opts, job.key);
      const tokenizer = await tokenizerOf(job.key);
      const prefix = prefixOf(m);
      const texts = job.texts.map((t) => prefix + t);
      const generation: Record<string, unknown> = { ...generationFor(m, limitsOf(m), job.generation) };
      let rows: number[][];
      if (m.targetToken) {
        // The id goes in front of the tokenized text, not into the text: a Marian tokenizer.json
        // has no rule keeping `>>cmn_Hans<<` whole, and transformers.js 4 no longer splits it off.
        const id = targetTokenId(job.key, m, tokenizer);
        const max = Number.isFinite(tokenizer.model_max_length) ? tokenizer.model_max_length - 1 : undefined;
        const { input_ids } = tokenizer(texts, { padding: false, truncation: max !== undefined, max_length: max, return_tensor: false });
        rows = input_ids.map((ids) => [id, ...ids]);
      } else {
        const options = { padding: false, truncation: true, return_tensor: false };
        // NLLB's tokenizer keeps the last src_lang and sets the target code to force: every call
        // names its languages, as the pipeline does.
        const codes: Record<string, unknown> = job.langs ? modelLanguageCodes(m, job.langs.from, job.langs.to) : {};
        if (m.task === 'translation' && tokenizer._build_translation_inputs) {
          rows = tokenizer._build_translation_inputs(texts, options, codes).input_ids;
          if (codes.forced_bos_token_id !== undefined) generation.forced_bos_token_id = codes.forced_bos_token_id;
        } else {
          rows = tokenizer(texts, options).input_ids;
        }
      }
      return { key: job.key, rows, pad: tokenizer.pad_token_id, generation };
    },
    async decode(job, rows) {
      const m = modelOf(opts, job.key);
      const tokenizer = await tokenizerOf(job.key);
      const clean = cleaner(m.targetToken);
      return tokenizer.batch_decode(rows, { skip_special_tokens: true }).map(clean);
    },
    async outputs(job, hypotheses) {
      const m = modelOf(opts, job.key);
      const tokenizer = await tokenizerOf(job.key);
      const clean = cleaner(m.targetToken);
      const text = (tokens: number[]) => clean(tokenizer.decode(tokens, { skip_special_tokens: true }));
      return hypotheses.map((hyps) => {
        const [best, ...others] = hyps;
        const out: ModelOutput = { text: text(best.tokens) };
        const confidence = confidenceOf(best.logprobs);
        if (confidence !== undefined) {
          out.confidence = confidence;
          const line = Math.log(LOW_TOKEN_PROBABILITY);
          // Decoding every prefix costs a detokenization per token: only for outputs with a doubt.
          if (best.tokens.some((_, i) => best.logprobs[i] < line)) {
            const ends = tokenEnds(out.text, best.tokens, text);
            const low = lowWordSpans(out.text, ends, best.logprobs);
            if (low.length) out.lowWords = low;
          }
        }
        if (others.length) {
          const seen = new Set([out.text]);
          out.alternatives = others.map((h) => text(h.tokens)).filter((t) => !seen.has(t) && seen.add(t) && t !== '');
        }
        return out;
      });
    },
    dispose: () => tokenizers.clear(),
  };
}

/** The output as the pipeline returns it: the target token (should a model echo it) removed, trimmed. */
const cleaner = (token: string | undefined) => (t: string) => (token && t.trimStart().startsWith(token) ? t.trimStart().slice(token.length) : t).trim();

/**
 * Where each token ends in `text`, the decoded whole: how far the text of the tokens up to it
 * agrees with the whole (a prefix may differ where the detokenizer tidies spaces around
 * punctuation), never going back.
 */
export function tokenEnds(text: string, tokens: number[], decode: (tokens: number[]) => string): number[] {
  let end = 0;
  return tokens.map((_, i) => {
    const prefix = decode(tokens.slice(0, i + 1));
    let k = 0;
    while (k < prefix.length && k < text.length && prefix[k] === text[k]) k++;
    return (end = Math.max(end, k));
  });
}

/** A queue slot for texts around one that generates from token ids (in this process or a worker). */
export function textSlot(codec: TextCodec, generate: (job: TokenJob) => Promise<Hypothesis[][]>): (job: BatchJob) => Promise<ModelOutput[]> {
  return async (job) => codec.outputs(job, await generate(await codec.encode(job)));
}
