// `audarma score` as commander declares it: options and help only. The scoring code is imported
// when the command runs, so `--help` does not load it.
import type { Command } from 'commander';
import { METRICS, TOKENIZER_NAMES } from '../eval/defaults.ts';
import type { ScoreCommandOptions } from './score-command.ts';

/** Adds `audarma score` to the program; `done` receives the exit code. */
export function registerScore(program: Command, done: (code: number) => void): void {
  const collect = (value: string, previous: string[] = []) => [...previous, value];
  program
    .command('score')
    .description('score a translation against references with chrF, chrF++ or BLEU, as sacreBLEU 2.6 computes them')
    .requiredOption('--hyp <file>', 'the translation, one segment a line')
    .requiredOption('--ref <file>', 'a reference, line-aligned with --hyp (repeat for several references)', collect)
    .option('-m, --metric <name>', METRICS.join(', '), 'chrf')
    .option('--tokenize <name>', `BLEU tokenizer: ${TOKENIZER_NAMES.join(', ')} (default: zh for Chinese, else 13a)`)
    .option('-l, --language <tag>', 'language of the references (zh, zh-Hant: BLEU tokenizes with zh)')
    .option('--lowercase', 'compare lowercased text')
    .option('--beta <n>', 'chrF: weight of recall against precision (default 2)')
    .option('--eps-smoothing', 'chrF: epsilon smoothing (chrF++.py, Moses, NLTK) instead of effective order')
    .option('--whitespace', 'chrF: keep whitespace in character n-grams')
    .option('--smooth-method <name>', 'BLEU smoothing: exp, floor, add-k, none (default exp)')
    .option('--smooth-value <n>', 'BLEU: value for floor (default 0.1) and add-k (default 1)')
    .option('-w, --width <n>', 'decimals of the printed score', '1')
    .option('--json', 'print the score as JSON: metric, score, signature and the signature fields')
    .action(async (opts: ScoreCommandOptions) => {
      const { scoreCommand } = await import('./score-command.ts');
      done(scoreCommand(opts));
    });
}
