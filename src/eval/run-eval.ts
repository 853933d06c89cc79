// `audarma eval`: both arms over a test set, scored per target against its reference, and a
// target flagged when audarma's own steps cost more chrF than the margin allows.
import { pipelineArm, rawArm, type EvalRuntime } from './arms.ts';
import { DEFAULT_MARGIN } from './defaults.ts';
import { pyRstrip } from './python-text.ts';
import { corpusScore, type Score } from './score.ts';
import type { Testset } from './testset.ts';
import { defaultTokenizer } from './tokenizers.ts';

export interface ArmScores {
  chrF: Score;
  BLEU: Score;
  /** The output lines that were scored, one per source line. */
  lines: string[];
}

export interface TargetResult {
  target: string;
  /** Models and derivations the target went through, in route order. */
  models: string[];
  pipeline: ArmScores;
  raw: ArmScores;
  /** Pipeline chrF minus raw chrF. */
  chrfDelta: number;
  /** The pipeline's chrF is below the raw arm's by more than the margin. */
  flagged: boolean;
}

export interface EvalResult {
  testset: { dir: string; name: string; licence: string; origin: string; lines: number };
  margin: number;
  targets: TargetResult[];
  flagged: string[];
}

/** An output as a line of a hypothesis file: no line break inside, trailing whitespace dropped (as `audarma score` reads it back). */
const asLine = (text: string): string => pyRstrip(text.replace(/\r\n|\r|\n/g, ' '));

function scoreArm(target: string, output: string[], ref: string[]): ArmScores {
  const lines = output.map(asLine);
  return {
    chrF: corpusScore('chrf', lines, [ref]),
    // sacreBLEU's tokenizer for the reference's language: zh for Chinese, 13a for the others.
    BLEU: corpusScore('bleu', lines, [ref], { tokenize: defaultTokenizer(target) }),
    lines,
  };
}

/** Runs both arms over the test set's source and scores every target in `targets` (each has a reference). */
export async function runEval(rt: EvalRuntime, testset: Testset, targets: readonly string[], margin = DEFAULT_MARGIN): Promise<EvalResult> {
  const pipeline = await pipelineArm(rt, testset.source, targets);
  const raw = await rawArm(rt, testset.source, targets);
  const results = targets.map((target): TargetResult => {
    const p = scoreArm(target, pipeline.lines[target], testset.refs[target]);
    const r = scoreArm(target, raw.lines[target], testset.refs[target]);
    const chrfDelta = p.chrF.score - r.chrF.score;
    return { target, models: pipeline.models[target], pipeline: p, raw: r, chrfDelta, flagged: chrfDelta < -margin };
  });
  const { name, licence, origin } = testset.manifest;
  return {
    testset: { dir: testset.dir, name, licence, origin, lines: testset.source.length },
    margin,
    targets: results,
    flagged: results.filter((t) => t.flagged).map((t) => t.target),
  };
}
