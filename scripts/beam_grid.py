"""The grid scripts/beam-fixtures.py runs generate over: per model kind, its token ids, input
batches of mixed lengths, the settings and their values, and a covering design in which every
pair of values of two settings appears in some case.
"""
import itertools


class Kind:
    """Token ids and the settings a kind's generation_config has (what the grid varies)."""

    def __init__(self, name, cfg):
        self.name = name
        self.cfg = cfg
        self.V = cfg['vocab_size']
        self.pad = cfg['pad_token_id']
        self.eos = cfg['eos_token_id']
        self.start = cfg['decoder_start_token_id']
        if name == 'marian':
            self.words = list(range(2, self.V - 1))  # </s> 0, <unk> 1, <pad> V-1
        elif name == 'm2m100':
            self.src_lang, self.tgt_lang = self.V - 1, self.V - 2  # stand for fra_Latn, kaz_Cyrl
            self.words = list(range(4, self.V - 2))
        else:
            self.words = list(range(4, self.V))

    def source(self, words):
        if self.name == 'marian':
            return words + [self.eos]
        if self.name == 'm2m100':
            return [self.src_lang] + words + [self.eos]
        return [0] + words + [self.eos]  # BART: <s> … </s>

    def forced(self):
        """(forced_bos_token_id, forced_eos_token_id) choices."""
        if self.name == 'marian':
            return [(None, None), (None, self.eos)]
        if self.name == 'm2m100':
            return [(self.tgt_lang, None), (self.tgt_lang, self.eos)]
        return [(None, None), (0, None), (None, self.eos), (0, self.eos)]


def batches(kind, rng):
    """Input batches of mixed lengths (1 to 4 rows, 1 to 14 words)."""
    shapes = [[9, 3, 14], [1], [6, 12], [14, 2, 7, 4], [5, 5], [11, 1, 8]]
    return [[kind.source([rng.choice(kind.words) for _ in range(n)]) for n in shape] for shape in shapes]


def grid_values(kind, frequent):
    a, b, c = frequent[:3]
    bad = [None, [[a], [b, c]]]
    if kind.name == 'marian':
        bad = [None, [[kind.pad]], [[kind.pad], [a], [b, c]]]
    return {
        'num_beams': [1, 2, 4, 5],
        'length_penalty': [0.6, 1.0, 2.0],
        'early_stopping': [True, False, 'never'],
        'num_return_sequences': [1, 3],
        'no_repeat_ngram_size': [None, 2, 3],
        'repetition_penalty': [None, 1.3],
        'floor': [None, ('min_length', 4), ('min_new_tokens', 3), ('min_new_tokens', 6)],
        'bad_words_ids': bad,
        'forced': kind.forced(),
        'renormalize_logits': [False, True],
        'limit': [('max_new_tokens', 6), ('max_new_tokens', 10), ('max_new_tokens', 16), ('max_length', 12)],
        'batch': list(range(6)),
    }


def kwargs_of(kind, choice):
    nb = choice['num_beams']
    nrs = min(choice['num_return_sequences'], nb) if nb > 1 else 1
    floor = choice['floor']
    limit_key, limit = choice['limit']
    bos, eos = choice['forced']
    return {
        'decoder_start_token_id': kind.start,
        'eos_token_id': kind.eos,
        'pad_token_id': kind.pad,
        'do_sample': False,
        'num_beams': nb,
        'num_return_sequences': nrs,
        'length_penalty': choice['length_penalty'],
        'early_stopping': choice['early_stopping'],
        'max_new_tokens': limit if limit_key == 'max_new_tokens' else None,
        'max_length': limit if limit_key == 'max_length' else None,
        'min_length': floor[1] if floor and floor[0] == 'min_length' else None,
        'min_new_tokens': floor[1] if floor and floor[0] == 'min_new_tokens' else None,
        'no_repeat_ngram_size': choice['no_repeat_ngram_size'],
        'repetition_penalty': choice['repetition_penalty'],
        'bad_words_ids': choice['bad_words_ids'],
        'forced_bos_token_id': bos,
        'forced_eos_token_id': eos,
        'renormalize_logits': choice['renormalize_logits'],
    }


def covering(values, rng):
    """Cases, endlessly: first ones in which every pair of values of two settings appears
    (greedy pairwise covering), then random ones."""
    keys = list(values)
    uncovered = {((k1, i1), (k2, i2)) for k1, k2 in itertools.combinations(keys, 2)
                 for i1 in range(len(values[k1])) for i2 in range(len(values[k2]))}
    pairs = lambda c: {((k1, c[k1]), (k2, c[k2])) for k1, k2 in itertools.combinations(keys, 2)}
    while True:
        candidates = [{k: rng.randrange(len(values[k])) for k in keys} for _ in range(60)]
        best = max(candidates, key=lambda c: len(pairs(c) & uncovered))
        if uncovered and not pairs(best) & uncovered:
            continue
        uncovered -= pairs(best)
        yield {k: values[k][i] for k, i in best.items()}
        if not uncovered:
            break
    while True:
        yield {k: rng.choice(values[k]) for k in keys}
