import * as z from 'zod';

/** A language tag as used for targets and model language maps: `en`, `kk`, `kk-Latn`, `zh-Hant`. */
export const LanguageTagSchema = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'expected a language tag such as `en`, `kk` or `zh-Hant`' });

/** An SPDX licence id such as `Apache-2.0`, `MIT` or `CC-BY-NC-4.0`. */
export const SpdxSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9.+-]*$/, { error: 'expected an SPDX licence id such as `Apache-2.0`, `MIT` or `CC-BY-NC-4.0`' });

/**
 * Generation options, snake_case as Hugging Face names them, over the model's own
 * generation_config.json. audarma decodes greedily or by beam search itself (src/inference/decode/,
 * equal to transformers' `generate`); `max_length` is always overridden by `max_new_tokens`.
 */
export const GenerationSchema = z
  .strictObject({
    /**
     * Upper bound on generated tokens per segment; never more than the decoder's positions
     * (config.json `max_position_embeddings`, 512 for OPUS-MT), which a longer output would run past.
     * @default 1.5 × the input limit + 8, at most the decoder's positions
     */
    max_new_tokens: z.int().positive().optional(),
    /**
     * End-of-text is forbidden until the output (counting the decoder's start token) has this many
     * tokens. `0` undoes a model's own minimum, such as distilbart-cnn's 56.
     */
    min_length: z.int().nonnegative().optional(),
    /** Like `min_length`, counting generated tokens only. */
    min_new_tokens: z.int().nonnegative().optional(),
    /** Greater than 1 discourages repeating tokens. */
    repetition_penalty: z.number().positive().optional(),
    /** Forbids repeating any n-gram of this size. */
    no_repeat_ngram_size: z.int().nonnegative().optional(),
    /** Hypotheses kept at each step: 1 decodes greedily, more runs beam search (the models' cards ask for 4–6). @default the model's own */
    num_beams: z.int().positive().optional(),
    /** Beam search: a finished hypothesis's log-probability is divided by its length to this power; above 1 favours longer outputs. @default the model's own, else 1 */
    length_penalty: z.number().optional(),
    /** Beam search stops when `num_beams` hypotheses are finished (`true`), when no better one can come (`false`, a heuristic), or only at the length limit (`"never"`). @default the model's own, else false */
    early_stopping: z.union([z.boolean(), z.literal('never')], { error: 'expected true, false or "never"' }).optional(),
    /** Hypotheses returned per segment, best first (the API's `alternatives` asks for more); at most `num_beams`. @default 1 */
    num_return_sequences: z.int().positive().optional(),
    /** Log-softmax the scores again after the rules (repetition penalty, banned n-grams) change them. @default false */
    renormalize_logits: z.boolean().optional(),
  })
  .check((ctx) => {
    // With num_beams unset here the model's own applies, which only the decoder knows: it checks then.
    const { num_beams: beams, num_return_sequences: n } = ctx.value;
    if (n !== undefined && beams !== undefined && n > beams)
      ctx.issues.push({ code: 'custom', path: ['num_return_sequences'], message: `expected at most num_beams (${beams})`, input: n });
  });
export type Generation = z.infer<typeof GenerationSchema>;

/** A translation pair served by a bilingual model, in our language tags. */
export const PairSchema = z.strictObject({ from: LanguageTagSchema, to: LanguageTagSchema });

/** One model of the catalogue: where it comes from and what it serves. */
export const ModelSchema = z.strictObject({
  /** Hugging Face hub id, also the folder under `models.dir`. */
  id: z.string().regex(/^[\w.-]+\/[\w.-]+$/, { error: 'expected a hub id like `Xenova/opus-mt-fr-en`' }),
  /** Pinned revision (branch, tag or commit). @default "main" */
  revision: z.string().min(1).optional(),
  task: z.enum(['translation', 'summarization']),
  /** Bilingual models: the pairs they translate. */
  pairs: z.array(PairSchema).min(1).optional(),
  /** Multilingual models (NLLB, M2M100): our tag -> the model's own code, e.g. `kk: kaz_Cyrl`. Summarizers: the language they summarize. */
  languages: z.record(LanguageTagSchema, z.string().min(2)).optional(),
  /**
   * Target-language token put before every input of a model that translates into several
   * languages (OPUS-MT's `>>cmn_Hans<<`, `>>cmn_Hant<<`, `>>yue<<` …); it must be in the model's
   * vocabulary, which is checked when the model loads.
   */
  targetToken: z
    .string()
    .regex(/^>>\w+<<$/, { error: 'expected a target-language token such as `>>cmn_Hans<<`' })
    .optional(),
  /** Weights to load. q8 is ~2.5× faster than fp32 on CPU. @default "fp32" */
  dtype: z.enum(['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'bnb4', 'q4f16']).default('fp32'),
  /**
   * Longest input the model takes, in its own tokens; longer text is split, never truncated. At
   * most the model's own limit, and by default that limit: config.json `max_position_embeddings`,
   * or tokenizer_config.json `model_max_length` when smaller (512 when the files give neither).
   * @default the model's own limit
   */
  maxInputTokens: z.int().positive().optional(),
  /** Segments per model call. @default 16 */
  batchSize: z.int().positive().default(16),
  generation: GenerationSchema.prefault({}),
  /**
   * Generation options for a second try when an output is caught in a repetition loop
   * ("I'm sorry, I'm sorry, …", a known failure of OPUS-MT and NLLB); `false` disables the retry.
   * @default { no_repeat_ngram_size: 3, repetition_penalty: 1.3 }
   */
  loopRetry: z.union([GenerationSchema, z.literal(false)]).default({ no_repeat_ngram_size: 3, repetition_penalty: 1.3 }),
  /**
   * Licence of the weights as its model card gives it, an SPDX id (`Apache-2.0`, `MIT`,
   * `CC-BY-NC-4.0`): shown by `models list`, run reports, review pages and `/health`, and checked
   * against `models.allowLicenses`.
   */
  license: SpdxSchema.optional(),
  /** Approximate download size in MB for the configured dtype, shown by `models list` while missing. */
  sizeMB: z.number().positive().optional(),
});
export type ModelConfig = z.infer<typeof ModelSchema>;

/** How a target edition is made. */
export const TargetSchema = z.strictObject({
  /** Human name of the language, for reports and the review page. */
  name: z.string().optional(),
  /** Language the edition is made from: the source (default) or another target (a pivot). */
  from: LanguageTagSchema.optional(),
  /** Catalogue key of the model translating `from` -> this target. */
  model: z.string().optional(),
  /** Name of a model-free derivation from the `from` edition (transliteration, script conversion). */
  derive: z.string().optional(),
  /** Catalogue key of the model translating the summary into this target; found in the catalogue when omitted. */
  summaryModel: z.string().optional(),
  /** Writing system the output must use, for quality checks: Latn, Cyrl, Hani. */
  script: z.enum(['Latn', 'Cyrl', 'Hani']).optional(),
  /** Joins the translated pieces of a block. @default " " */
  separator: z.string().default(' '),
  /** Allowed ratio of output to source length (characters) before a segment is flagged; defaults per language. */
  lengthRatio: z.strictObject({ min: z.number().nonnegative(), max: z.number().positive() }).optional(),
});

export const SummarySchema = z.strictObject({
  /** Catalogue key of the summarization model. */
  model: z.string(),
  /** The edition the summary is made from, then translated into the other targets. @default "en" */
  language: LanguageTagSchema.default('en'),
  generation: GenerationSchema.prefault({}),
});

export const ModelsSettingsSchema = z.strictObject({
  /** Local model store, relative to the config file. @default "models" */
  dir: z.string().default('models'),
  /** May a run download missing models? Only `audarma models pull` downloads otherwise. @default false */
  allowDownload: z.boolean().default(false),
  /** Where models are downloaded from: the Hugging Face hub or a mirror of it. @default "https://huggingface.co/" */
  hub: z.url().default('https://huggingface.co/'),
  /**
   * Licences (SPDX ids) a model may have to be loaded: a run, `serve`, `worker` or `eval` that
   * needs a model with another licence, or with none in the catalogue, stops before loading
   * anything (exit 2). Unset: any licence.
   */
  allowLicenses: z.array(SpdxSchema).min(1).optional(),
});

/** How batch runs behave; `audarma run` options override these. */
export const RunSettingsSchema = z.strictObject({
  /** Documents in flight at once; their segments share length-sorted model batches. @default 32 */
  concurrency: z.int().positive().default(32),
  /** Share of documents that may fail before the run exits with 1 (0 = any failure). @default 0 */
  failureThreshold: z.number().min(0).max(1).default(0),
  /**
   * A run holds a lock on its output and cache folders and refreshes it while it runs. A lock
   * from another host (a restarted container, a shared disk) not refreshed for this many seconds
   * is taken over; a lock from this host is taken over as soon as its process is gone. At least
   * 60: a run whose models keep its thread busy refreshes late. @default 600
   */
  lockStaleSeconds: z.int().min(60, { error: 'expected a whole number of seconds, at least 60' }).default(600),
});

/** How models run on this machine. */
export const InferenceSchema = z.strictObject({
  /**
   * Model worker processes, each with its own copy of the models; 0 runs them in this process.
   * onnxruntime-node blocks the thread that runs a model, so using several cores takes workers.
   * @default 0
   */
  workers: z.int().nonnegative().default(0),
  /** onnxruntime threads per model session; unset lets onnxruntime pick (all cores). */
  intraOpThreads: z.int().positive().optional(),
});

/** A named batch job, run by `audarma run --job NAME` (what a cron entry calls). */
export const JobSchema = z.strictObject({
  /** Files, folders or globs, relative to the config file. */
  inputs: z.array(z.string().min(1)).min(1),
  /** Output folder, relative to the config file. */
  out: z.string().min(1),
  /** Pipeline name. @default defaultPipeline */
  pipeline: z.string().optional(),
  concurrency: z.int().positive().optional(),
  failureThreshold: z.number().min(0).max(1).optional(),
  /** Redis URL (`redis://HOST:PORT[/DB]`): run the job's documents on the queue workers listening there, as `--queue` does. */
  queue: z
    .string()
    .regex(/^rediss?:\/\//, { error: 'expected a Redis URL such as `redis://127.0.0.1:6379`' })
    .optional(),
});
export type Job = z.infer<typeof JobSchema>;

/** Runs through a queue (`--queue`) and queue workers (`audarma worker`); times are BullMQ's. */
export const QueueSettingsSchema = z.strictObject({
  /** A document a queue worker holds is given back to the queue when the worker has not renewed its lock for this long (BullMQ's lockDuration). @default 30000 */
  lockMs: z.int().positive().optional(),
  /** How often queue workers look for documents whose worker is gone (BullMQ's stalledInterval). @default 30000 */
  stalledIntervalMs: z.int().positive().optional(),
  /** Times a document may lose its queue worker and go back to the queue; once more and it fails (BullMQ's maxStalledCount). @default 1 */
  maxStalledCount: z.int().nonnegative().optional(),
  /** Tries of a document whose queue worker reports an error (not a failed step, which is the document's result). @default 3 */
  attempts: z.int().positive().default(3),
  /** Wait before the first retry, doubled at each one. @default 1000 */
  backoffMs: z.int().nonnegative().default(1000),
  /** How long a run and its queue workers wait for Redis to come back before they stop with an error. @default 300 */
  redisDownSeconds: z.number().positive().default(300),
});
export type QueueSettings = z.infer<typeof QueueSettingsSchema>;

/**
 * Default of `quality.minConfidence`: below a geometric mean token probability of one half, the
 * model's typical choice in a segment was more likely wrong than right, the line Firefox
 * Translations draws for the words it highlights.
 */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

/** Quality checks on every segment. */
export const QualitySettingsSchema = z.strictObject({
  /**
   * A segment whose confidence (the geometric mean of its tokens' probabilities) is below this is
   * flagged `low-confidence` (see DEFAULT_MIN_CONFIDENCE for why 0.5). 0 turns the flag off.
   * @default 0.5
   */
  minConfidence: z.number().min(0).max(1).default(DEFAULT_MIN_CONFIDENCE),
});

export const ConfigSchema = z.strictObject({
  /** Language of the articles. @default "fr" */
  source: LanguageTagSchema.default('fr'),
  models: ModelsSettingsSchema.prefault({}),
  catalogue: z.record(z.string().regex(/^[\w.-]+$/), ModelSchema),
  targets: z.record(LanguageTagSchema, TargetSchema),
  summary: SummarySchema.optional(),
  /** Glossary file (YAML), relative to the config file: names every edition must spell one way. */
  glossary: z.string().optional(),
  /** Folder of pipeline files, relative to the config file. @default "pipelines" */
  pipelines: z.string().default('pipelines'),
  /** Pipeline used when none is named. @default "article" */
  defaultPipeline: z.string().default('article'),
  cache: z
    .strictObject({
      /** Folder of the embedded SQLite store (finished segments, per-document state), relative to the config file. @default ".audarma-cache" */
      dir: z.string().default('.audarma-cache'),
    })
    .prefault({}),
  run: RunSettingsSchema.prefault({}),
  inference: InferenceSchema.prefault({}),
  queue: QueueSettingsSchema.prefault({}),
  jobs: z.record(z.string().regex(/^[\w.-]+$/), JobSchema).default({}),
  quality: QualitySettingsSchema.prefault({}),
  /**
   * What `audarma serve` (the API and the desk, answering people who wait) decodes with, over every
   * model's `generation`: e.g. `{ generation: { num_beams: 1 } }` for greedy answers while runs
   * and queue workers keep the models' beams.
   */
  interactive: z.strictObject({ generation: GenerationSchema.optional() }).prefault({}),
});
export type Config = z.infer<typeof ConfigSchema>;
