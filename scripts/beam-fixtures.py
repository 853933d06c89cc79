"""Writes the beam-search equality fixtures (tests/fixtures/beam/<kind>.json) from Hugging Face
transformers' own `generate`, run on the tiny test models' own weights.

(The generator is being written; this docstring lands first because its facts are what a decoder
must reproduce.)

How transformers 5.18.0 (torch 2.13.0, CPU, fp32) decodes, read from generation/utils.py
(`_beam_search` and its helpers) and generation/logits_process.py. "Generated length" below is the
number of tokens after the decoder start token: the start token is never counted, the final `</s>`
is, a forced BOS token is.

Greedy (num_beams 1) is another code path (`_sample`):
  * The logits processors run on the raw logits of the last position (no log_softmax first).
  * The token is argmax of the processed scores (first index on ties). A row that has ended is fed
    pad_token_id; it stops at `</s>` or when its total length (start token included) reaches
    max_length (max_new_tokens = max_length - 1 for an encoder-decoder).
  * No `sequences_scores`. `scores` are the processed logits; compute_transition_scores(...,
    normalize_logits=True) gives log_softmax(processed logits)[chosen token] per step.

Beam search (num_beams > 1, do_sample false):
  1. Each step: log_probs = log_softmax(logits) FIRST, then the processors, in this order:
     repetition_penalty, no_repeat_ngram_size, bad_words_ids, min_length, min_new_tokens,
     forced_bos_token_id, forced_eos_token_id, and last, only when renormalize_logits is true,
     LogitNormalization (log_softmax again). Processors see the whole decoder row, start token
     included (repetition penalty and n-grams count the start token and a forced BOS).
  2. repetition_penalty therefore acts on log-probabilities: a seen token's value, being < 0, is
     MULTIPLIED by the penalty (a value of exactly 0, e.g. a forced token, is divided: stays 0).
     In greedy it acts on raw logits (< 0 multiplied, >= 0 divided). Same rule, different inputs.
  3. min_length bans eos while the decoder row (start token included) is shorter than min_length;
     min_new_tokens while fewer than min_new_tokens tokens follow the start token; forced BOS
     applies when the row is just the start token; forced EOS when the row length is max_length - 1.
     Bans (n-grams, bad words, min length) set -inf; forced BOS/EOS set every other token to -inf
     and the forced one to 0. Without renormalize_logits the processed row no longer sums to 1
     (masked mass is simply lost) and the penalised values are not log-probabilities; with it,
     each beam's row is log_softmax-ed again, which shifts every beam by its own constant and so
     changes which candidates win. The real Marian generation_config.json has
     renormalize_logits: true; transformers.js ignores the key (its LogitNormalization is
     commented out), so the decoder must honour it itself.
  4. Running score of a beam = sum of its processed per-step values (step 3's output). At the first
     step beam 0 starts at 0 and beams 1.. at -1e9 (not -inf), so only beam 0's candidates count
     unless fewer than 2·num_beams finite candidates exist (forced tokens).
  5. Candidates: topk over the flattened [num_beams × vocab] of (running score + processed value),
     k = 2·num_beams (max(2, 1 + number of eos ids) · num_beams), sorted descending; candidate
     index = beam · vocab + token. A candidate "hits a stopping criterion" when its token is an
     eos id OR its new total length (start token included) reaches max_length.
  6. Finishing: only candidates ranked among the FIRST num_beams of the 2·num_beams may become
     finished hypotheses (an eos candidate ranked lower is dropped, it neither finishes nor runs).
     A finished candidate's score = running score incl. its last token / (generated length ** length_penalty),
     generated length counting that last token (eos included; at max_length, the last non-eos
     token). It is merged into the row's num_beams best finished hypotheses (kept sorted, best
     first) unless: early_stopping is True and all num_beams slots are already finished, or the
     row is done (step 8).
  7. Next running beams: the best num_beams candidates that did not hit a stopping criterion (in
     score order); the self-attention cache is gathered to follow them.
  8. Row done (sticky): after the step, generated length L = tokens generated so far;
     best = best running score / (L' ** length_penalty) where L' = L, except early_stopping
     "never" with length_penalty > 0: L' = max_length - 1 (max_length minus the start token).
     worst = min of the num_beams finished scores (slots not yet filled hold -1e9).
     The row stays open while best > worst (so it is open until all num_beams slots are filled).
     early_stopping false uses exactly this heuristic; "never" only changes L' as said.
  9. The loop ends when no row is open, or (early_stopping True) every row has all num_beams
     slots finished, or every candidate of the last step hit a stopping criterion (max_length).
 10. Output: the first num_return_sequences finished hypotheses of each row, best first.
     `sequences_scores` = their step-6 scores. sequences are padded with pad_token_id after eos.
     `scores` (output_scores) = step-3 processed values per step, per beam;
     compute_transition_scores(sequences, scores, beam_indices, normalize_logits=False) gives each
     generated token's step-3 value along its own beam history (eos included), and
     sum(those) / (generated length ** length_penalty) == sequences_scores.
 11. Tie order: torch.topk on CPU; fixtures avoid exact ties (they arise only among -inf).

Greedy vs beam with num_beams 1: HF never runs beam search with one beam; a decoder with a single
beam code path must still give greedy's tokens (argmax of processed raw logits, penalty on logits).
"""
import sys

if __name__ == '__main__':
    sys.exit('scripts/beam-fixtures.py: the generator is not written yet')
