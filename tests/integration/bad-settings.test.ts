import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TINY_MODELS_DIR } from '../tiny/build.ts';
import { cli } from './helpers.ts';
import { project } from './project.ts';

// Settings a nightly job could get wrong, through the real CLI: each must end with exit 2 and one
// message saying where the mistake is (the option, or file:line:col and key), never a stack trace.
const STACK_LINE = /^\s+at .+:\d+/m;

const config = (...targets: string[]) => [
  `models: { dir: ${TINY_MODELS_DIR} }`,
  'catalogue:',
  '  fr-en: { id: audarma-tiny/opus-mt-fr-en, task: translation, pairs: [{ from: fr, to: en }], dtype: q8 }',
  'targets:',
  ...targets,
  'jobs:',
  '  nightly: { inputs: [in], out: out }',
];

async function expectSetupError(args: string[], cwd: string, stderr: string): Promise<void> {
  const r = await cli(args, cwd);
  expect(r.stderr).toBe(stderr);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(r.code).toBe(2);
}

describe('run options with impossible numbers', () => {
  const dir = project(config('  en: { model: fr-en }'));
  const run = (...extra: string[]) => ['run', '--input', 'in', ...extra];

  it.each([
    ['--concurrency', '0', 'a whole number of 1 or more'],
    ['--concurrency', '-3', 'a whole number of 1 or more'],
    ['--concurrency', 'four', 'a whole number of 1 or more'],
    ['--concurrency', '2.5', 'a whole number of 1 or more'],
    ['--failure-threshold', '-0.1', 'a share from 0 to 1 (0.1 is 10 %)'],
    ['--failure-threshold', '1.5', 'a share from 0 to 1 (0.1 is 10 %)'],
    ['--failure-threshold', 'half', 'a share from 0 to 1 (0.1 is 10 %)'],
  ])('%s %s', async (option, value, expected) => {
    await expectSetupError(run(option, value), dir, `audarma: ${option}: expected ${expected}, got \`${value}\`\n`);
  });
});

describe('names that only exist on every JavaScript object', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty'])('summaryModel: %s is an unknown model', async (name) => {
    const dir = project(config(`  en: { model: fr-en, summaryModel: ${name} }`));
    await expectSetupError(
      ['run', '--input', 'in'],
      dir,
      [
        `config.yaml:5:37 targets.en.summaryModel: unknown model "${name}"; expected one of the catalogue keys fr-en`,
        `  3 |   fr-en: { id: audarma-tiny/opus-mt-fr-en, task: translation, pairs: [{ from: fr, to: en }], dtype: q8 }`,
        '  4 | targets:',
        `> 5 |   en: { model: fr-en, summaryModel: ${name} }`,
        `    | ${' '.repeat(36)}^`,
        '  6 | jobs:',
        '  7 |   nightly: { inputs: [in], out: out }',
        '1 problem found',
        '',
      ].join('\n'),
    );
  });

  it('model: constructor is an unknown model', async () => {
    const dir = project(config('  en: { model: constructor }'));
    const r = await cli(['validate'], dir);
    expect(r.stderr.split('\n')[0]).toBe('config.yaml:5:16 targets.en.model: unknown model "constructor"; expected one of the catalogue keys fr-en');
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(2);
  });

  it.each(['constructor', '__proto__', 'toString'])('--job %s is an unknown job', async (name) => {
    const dir = project(config('  en: { model: fr-en }'));
    await expectSetupError(['run', '--job', name], dir, `audarma: unknown job "${name}"; expected one of nightly\n`);
  });

  it('a __proto__ key is refused where it stands, not silently dropped', async () => {
    const dir = project(config('  en: { model: fr-en }', '  __proto__: { model: fr-en }'));
    const r = await cli(['run', '--input', 'in'], dir);
    expect(r.stderr.split('\n')[0]).toBe('config.yaml:6:3: key "__proto__" is not allowed: it names the prototype of JavaScript objects, not a setting');
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(2);
  });
});

describe('a YAML alias bomb', () => {
  // Each level multiplies by ten: a small file that would expand to millions of nodes.
  const bomb = [
    'source: fr',
    'a: &a [x, x, x, x, x, x, x, x, x, x]',
    'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
  ];

  it('in the config is refused at the first alias of aliases', async () => {
    const dir = project(bomb);
    const r = await cli(['run', '--input', 'in'], dir);
    expect(r.stderr.split('\n')[0]).toBe(
      "config.yaml:4:8: aliases (*name) here expand to more than 100 nodes, the parser's guard against resource exhaustion; write the values out or nest fewer aliases",
    );
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(2);
  });

  it('in a pipeline is refused the same way', async () => {
    const dir = project(config('  en: { model: fr-en }'));
    writeFileSync(path.join(dir, 'pipelines/article.yaml'), bomb.slice(1).join('\n') + '\nsteps: [*e]\n');
    const r = await cli(['run', '--input', 'in'], dir);
    expect(r.stderr.split('\n')[0]).toBe(
      `${path.join('pipelines', 'article.yaml')}:3:8: aliases (*name) here expand to more than 100 nodes, the parser's guard against resource exhaustion; write the values out or nest fewer aliases`,
    );
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.code).toBe(2);
  });
});
