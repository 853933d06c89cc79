"""Hugging Face transformers on the bench stand-in's own weights: the peer row of `npm run bench`.

    python bench/peer/hf_peer.py JOB.json

JOB.json: {"model": <stand-in folder>, "dtype": "fp32" | "int8", "threads": n, "beams": n,
"batch": n, "rows": [[input ids…]…], "lengths": [generated tokens per row…], "profile": optional bool (torch's
profiler over the timed loop, per-op table on stderr)}. Prints READY
when loaded and warm, waits for a line on stdin, then decodes and prints
RESULT {"tokens": [[ids…]…], "seconds": s, "cpuSeconds": s, "outputTokens": n, "peakRssMB": mb}.

The model is the MarianMTModel scripts/hf_from_onnx.py makes from the folder's config.json and fp32
ONNX initializers. int8 is torch.ao.quantization.quantize_dynamic on the Linear layers, lm_head
included.

The stand-in ends each row with extra ONNX nodes that HF's Marian lacks (a bias on </s> from a set
decoder position on). HF runs with the same generated lengths instead: a logits processor bans
</s> before row i has lengths[i] tokens and forces it then, as min/max new tokens per row would.
Everything else (bad words, forced EOS at max length, greedy or beam search) is generate's own.
"""
import json
import os
import resource
import sys
import time
import warnings

import torch
import transformers
from transformers import GenerationConfig, LogitsProcessor, LogitsProcessorList

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from hf_from_onnx import hf_model  # noqa: E402


def marian_from_onnx(folder: str):
    """The model scripts/hf_from_onnx.py maps from the fp32 ONNX files, with the attention HF uses
    by default (sdpa), and the folder's generation_config.json (bad words, forced </s>,
    renormalize_logits), as audarma reads it."""
    model = hf_model(folder, attn_implementation="sdpa")
    model.generation_config = GenerationConfig.from_pretrained(folder)
    return model


class SameLengths(LogitsProcessor):
    """Row i (beam rows: i // beams) gets exactly lengths[i] tokens, then </s>."""

    def __init__(self, lengths, beams, start_len, eos):
        self.lengths = torch.tensor(lengths)
        self.beams = beams
        self.start_len = start_len
        self.eos = eos

    def __call__(self, input_ids, scores):
        made = input_ids.shape[1] - self.start_len
        target = self.lengths.repeat_interleave(self.beams)
        early = target > made
        scores[early, self.eos] = -float("inf")
        now = target == made
        if now.any():
            scores[now] = -float("inf")
            scores[now, self.eos] = 0
        return scores


def main() -> None:
    transformers.logging.set_verbosity_error()  # max_new_tokens beside the config's max_length is meant
    warnings.filterwarnings("ignore")  # torch's deprecation notices for quantize_dynamic
    job = json.load(open(sys.argv[1]))
    torch.set_num_threads(job["threads"])
    model = marian_from_onnx(job["model"])
    if job["dtype"] == "int8":
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    config = model.config
    rows, lengths, batch, beams = job["rows"], job["lengths"], job["batch"], job["beams"]
    pad, eos = config.pad_token_id, config.eos_token_id

    def run(part_rows, part_lengths):
        width = max(len(r) for r in part_rows)
        ids = torch.tensor([r + [pad] * (width - len(r)) for r in part_rows])
        mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in part_rows])
        procs = LogitsProcessorList([SameLengths(part_lengths, beams, 1, eos)])
        with torch.inference_mode():
            out = model.generate(
                input_ids=ids, attention_mask=mask, num_beams=beams, do_sample=False, max_new_tokens=max(part_lengths) + 1,
                logits_processor=procs, num_return_sequences=1, early_stopping=False,
            )
        # Drop the decoder start; cut each row at its first </s> (later ones are padding).
        result = []
        for seq in out.tolist():
            seq = seq[1:]
            result.append(seq[: seq.index(eos)] if eos in seq else seq)
        return result

    run(rows[:batch], lengths[:batch])  # warm-up
    # Loaded and warm: wait for the parent's go, so processes run side by side.
    print("READY", flush=True)
    sys.stdin.readline()
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    tokens = []
    profiler = torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) if job.get("profile") else None
    if profiler:
        profiler.__enter__()
    for i in range(0, len(rows), batch):
        tokens += run(rows[i : i + batch], lengths[i : i + batch])
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    if profiler:
        profiler.__exit__(None, None, None)
        # Per-operator self CPU time, on stderr: the counterpart of onnxruntime's per-op profile.
        print(profiler.key_averages().table(sort_by="self_cpu_time_total", row_limit=18), file=sys.stderr)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps({"tokens": tokens, "seconds": seconds, "cpuSeconds": cpu, "outputTokens": sum(map(len, tokens)), "peakRssMB": peak}), flush=True)


if __name__ == "__main__":
    main()
