/**
 * One generated sequence of an input row. A row's hypotheses come best first: one for greedy
 * decoding, `num_return_sequences` for beam search.
 */
export interface Hypothesis {
  /** Generated ids after the decoder start, without the end token that closed the row. */
  tokens: number[];
  /**
   * The sequence's score as Hugging Face transformers reports `sequences_scores`: the sum of
   * `logprobs` divided by (generated length, end token included) ** length_penalty.
   */
  score: number;
  /**
   * Log-probability of each generated token under the processed, log-softmaxed scores it was
   * chosen from (the logits rules applied), plus the end token's when the row ended with one.
   */
  logprobs: number[];
}
