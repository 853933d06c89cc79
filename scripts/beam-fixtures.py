"""Writes the beam-search equality fixtures (tests/fixtures/beam/<kind>.json) from Hugging Face
transformers' own `generate`, run on the tiny test models' own weights.

To regenerate (after changing the test models' builders, tests/beam/models.ts, or this grid):

    python3 -m venv /tmp/hf
    /tmp/hf/bin/pip install torch transformers onnx onnxruntime   # torch's CPU build suffices
    /tmp/hf/bin/python scripts/beam-fixtures.py

It builds the models (`npx tsx tests/beam/build-models.ts`, into the git-ignored
tests/fixtures/beam/models/), maps each one's ONNX weights into transformers
(scripts/hf_from_onnx.py), checks that HF's logits equal onnxruntime's on every input batch of
the grid (and stops if they do not), runs `generate` over the grid on CPU in fp32, and writes
tests/fixtures/beam/<kind>.json: the transformers/torch/onnxruntime versions, the sha256 of each
ONNX file (tests/inference/beam-equality.test.ts refuses stale fixtures), and per case the exact
generation kwargs, the input ids and HF's n-best lists. A case whose outcome changes when the same
generation runs in float64 is left out (its choices hang on fp32 rounding, so no other runtime
could be asked to match them); the count is printed.

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
import copy
import hashlib
import json
import os
import random
import subprocess
import sys
import warnings

import numpy as np
import onnxruntime
import torch
import transformers
from transformers import GenerationConfig

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from beam_grid import Kind, batches, covering, grid_values, kwargs_of  # noqa: E402
from hf_from_onnx import DECODER, ENCODER, compare_with_onnxruntime, hf_model  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
OUT = os.path.join(ROOT, 'tests', 'fixtures', 'beam')
MODELS = os.path.join(OUT, 'models')
CASES_PER_KIND = 160
MAPPING_TOLERANCE = 1e-4

ABOUT = {
    'what': 'Hugging Face transformers generate() on this model\'s own weights (scripts/beam-fixtures.py)',
    'inputs': 'each input row unpadded; the batch is right-padded with `pad` and given an attention mask',
    'generation': 'the exact kwargs passed to generate (null: not set); pass them all to audarma too',
    'outputs': 'per input row, its n-best list, best first (num_return_sequences hypotheses)',
    'tokens': 'generated ids after the decoder start token, without the end token that closed the row',
    'ended': 'whether the row ended with eos_token_id (false: it reached the length limit)',
    'logprobs': ('per generated token, end token included when ended. Beam search (num_beams > 1): '
                 'compute_transition_scores(normalize_logits=False), i.e. log_softmax(logits) then '
                 'the logits processors (and log_softmax again when renormalize_logits), the values '
                 'the beam scores sum. Greedy (num_beams 1): compute_transition_scores('
                 'normalize_logits=True), i.e. log_softmax of the processed logits'),
    'score': ('beam search: HF sequences_scores = sum(logprobs) / len(logprobs) ** length_penalty. '
              'Greedy: HF reports none; the same formula over the greedy logprobs'),
    'greedy': 'beam cases: HF greedy tokens per row with the same settings but num_beams 1',
    'beam_differs': 'beam cases: per row, whether the best hypothesis differs from greedy',
}


def build_models():
    subprocess.run(['npx', 'tsx', 'tests/beam/build-models.ts', MODELS], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def sha256(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def tensors(rows, pad):
    width = max(map(len, rows))
    ids = torch.tensor([r + [pad] * (width - len(r)) for r in rows])
    mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows])
    return ids, mask


def generate(model, rows, kind, kw):
    ids, mask = tensors(rows, kind.pad)
    model.generation_config = GenerationConfig()  # nothing from config.json: every setting is passed
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        out = model.generate(input_ids=ids, attention_mask=mask, return_dict_in_generate=True, output_scores=True,
                             **{k: v for k, v in kw.items() if v is not None})
    beams = kw['num_beams'] > 1
    trans = model.compute_transition_scores(out.sequences, out.scores, out.beam_indices if beams else None,
                                            normalize_logits=not beams)
    n = kw['num_return_sequences']
    hyps = []
    for i, seq in enumerate(out.sequences.tolist()):
        gen = seq[1:]
        if beams:
            length = int((out.beam_indices[i] >= 0).sum())
        else:
            length = gen.index(kind.eos) + 1 if kind.eos in gen else len(gen)
        gen = gen[:length]
        ended = bool(gen) and gen[-1] == kind.eos
        logprobs = [f32(x) for x in trans[i, :length]]
        score = f32(out.sequences_scores[i]) if beams else float('%.9g' % (sum(logprobs) / length ** kw['length_penalty']))
        hyps.append({'tokens': gen[:-1] if ended else gen, 'ended': ended, 'score': score, 'logprobs': logprobs})
    return [hyps[r * n:(r + 1) * n] for r in range(len(rows))]


def f32(x):
    """A float32 value in the 9 significant digits that give it back exactly."""
    return float('%.9g' % float(x))


def sound(outputs):
    """No hypothesis HF filled in with a placeholder score or an impossible token."""
    return all(np.isfinite(h['score']) and h['score'] > -1e8 and all(np.isfinite(h['logprobs']))
               for row in outputs for h in row)


def same_choices(a, b):
    return all([h['tokens'] for h in ra] == [h['tokens'] for h in rb] for ra, rb in zip(a, b))


def mapping_check(model, folder, kind, inputs):
    """Max |HF − onnxruntime| logits over every batch, teacher-forced on HF's greedy output."""
    worst = 0.0
    for rows in inputs:
        kw = kwargs_of(kind, {'num_beams': 1, 'num_return_sequences': 1, 'length_penalty': 1.0, 'early_stopping': False,
                              'floor': None, 'limit': ('max_new_tokens', 12), 'forced': kind.forced()[0],
                              'no_repeat_ngram_size': None, 'repetition_penalty': None, 'bad_words_ids': None,
                              'renormalize_logits': False})
        out = generate(model, rows, kind, kw)
        width = 1 + max(len(r[0]['tokens']) + 1 for r in out)
        dec = [[kind.start] + (r[0]['tokens'] + [kind.eos] * width)[:width - 1] for r in out]
        ids, mask = tensors(rows, kind.pad)
        worst = max(worst, compare_with_onnxruntime(model, folder, ids.tolist(), mask.tolist(), dec))
    if worst > MAPPING_TOLERANCE:
        sys.exit(f'{kind.name}: HF logits differ from onnxruntime\'s by {worst} (> {MAPPING_TOLERANCE}): the mapping is wrong')
    return worst


def fixtures(name):
    folder = os.path.join(MODELS, 'audarma-beam', name)
    with open(os.path.join(folder, 'config.json')) as f:
        kind = Kind(name, json.load(f))
    model = hf_model(folder)
    model64 = copy.deepcopy(model).double()
    rng = random.Random(f'beam-fixtures/{name}')
    inputs = batches(kind, rng)
    diff = mapping_check(model, folder, kind, inputs)
    # Words the model writes often, so that banning them changes outputs.
    counts = {}
    for rows in inputs:
        for row in generate(model, rows, kind, kwargs_of(kind, {**{k: v[0] for k, v in grid_values(kind, [4, 5, 6]).items()}, 'limit': ('max_new_tokens', 16), 'forced': kind.forced()[0]})):
            for t in row[0]['tokens']:
                counts[t] = counts.get(t, 0) + (t in kind.words)
    frequent = sorted(counts, key=lambda t: (-counts[t], t))
    values = grid_values(kind, frequent)
    cases, fragile, unsound = [], 0, 0
    for choice in covering(values, rng):
        if len(cases) >= CASES_PER_KIND:
            break
        kw = kwargs_of(kind, choice)
        rows = inputs[choice['batch']]
        outputs = generate(model, rows, kind, kw)
        if not sound(outputs):
            unsound += 1
            continue
        if not same_choices(outputs, generate(model64, rows, kind, kw)):
            fragile += 1
            continue
        case = {'id': f'{name}-{len(cases):03d}', 'generation': kw, 'inputs': rows, 'pad': kind.pad, 'outputs': outputs}
        if kw['num_beams'] > 1:
            g = generate(model, rows, kind, {**kw, 'num_beams': 1, 'num_return_sequences': 1})
            case['greedy'] = [r[0]['tokens'] for r in g]
            case['beam_differs'] = [o[0]['tokens'] != gr for o, gr in zip(outputs, case['greedy'])]
        cases.append(case)
    differ = sum(any(c.get('beam_differs', [])) for c in cases)
    print(f'{name}: {len(cases)} cases ({sum(c["generation"]["num_beams"] > 1 for c in cases)} beam, {differ} with a row where '
          f'beam ≠ greedy); left out {fragile} fragile, {unsound} with placeholder scores; HF vs onnxruntime logits '
          f'max |diff| {diff:.2e}')
    return {
        'about': ABOUT,
        'kind': name,
        'model': f'audarma-beam/{name}',
        'versions': {'transformers': transformers.__version__, 'torch': torch.__version__,
                     'onnxruntime': onnxruntime.__version__, 'python': sys.version.split()[0]},
        'onnx_sha256': {f: sha256(os.path.join(folder, f)) for f in (ENCODER, DECODER)},
        'mapping_max_logit_diff': diff,
        'left_out': {'fragile': fragile, 'placeholder_scores': unsound},
        'cases': cases,
    }


def main():
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    build_models()
    for name in sys.argv[1:] or ['marian', 'm2m100', 'bart']:
        data = fixtures(name)
        cases = data.pop('cases')
        head = json.dumps(data, indent=1, allow_nan=False)
        lines = ',\n'.join(json.dumps(c, allow_nan=False, separators=(',', ':')) for c in cases)
        with open(os.path.join(OUT, f'{name}.json'), 'w') as f:
            # One case a line: reviewable diffs, a tenth of an indented file's size.
            f.write(head[:-2] + ',\n "cases": [\n' + lines + '\n ]\n}\n')


if __name__ == '__main__':
    main()
