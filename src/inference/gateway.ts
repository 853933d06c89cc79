import type { Generation } from '../config/schema.ts';

/**
 * What the rest of audarma may ask of models. Plain data in and out, all async, so the
 * implementation can run models in this thread or in worker threads without the steps knowing.
 */
export interface Gateway {
  /** Translates texts with a catalogue model, in order; languages are our tags (`fr`, `kk`). */
  translate(modelKey: string, texts: string[], langs: { from: string; to: string }, generation?: Generation): Promise<string[]>;
  /** Summarizes each text with a catalogue summarization model. */
  summarize(modelKey: string, texts: string[], generation?: Generation): Promise<string[]>;
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
