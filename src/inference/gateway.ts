import type { Generation } from '../config/schema.ts';
import type { Span } from './scores.ts';

/** What a model made of one text, and how sure it was (see scores.ts). */
export interface ModelOutput {
  text: string;
  /** exp(mean log-probability of the chosen tokens), 0–1; absent when the model path reports no scores. */
  confidence?: number;
  /** Character spans of the words holding a token the model gave a probability below 0.5. */
  lowWords?: Span[];
  /**
   * The other texts of the n-best list, best first, each once and never the output itself: only
   * when the generation options ask for more than one sequence (`num_return_sequences`).
   */
  alternatives?: string[];
}

/**
 * What the rest of audarma may ask of models. Plain data in and out, all async, so the
 * implementation can run models in this thread or in worker threads without the steps knowing.
 */
export interface Gateway {
  /** Translates texts with a catalogue model, in order; languages are our tags (`fr`, `kk`). */
  translate(modelKey: string, texts: string[], langs: { from: string; to: string }, generation?: Generation): Promise<ModelOutput[]>;
  /** Summarizes each text with a catalogue summarization model. */
  summarize(modelKey: string, texts: string[], generation?: Generation): Promise<ModelOutput[]>;
  /**
   * A token counter using the model's own tokenizer (special tokens included). The tokenizer is
   * small and loads in the calling thread, so splitting text to fit never waits on the model.
   */
  tokenCounter(modelKey: string): Promise<(text: string) => number>;
  /**
   * Longest input of a model in its own tokens: the catalogue's `maxInputTokens`, never more than
   * the model's own limit (its config.json), which is the default.
   */
  inputLimit(modelKey: string): number;
  /** Number of texts sent through a model so far, per catalogue key. */
  readonly calls: Readonly<Record<string, number>>;
  /** Batches started so far (retries included), per catalogue key: with `calls`, shows how texts of different callers shared batches. */
  readonly batches?: Readonly<Record<string, number>>;
  /** Frees the loaded models. */
  dispose(): Promise<void>;
  /** Ends at once whatever runs the models elsewhere (worker processes), for a run stopped by a signal. */
  kill(): void;
}
