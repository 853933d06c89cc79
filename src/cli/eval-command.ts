import path from 'node:path';
import { openRuntime } from '../app/open-runtime.ts';
import { messages, UserError } from '../diagnostics/messages.ts';
import { evalMarkdown, writeEvalOutputs } from '../eval/eval-report.ts';
import { evalMessages } from '../eval/messages.ts';
import { DEFAULT_MARGIN } from '../eval/defaults.ts';
import { runEval } from '../eval/run-eval.ts';
import { limitTestset, loadTestset } from '../eval/testset.ts';
import { onStop } from '../runner/on-stop.ts';

export interface EvalCommandOptions {
  testset: string;
  targets?: string;
  limit?: string;
  margin?: string;
  config: string;
  out: string;
}

const positive = (option: string, value: string | undefined, whole: boolean): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value);
  const ok = value.trim() !== '' && Number.isFinite(n) && n >= 0 && (!whole || (Number.isInteger(n) && n >= 1));
  if (!ok) throw UserError.from(messages.badOptionValue(option, whole ? 'a whole number of 1 or more' : 'a number of 0 or more', value));
  return n;
};

/** `audarma eval`: 0 when no target is flagged, 1 when some target's pipeline falls below its raw models, 2 on a setup error. */
export async function evalCommand(opts: EvalCommandOptions): Promise<number> {
  const limit = positive('--limit', opts.limit, true);
  const margin = positive('--margin', opts.margin, false) ?? DEFAULT_MARGIN;
  // Texts, not documents: no pipeline is loaded; the models are those of the targets asked for.
  const runtime = await openRuntime({ config: opts.config, texts: true, documents: false });
  const { loaded } = runtime;
  const { config } = loaded;
  const testset = limitTestset(await loadTestset(opts.testset), limit);
  if (testset.manifest.source !== config.source) throw UserError.from(evalMessages.sourceMismatch(opts.testset, testset.manifest.source, config.source));
  const known = Object.keys(config.targets);
  const have = Object.keys(testset.refs);
  const targets = opts.targets
    ? opts.targets
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean)
    : known.filter((t) => have.includes(t));
  for (const t of targets) {
    if (!known.includes(t)) throw UserError.from(messages.unknownTarget(t, known));
    if (!have.includes(t)) throw UserError.from(evalMessages.noReference(t, opts.testset, have));
  }
  if (targets.length === 0) throw UserError.from(evalMessages.noTargets(opts.testset, known));

  process.stderr.write(`eval: ${testset.source.length} lines of ${testset.manifest.name} into ${targets.join(', ')}, pipeline and raw models\n`);
  // Stopped by a signal, the model workers end with the process.
  const forgetStop = onStop(() => runtime.kill());
  try {
    const rt = { loaded, gateway: await runtime.start(targets), glossary: await runtime.readGlossary() };
    const result = await runEval(rt, testset, targets, margin);
    await writeEvalOutputs(opts.out, result);
    process.stdout.write(evalMarkdown(result));
    process.stderr.write(
      result.flagged.length
        ? `eval: pipeline below the raw models by more than ${margin} chrF: ${result.flagged.join(', ')}; see ${path.join(opts.out, 'eval.md')}\n`
        : `eval: no target flagged; see ${path.join(opts.out, 'eval.md')}\n`,
    );
    return result.flagged.length ? 1 : 0;
  } finally {
    forgetStop();
    await runtime.close();
  }
}

/** Adds `audarma eval` to the program; `done` receives the exit code. */
