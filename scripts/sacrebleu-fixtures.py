"""Writes the expected scores that tests/eval/ compares audarma's chrF, chrF++ and BLEU with.

The values come from sacreBLEU itself; the tests never run Python. To regenerate after changing
tests/fixtures/sacrebleu/cases.json:

    python3 -m venv /tmp/sb && /tmp/sb/bin/pip install 'sacrebleu==2.6.*'
    /tmp/sb/bin/python scripts/sacrebleu-fixtures.py

It writes tests/fixtures/sacrebleu/expected.json (scores of every case under a matrix of options,
through sacreBLEU's Python API), and the text files and printed lines of sacreBLEU's command line
under tests/fixtures/sacrebleu/cli/; and tests/fixtures/eval/scores.json, sacreBLEU's chrF and BLEU
of the tiny models' known outputs (tests/fixtures/eval/*expected*/) that `audarma eval` must report.
"""
import json
import os
import subprocess
import sys

import sacrebleu
from sacrebleu.metrics import BLEU, CHRF

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'fixtures', 'sacrebleu')

CHRF_RUNS = [
    {},
    {'word_order': 2},
    {'beta': 3, 'eps_smoothing': True},
    {'beta': 1},
    {'lowercase': True},
    {'whitespace': True},
    {'word_order': 2, 'lowercase': True, 'eps_smoothing': True},
]
BLEU_RUNS = [
    {'tokenize': '13a'},
    {'tokenize': 'zh'},
    {'tokenize': 'intl'},
    {'tokenize': 'char'},
    {'tokenize': 'none'},
    {'tokenize': '13a', 'lowercase': True},
    {'tokenize': '13a', 'smooth_method': 'floor'},
    {'tokenize': '13a', 'smooth_method': 'floor', 'smooth_value': 0.01},
    {'tokenize': '13a', 'smooth_method': 'add-k'},
    {'tokenize': '13a', 'smooth_method': 'none'},
]


def result(metric, args, hyps, refs):
    m = CHRF(**args) if metric == 'chrf' else BLEU(**args)
    s = m.corpus_score(hyps, refs)
    sig = m.get_signature().format()
    out = {'metric': metric, 'args': args, 'name': s.name, 'score': s.score, 'signature': sig,
           'line1': s.format(1, False, sig), 'line4': s.format(4, False, sig)}
    if metric == 'bleu':
        out['bleu'] = {'counts': s.counts, 'totals': s.totals, 'precisions': s.precisions,
                       'bp': s.bp, 'sys_len': s.sys_len, 'ref_len': s.ref_len}
    return out


def published_results(p):
    """sacreBLEU's own test cases (cases.json keeps the values its tests assert), scored again here."""
    out = []
    for e in p['cases']:
        if 'stats' in e:
            # A test of compute_bleu on given statistics: [sys_len, ref_len, correct..., total...].
            st = e['stats']
            k = (len(st) - 2) // 2
            s = BLEU.compute_bleu(list(st[2:2 + k]), list(st[2 + k:]), st[0], st[1], max_ngram_order=k, **e['args'])
            out.append({**e, 'score': s.score})
        else:
            out.append({**e, **result(e['metric'], e['args'], e['hyps'], e['refs'])})
    return out


# Command-line cases: [case id, sacreBLEU arguments, audarma score arguments]
CLI_RUNS = [
    ('en-two-refs', ['-m', 'chrf'], ['--metric', 'chrf']),
    ('en-two-refs', ['-m', 'chrf', '--chrf-word-order', '2'], ['--metric', 'chrf++']),
    ('en-two-refs', ['-m', 'bleu'], ['--metric', 'bleu']),
    ('en-two-refs', ['-m', 'bleu', '-tok', 'intl', '-lc'], ['--metric', 'bleu', '--tokenize', 'intl', '--lowercase']),
    ('en-two-refs', ['-m', 'chrf', '--chrf-beta', '3', '--chrf-eps-smoothing'], ['--metric', 'chrf', '--beta', '3', '--eps-smoothing']),
    ('ru', ['-m', 'chrf'], ['--metric', 'chrf']),
    ('ru', ['-m', 'bleu', '-w', '4'], ['--metric', 'bleu', '--width', '4']),
    ('kk', ['-m', 'chrf', '--chrf-word-order', '2', '--chrf-lowercase'], ['--metric', 'chrf++', '--lowercase']),
    ('kk-Latn', ['-m', 'chrf', '--chrf-whitespace'], ['--metric', 'chrf', '--whitespace']),
    ('zh', ['-m', 'bleu', '-l', 'fr-zh'], ['--metric', 'bleu', '--language', 'zh']),
    ('zh', ['-m', 'chrf'], ['--metric', 'chrf']),
    ('zh-Hant', ['-m', 'bleu', '-tok', 'zh', '-s', 'floor', '-sv', '0.05'], ['--metric', 'bleu', '--language', 'zh-Hant', '--smooth-method', 'floor', '--smooth-value', '0.05']),
    ('edge', ['-m', 'bleu', '-tok', 'char'], ['--metric', 'bleu', '--tokenize', 'char']),
    ('edge', ['-m', 'chrf', '--chrf-word-order', '2', '-w', '3'], ['--metric', 'chrf++', '--width', '3']),
]


def cli_results(cases):
    os.makedirs(os.path.join(HERE, 'cli'), exist_ok=True)
    files = {}
    for c in cases:
        # Files as a user's are: one line each, newline-terminated.
        hyp = f"cli/{c['id']}.hyp"
        with open(os.path.join(HERE, hyp), 'w', encoding='utf-8', newline='\n') as f:
            f.write(''.join(line + '\n' for line in c['hyps']))
        refs = []
        for k, ref in enumerate(c['refs']):
            name = f"cli/{c['id']}.ref{k + 1}"
            with open(os.path.join(HERE, name), 'w', encoding='utf-8', newline='\n') as f:
                f.write(''.join(line + '\n' for line in ref))
            refs.append(name)
        files[c['id']] = (hyp, refs)
    out = []
    for case_id, sb_args, our_args in CLI_RUNS:
        hyp, refs = files[case_id]
        cmd = [sys.executable, '-m', 'sacrebleu', *refs, '-i', hyp, '-f', 'text', *sb_args]
        line = subprocess.run(cmd, cwd=HERE, capture_output=True, text=True, check=True).stdout.strip()
        out.append({'case': case_id, 'hyp': hyp, 'refs': refs, 'sacrebleu': ['sacrebleu', *cmd[3:]], 'audarma': our_args, 'line': line})
    return out


EVAL = os.path.join(HERE, '..', 'eval')
# Expected output folders and the test set whose references they are scored against.
EVAL_SETS = [('tiny-expected', 'tiny-testset'), ('damaged/expected', 'damaged/testset')]


def read_lines(path):
    """As sacreBLEU's command line reads a file: split at newlines, each line right-stripped."""
    with open(path, encoding='utf-8', newline='\n') as f:
        return [line.rstrip() for line in f]


def eval_scores():
    out = {}
    for expected, testset in EVAL_SETS:
        for name in sorted(os.listdir(os.path.join(EVAL, expected))):
            arm, target = name[:-len('.txt')].split('.', 1)
            hyps = read_lines(os.path.join(EVAL, expected, name))
            refs = [read_lines(os.path.join(EVAL, testset, f'ref.{target}'))]
            # sacreBLEU's tokenizer for the language: zh for Chinese, else 13a.
            tok = 'zh' if target.split('-')[0] == 'zh' else '13a'
            chrf = CHRF().corpus_score(hyps, refs)
            bleu = BLEU(tokenize=tok).corpus_score(hyps, refs)
            out[f'{expected}/{name}'] = {'chrF': chrf.score, 'BLEU': bleu.score}
    return out


def main():
    with open(os.path.join(HERE, 'cases.json'), encoding='utf-8') as f:
        data = json.load(f)
    cases = []
    for c in data['cases']:
        results = [result('chrf', a, c['hyps'], c['refs']) for a in CHRF_RUNS]
        results += [result('bleu', a, c['hyps'], c['refs']) for a in BLEU_RUNS]
        cases.append({**c, 'results': results})
    expected = {
        'sacrebleu': sacrebleu.__version__,
        'python': sys.version.split()[0],
        'cases': cases,
        'published_source': data['published']['source'],
        'published': published_results(data['published']),
        'cli': cli_results(data['cases']),
    }
    with open(os.path.join(HERE, 'expected.json'), 'w', encoding='utf-8') as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write('\n')
    with open(os.path.join(EVAL, 'scores.json'), 'w', encoding='utf-8') as f:
        json.dump({'sacrebleu': sacrebleu.__version__, 'scores': eval_scores()}, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
