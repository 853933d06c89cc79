"""A Hugging Face transformers model holding the weights of an exported ONNX model folder.

    from hf_from_onnx import hf_model, compare_with_onnxruntime
    model = hf_model('tests/fixtures/beam/models/audarma-beam/marian')   # fp32, eval mode
    diff = compare_with_onnxruntime(model, folder, input_ids, attention_mask, decoder_input_ids)

The folder is one audarma builds (the beam test models, the bench stand-ins): config.json plus
onnx/encoder_model.onnx and onnx/decoder_model_merged.onnx in the hub's (optimum's) layout.
The model class comes from config.json (MarianMTModel, M2M100ForConditionalGeneration,
BartForConditionalGeneration); every parameter and buffer is overwritten from the ONNX
initializers (read with the `onnx` package), and a parameter no initializer fills is an error.

How the names map:
  * optimum's merged decoder renames deduplicated initializers `<name>_merged_0`: the suffix goes.
  * The tied table (`model.shared.weight`) fills the shared embedding, both embed_tokens and
    lm_head (HF ties them; all are set, so an untied copy cannot be left random).
  * Linear weights are stored as MatMul's constant B, [in, out]: transposed into torch's [out, in].
    That covers q/k/v/out_proj, fc1, fc2 and a separate lm_head. The query scale (head_dim^-0.5)
    is a graph node in the export and a constant in HF's attention, so q_proj is copied as is.
  * Biases, LayerNorm weights/biases, final_logits_bias and position tables copy as they are:
    Marian's sinusoidal `embed_positions.weight`, BART's learned ones (2 offset rows included),
    M2M100's `embed_positions.weights` (a non-persistent buffer HF recomputes; it is set too).
  * A separate lm_head (the bench's 'separate' layout) is transposed; its bias must be zero, as
    HF's lm_head has none.
  * q8 files are not read: HF runs the fp32 weights.
"""
import os

import numpy as np
import onnx
import torch
from onnx import numpy_helper
from transformers import AutoConfig, AutoModelForSeq2SeqLM

ENCODER = 'onnx/encoder_model.onnx'
DECODER = 'onnx/decoder_model_merged.onnx'
LINEAR = ('q_proj.weight', 'k_proj.weight', 'v_proj.weight', 'out_proj.weight', 'fc1.weight', 'fc2.weight')


def onnx_weights(folder):
    """Every float initializer of the two files, by HF name (`_merged_0` dropped). Names in both
    files must hold the same values."""
    out = {}
    for f in (ENCODER, DECODER):
        for t in onnx.load(os.path.join(folder, f)).graph.initializer:
            if t.data_type != onnx.TensorProto.FLOAT or not (t.name.startswith('model.') or t.name in ('final_logits_bias', 'lm_head.weight', 'lm_head.bias')):
                continue
            name = t.name[: -len('_merged_0')] if t.name.endswith('_merged_0') else t.name
            a = numpy_helper.to_array(t)
            if name in out and not np.array_equal(out[name], a):
                raise ValueError(f'{name} differs between the encoder and the decoder')
            out[name] = a
    return out


def hf_name(name, a):
    """(HF state-dict key, value as torch wants it) of one ONNX initializer."""
    if name.endswith(LINEAR) or name == 'lm_head.weight':
        return name, a.T
    return name, a


FLOAT_FIELDS = ('dropout', 'layerdrop', 'init_std', 'length_penalty')


def hf_config(folder):
    """The folder's config.json as transformers' config class. JavaScript writes 0.0 as 0, which
    transformers' strict config fields refuse as a float: such values are made floats."""
    import json
    with open(os.path.join(folder, 'config.json')) as f:
        d = json.load(f)
    for k, v in d.items():
        if k.endswith(FLOAT_FIELDS) and isinstance(v, int) and not isinstance(v, bool):
            d[k] = float(v)
    return AutoConfig.for_model(**d)


def hf_model(folder, attn_implementation='eager'):
    config = hf_config(folder)
    config._attn_implementation = attn_implementation
    torch.manual_seed(0)
    model = AutoModelForSeq2SeqLM.from_config(config, attn_implementation=attn_implementation).float().eval()
    weights = onnx_weights(folder)
    state = model.state_dict()
    new = {}
    for name, a in weights.items():
        key, value = hf_name(name, a)
        if key == 'model.shared.weight':
            for k in ('model.shared.weight', 'model.encoder.embed_tokens.weight', 'model.decoder.embed_tokens.weight', 'lm_head.weight'):
                if k in state and not ('lm_head.weight' in weights and k == 'lm_head.weight'):
                    new[k] = value
            continue
        if key.endswith('embed_positions.weights'):  # M2M100's non-persistent sinusoid buffer
            module = model.get_submodule(key[: -len('.weights')])
            if tuple(module.weights.shape) != value.shape:
                raise ValueError(f'{key}: {tuple(module.weights.shape)} != {value.shape}')
            module.weights = torch.from_numpy(np.array(value, copy=True))
            continue
        if key == 'lm_head.bias' and key not in state and not value.any():
            continue  # the 'separate' layout's zero bias: HF's lm_head has none
        if key not in state:
            raise ValueError(f'{key} (from {name}) is not a weight of {type(model).__name__}')
        new[key] = value
    for k, v in new.items():
        if tuple(state[k].shape) != v.shape:
            raise ValueError(f'{k}: HF {tuple(state[k].shape)} != ONNX {v.shape}')
    missing = [k for k in state if k not in new]
    if missing:
        raise ValueError(f'no ONNX weight for {missing}')
    model.load_state_dict({k: torch.from_numpy(np.array(v, dtype=v.dtype, copy=True)) for k, v in new.items()}, strict=True)
    return model


def _ort_sessions(folder):
    import onnxruntime as ort
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    make = lambda f: ort.InferenceSession(os.path.join(folder, f), opts, providers=['CPUExecutionProvider'])
    return make(ENCODER), make(DECODER)


def onnxruntime_logits(folder, input_ids, attention_mask, decoder_input_ids):
    """Logits of every decoder position from onnxruntime: the no-cache branch over all but the last
    decoder token, then one cached step for the last (both branches of the merged decoder run)."""
    enc, dec = _ort_sessions(folder)
    ids = np.asarray(input_ids, dtype=np.int64)
    mask = np.asarray(attention_mask, dtype=np.int64)
    dids = np.asarray(decoder_input_ids, dtype=np.int64)
    hidden = enc.run(None, {'input_ids': ids, 'attention_mask': mask})[0]
    names = [i.name for i in dec.get_inputs()]
    past_names = [n for n in names if n.startswith('past_key_values.')]
    meta = {i.name: i.shape for i in dec.get_inputs()}
    batch = ids.shape[0]
    feeds = {'encoder_attention_mask': mask, 'encoder_hidden_states': hidden}
    for n in past_names:
        shape = [batch if not isinstance(d, int) and 'batch' in d else (d if isinstance(d, int) else 0) for d in meta[n]]
        feeds[n] = np.zeros(shape, dtype=np.float32)
    first = dec.run(None, {**feeds, 'input_ids': dids[:, :-1], 'use_cache_branch': np.array([False])})
    outs = [o.name for o in dec.get_outputs()]
    for n in past_names:
        feeds[n] = first[outs.index(n.replace('past_key_values.', 'present.'))]
    last = dec.run(None, {**feeds, 'input_ids': dids[:, -1:], 'use_cache_branch': np.array([True])})
    return np.concatenate([first[0], last[0]], axis=1)


def compare_with_onnxruntime(model, folder, input_ids, attention_mask, decoder_input_ids, ignore_tokens=()):
    """Max |HF logits - onnxruntime logits| over every position of a batch. The bench stand-ins
    force `</s>` with graph nodes HF has no counterpart for; their other logits are HF's (the
    forced features meet zero table columns), so pass ignore_tokens=[eos] for them."""
    with torch.no_grad():
        hf = model(input_ids=torch.tensor(input_ids), attention_mask=torch.tensor(attention_mask),
                   decoder_input_ids=torch.tensor(decoder_input_ids)).logits.numpy()
    ort = onnxruntime_logits(folder, input_ids, attention_mask, decoder_input_ids)
    if hf.shape != ort.shape:
        raise ValueError(f'logits shape HF {hf.shape} != onnxruntime {ort.shape}')
    keep = np.ones(hf.shape[-1], dtype=bool)
    keep[list(ignore_tokens)] = False
    return float(np.abs(hf - ort)[..., keep].max())
