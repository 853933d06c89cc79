// What `audarma eval` leaves behind: eval.json for scripts, eval.md for people, and every
// output line in hyp/ so any score can be checked again with `audarma score` or sacreBLEU.
import path from 'node:path';
import { writeFileAtomic } from '../output/atomic-write.ts';
import { formatFixed } from './python-text.ts';
import type { ArmScores, EvalResult } from './run-eval.ts';

const ARMS = ['pipeline', 'raw'] as const;

/** Where an arm's output lines for a target are written, relative to the output folder. */
export const hypFile = (arm: (typeof ARMS)[number], target: string): string => `hyp/${arm}.${target}.txt`;

const scoreJson = (s: ArmScores['chrF']) => ({ metric: s.metric, score: s.score, signature: s.signature });

export function evalJson(r: EvalResult): unknown {
  return {
    testset: r.testset,
    margin: r.margin,
    targets: r.targets.map((t) => ({
      target: t.target,
      models: t.models,
      ...Object.fromEntries(ARMS.map((arm) => [arm, { chrF: scoreJson(t[arm].chrF), BLEU: scoreJson(t[arm].BLEU), hypotheses: hypFile(arm, t.target) }])),
      chrfDelta: t.chrfDelta,
      flagged: t.flagged,
    })),
    flagged: r.flagged,
  };
}

const one = (x: number) => formatFixed(x, 1);
/** A difference with its sign; one that rounds to zero has none. */
const signed = (x: number) => {
  const text = one(Math.abs(x));
  return /^0\.0$/.test(text) ? text : (x > 0 ? '+' : '−') + text;
};

/** A Markdown table, one row per target, and the signatures the scores were computed with. */
export function evalMarkdown(r: EvalResult): string {
  const rows = r.targets.map((t) =>
    [
      t.target,
      t.models.join(' → '),
      one(t.pipeline.chrF.score),
      one(t.raw.chrF.score),
      signed(t.chrfDelta),
      one(t.pipeline.BLEU.score),
      one(t.raw.BLEU.score),
      t.flagged ? '**flagged**' : '',
    ].join(' | '),
  );
  const signatures = [...new Set(r.targets.flatMap((t) => [t.pipeline.chrF, t.pipeline.BLEU].map((s) => `${s.metric}|${s.signature}`)))];
  return [
    `# audarma eval: ${r.testset.name}`,
    '',
    `${r.testset.lines} lines from ${r.testset.dir}, licence ${r.testset.licence}. Origin: ${r.testset.origin}`,
    '',
    `"pipeline" is audarma's translation path (glossary, splitting, pivots); "raw" calls the same models directly.`,
    `A target is flagged when the pipeline's chrF is more than ${one(r.margin)} below the raw models'.`,
    '',
    '| target | models | pipeline chrF | raw chrF | Δ chrF | pipeline BLEU | raw BLEU | |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map((row) => `| ${row} |`),
    '',
    'Signatures:',
    '',
    ...signatures.map((s) => `- \`${s}\``),
    '',
  ].join('\n');
}

/** Writes eval.json, eval.md and the output lines of both arms under `outDir`. */
export async function writeEvalOutputs(outDir: string, r: EvalResult): Promise<void> {
  for (const t of r.targets) {
    for (const arm of ARMS) await writeFileAtomic(path.join(outDir, hypFile(arm, t.target)), t[arm].lines.map((l) => l + '\n').join(''));
  }
  await writeFileAtomic(path.join(outDir, 'eval.json'), JSON.stringify(evalJson(r), null, 2) + '\n');
  await writeFileAtomic(path.join(outDir, 'eval.md'), evalMarkdown(r));
}
