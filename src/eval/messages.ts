// Messages of `audarma score` and `audarma eval`, worded as the catalogue in
// src/diagnostics/messages.ts words its own ("expected X, got `y`"), each with a stable code.
const list = (items: Iterable<string>): string => [...items].join(', ') || '(none)';

export const evalMessages = {
  cannotRead: (file: string, reason: string) => ({ code: 'EVAL_READ', message: `cannot read ${file}: ${reason}` }),
  noLines: (file: string) => ({ code: 'EVAL_EMPTY', message: `${file} has no lines to score` }),
  lineCounts: (file: string, lines: number, hypFile: string, hypLines: number) => ({
    code: 'EVAL_LINE_COUNT',
    message: `${file} has ${lines} line${lines === 1 ? '' : 's'}, ${hypFile} has ${hypLines}; expected one line for each line of ${hypFile}`,
  }),
  optionForMetric: (option: string, metrics: string, metric: string) => ({
    code: 'USAGE',
    message: `${option} applies to ${metrics} only, got --metric ${metric}`,
  }),
  notATestset: (dir: string, reason: string) => ({
    code: 'EVAL_TESTSET',
    message: `${dir} is not a test set: ${reason} (expected a folder with manifest.yaml, source.<lang> and ref.<target> files)`,
  }),
  noReference: (target: string, dir: string, have: Iterable<string>) => ({
    code: 'EVAL_NO_REFERENCE',
    message: `no reference for target "${target}" in ${dir}: expected ref.${target}; references there: ${list(have)}`,
  }),
  noTargets: (dir: string, targets: Iterable<string>) => ({
    code: 'EVAL_NO_TARGETS',
    message: `${dir} has no reference for any target of the config (${list(targets)}); expected files named ref.<target>`,
  }),
  sourceMismatch: (dir: string, source: string, configSource: string) => ({
    code: 'EVAL_SOURCE_LANGUAGE',
    message: `${dir} translates from "${source}", the config from "${configSource}"; expected a test set in the config's source language`,
  }),
} as const;
