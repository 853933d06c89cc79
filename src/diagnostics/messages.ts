/**
 * Every user-facing message in one place, each with a stable code, worded "expected X, got `y`".
 * Tests and scripts match on codes; people read the text.
 */
const list = (items: Iterable<string>): string => [...items].join(', ') || '(none)';

export const messages = {
  yamlSyntax: (detail: string) => ({ code: 'YAML_SYNTAX', message: `malformed YAML: ${detail}` }),
  yamlAliasLimit: (limit: number) => ({
    code: 'YAML_ALIAS_LIMIT',
    message: `aliases (*name) here expand to more than ${limit} nodes, the parser's guard against resource exhaustion; write the values out or nest fewer aliases`,
  }),
  yamlReservedKey: (key: string) => ({
    code: 'YAML_RESERVED_KEY',
    message: `key "${key}" is not allowed: it names the prototype of JavaScript objects, not a setting`,
  }),
  invalidType: (expected: string, got: string) => ({
    code: 'CONFIG_INVALID_TYPE',
    message: `expected ${expected}, got ${got}`,
  }),
  missingKey: (key: string, expected: string) => ({
    code: 'CONFIG_MISSING_KEY',
    message: `missing required key "${key}"; expected ${expected}`,
  }),
  unknownKey: (key: string, allowed: Iterable<string>) => ({
    code: 'CONFIG_UNKNOWN_KEY',
    message: `unknown key "${key}"; expected one of ${list(allowed)}`,
  }),
  invalidValue: (detail: string, got: string) => ({
    code: 'CONFIG_INVALID_VALUE',
    message: `${detail}, got ${got}`,
  }),
  unknownStepKind: (kind: string, known: Iterable<string>) => ({
    code: 'PIPELINE_UNKNOWN_STEP',
    message: `unknown step kind ${JSON.stringify(kind)}; expected one of ${list(known)}`,
  }),
  unknownTarget: (target: string, known: Iterable<string>) => ({
    code: 'CONFIG_UNKNOWN_TARGET',
    message: `unknown target ${JSON.stringify(target)}; expected one of ${list(known)}`,
  }),
  unknownModel: (key: string, known: Iterable<string>) => ({
    code: 'CONFIG_UNKNOWN_MODEL',
    message: `unknown model ${JSON.stringify(key)}; expected one of the catalogue keys ${list(known)}`,
  }),
  modelDoesNotServe: (key: string, from: string, to: string, serves: string) => ({
    code: 'CONFIG_MODEL_PAIR',
    message: `model "${key}" does not translate ${from} → ${to}; it serves ${serves}`,
  }),
  noSummaryModel: (from: string, to: string) => ({
    code: 'CONFIG_NO_SUMMARY_ROUTE',
    message: `no translation model in the catalogue serves ${from} → ${to} for the summary; add one or set summaryModel`,
  }),
  routeCycle: (chain: string) => ({ code: 'CONFIG_ROUTE_CYCLE', message: `targets are made from each other in a circle: ${chain}` }),
  targetNeedsOne: (target: string, got: string) => ({
    code: 'CONFIG_TARGET_HOW',
    message: `target "${target}" needs exactly one of "model" (translate) or "derive" (convert); got ${got}`,
  }),
  unknownDerivation: (name: string, known: Iterable<string>) => ({
    code: 'CONFIG_UNKNOWN_DERIVATION',
    message: `unknown derivation ${JSON.stringify(name)}; expected one of ${list(known)}`,
  }),
  wrongTask: (key: string, expected: string, got: string) => ({
    code: 'CONFIG_MODEL_TASK',
    message: `model "${key}" must have task ${expected}, got ${got}`,
  }),
  unknownPipeline: (name: string, known: Iterable<string>, dir: string) => ({
    code: 'PIPELINE_UNKNOWN',
    message: `unknown pipeline ${JSON.stringify(name)} in ${dir}; expected one of ${list(known)}`,
  }),
  summaryNeedsEdition: (language: string) => ({
    code: 'PIPELINE_SUMMARY_SOURCE',
    message: `the summary is made from the ${language} edition, so a translate step before it must list ${language}`,
  }),
  fileUnreadable: (detail: string) => ({ code: 'FILE_UNREADABLE', message: `cannot read file: ${detail}` }),
  modelMissing: (id: string, folder: string) => ({
    code: 'MODEL_MISSING',
    message: `model ${id} is not in ${folder}; download it once with: npx audarma models pull ${id}`,
  }),
  licenceNotAllowed: (key: string, id: string, licence: string | undefined, allowed: readonly string[]) => ({
    code: 'LICENCE_NOT_ALLOWED',
    message:
      licence === undefined
        ? `model "${key}" (${id}) has no licence in the catalogue (catalogue.${key}.license), and models.allowLicenses (${list(allowed)}) refuses an unknown licence; nothing was loaded`
        : `model "${key}" (${id}) is licensed ${licence}, which models.allowLicenses (${list(allowed)}) does not allow; nothing was loaded`,
  }),
  modelLoadFailed: (id: string, detail: string, file?: string) => ({
    code: 'MODEL_LOAD_FAILED',
    message: `model ${id} could not be loaded${file ? ` from ${file}` : ''}: ${detail}`,
  }),
  targetTokenNeedsPairs: (key: string) => ({
    code: 'CONFIG_TARGET_TOKEN',
    message: `model "${key}" has a targetToken but no pairs; expected a translation model with pairs (multilingual models take their language codes from languages)`,
  }),
  targetTokenUnknown: (key: string, token: string, id: string, known: Iterable<string>) => ({
    code: 'MODEL_TARGET_TOKEN',
    message: `catalogue.${key}.targetToken: ${JSON.stringify(token)} is not in the vocabulary of ${id}; expected one of ${list(known)}`,
  }),
  workerStartFailed: (detail: string) => ({
    code: 'WORKER_START_FAILED',
    message: `a model worker process could not start (${detail}); inference.workers: 0 runs the models in this process instead`,
  }),
  workerReplaced: (pid: number, how: string, held: boolean) => ({
    code: 'WORKER_DIED',
    message: `model worker ${pid} stopped (${how})${held ? ' while translating a batch' : ''}; a new worker is starting${held ? ' and the batch is tried again' : ''}`,
  }),
  workerKeepsDying: (times: number, how: string) => ({
    code: 'WORKER_DIED',
    message: `model workers died ${times} times in a row without finishing a batch (last: ${how}); the run stops`,
  }),
  workerDiedTwice: (how: string) => ({
    code: 'WORKER_DIED',
    message: `model worker died twice while translating this batch (${how})`,
  }),
  segmentFailed: (op: 'translate' | 'summarize', text: string, detail: string) => ({
    code: 'SEGMENT_FAILED',
    message: `could not ${op} ${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text)}: ${detail}`,
  }),
  hubUnreachable: (id: string, detail: string) => ({
    code: 'HUB_UNREACHABLE',
    message: `cannot download ${id}: the Hugging Face hub is not reachable from this machine (${detail}); copy the model folder into the models directory by hand or run pull where the hub is reachable`,
  }),
  badOptionValue: (option: string, expected: string, got: string) => ({ code: 'USAGE', message: `${option}: expected ${expected}, got \`${got}\`` }),
  unknownJob: (name: string, known: Iterable<string>) => ({
    code: 'USAGE',
    message: `unknown job ${JSON.stringify(name)}; expected one of ${list(known)}`,
  }),
  noInputs: () => ({ code: 'USAGE', message: 'nothing to translate: give --input <files|folders|globs…> or --job NAME' }),
  unknownModelId: (id: string, known: Iterable<string>) => ({
    code: 'MODEL_UNKNOWN',
    message: `unknown model ${JSON.stringify(id)}; expected a catalogue key or hub id: ${list(known)}`,
  }),
  articleTooLarge: (kb: number, limit: number) => ({
    code: 'ARTICLE_TOO_LARGE',
    message: `article is ${kb.toFixed(0)} KB, over the limit of ${limit} KB (read.with.maxKB in the pipeline)`,
  }),
  resultMissing: (where: string) => ({
    code: 'RESULT_MISSING',
    message: `${where}: no result.json here; expected an article folder of a run (OUT/<slug>) or its result.json`,
  }),
  resultInvalid: (file: string, detail: string) => ({ code: 'RESULT_INVALID', message: `${file}: not an audarma result.json (${detail})` }),
  editionMissing: (file: string, lang: string, known: Iterable<string>) => ({
    code: 'USAGE',
    message: `${file}: no ${JSON.stringify(lang)} edition; expected one of ${list(known)}`,
  }),
  sourceLanguagesDiffer: (file: string, lang: string, first: string, firstLang: string) => ({
    code: 'USAGE',
    message: `${file}: source language ${lang}, but ${first} has ${firstLang}; export them separately`,
  }),
  summaryNotConfigured: () => ({
    code: 'PIPELINE_NO_SUMMARY',
    message: 'the summarize step needs a `summary` section (model, language) in the config',
  }),
} as const;

/** An error whose message is meant for the user as is: printed without a stack trace. */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
  static from(m: { code: string; message: string }): UserError {
    return new UserError(m.code, m.message);
  }
}

/**
 * A problem of the machine or the models, not of one document (a model that cannot load, a
 * worker that cannot start): every document would fail the same way, so the run stops (exit 2).
 */
export class SetupError extends UserError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'SetupError';
  }
  static override from(m: { code: string; message: string }): SetupError {
    return new SetupError(m.code, m.message);
  }
}
