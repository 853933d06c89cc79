import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateProject } from '../../src/pipeline/validate-project.ts';
import { formatProblem, formatProblemLine } from '../../src/diagnostics/problem.ts';
import { cli } from '../integration/helpers.ts';

// Each folder holds a broken config.yaml (and maybe pipelines/) and, in expected.txt, the exact
// problem lines `audarma validate` must print: `FILE:LINE:COL key.path: message`.
const root = path.resolve('tests/fixtures/config-errors');
const cases = readdirSync(root).sort();

interface Expected {
  line: string;
  file: string;
  row: number;
  col: number;
  path?: string;
  message: string;
}

function expectedOf(dir: string): Expected[] {
  return readFileSync(path.join(dir, 'expected.txt'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const m = /^([^:]+):(\d+):(\d+):? (?:(\S+): )?(.*)$/.exec(line);
      if (!m) throw new Error(`${dir}/expected.txt: not FILE:LINE:COL key.path: message: ${line}`);
      return { line, file: m[1], row: Number(m[2]), col: Number(m[3]), path: m[4], message: m[5] };
    });
}

/**
 * Whether the place in the file is the thing the problem is about, judged from the file itself:
 * the text there starts with the path's last key (the parent's, for a missing key) or with a value
 * the message quotes, or it is the value of the path's last key (`targetToken: ">>kaz_Cyrl<<"`).
 */
function pointsAtTheProblem(fileText: string, e: Expected): boolean {
  const line = fileText.split('\n')[e.row - 1] ?? '';
  const at = line.slice(e.col - 1);
  const keys = (e.path ?? '').split(/[.[\]]/).filter((k) => k && !/^\d+$/.test(k));
  const last = keys.at(-1);
  const named = e.message.startsWith('missing required key') ? keys.at(-2) : last;
  const quoted = [...e.message.matchAll(/"([^"]+)"|`([^`]+)`/g)].map((m) => m[1] ?? m[2]);
  return (
    [named, ...quoted].some((name) => name && at.startsWith(name)) || (last !== undefined && new RegExp(`\\b${last}:\\s*$`).test(line.slice(0, e.col - 1)))
  );
}

describe('config and pipeline errors name file:line:col, key path, expected and found', () => {
  it.each(cases)('%s: validate prints each problem at its place, with a code frame, and exits 2', async (name) => {
    const dir = path.join(root, name);
    const expected = expectedOf(dir);

    const r = await cli(['validate'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+|Error:/);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(`${expected.length} problem${expected.length === 1 ? '' : 's'} found`);
    // Problem lines are the ones a code frame does not indent.
    expect(lines.slice(0, -1).filter((l) => !/^[ >]/.test(l))).toEqual(expected.map((e) => e.line));

    for (const e of expected) {
      const fileText = readFileSync(path.join(dir, e.file), 'utf8');
      expect(pointsAtTheProblem(fileText, e) || e.path === undefined, `${e.line} points at what it names`).toBe(true);
      // The frame under the problem line shows that line of the file with a caret under the column.
      const at = lines.indexOf(e.line);
      const frame = lines.slice(
        at + 1,
        lines.findIndex((l, i) => i > at && !/^[ >]/.test(l)),
      );
      const marked = frame.findIndex((l) => l.startsWith('>'));
      expect(frame[marked]).toMatch(new RegExp(`^> +${e.row} \\| `));
      expect(frame[marked].replace(/^> +\d+ \| ?/, '')).toBe(fileText.split('\n')[e.row - 1].trimEnd());
      const caret = frame[marked + 1];
      expect(caret.indexOf('^') - caret.indexOf('|') - 2).toBe(e.col - 1);
    }
  });

  it.each(cases)('%s: validateProject returns the same problems, in order, each with its code frame', async (name) => {
    const dir = path.join(root, name);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const { problems } = await validateProject('config.yaml');
      expect(problems.map(formatProblemLine)).toEqual(expectedOf(dir).map((e) => e.line));
      for (const p of problems.filter((p) => p.line)) expect(formatProblem(p)).toMatch(new RegExp(`\\n> +${p.line} \\| `));
    } finally {
      process.chdir(cwd);
    }
  });

  it('has a case for each kind of mistake, by message code', async () => {
    const codes = new Set<string>();
    const cwd = process.cwd();
    for (const name of cases) {
      process.chdir(path.join(root, name));
      try {
        for (const p of (await validateProject('config.yaml')).problems) codes.add(p.code);
      } finally {
        process.chdir(cwd);
      }
    }
    expect([...codes].sort()).toEqual(
      expect.arrayContaining([
        'CONFIG_INVALID_TYPE',
        'CONFIG_INVALID_VALUE',
        'CONFIG_MISSING_KEY',
        'CONFIG_MODEL_PAIR',
        'CONFIG_TARGET_TOKEN',
        'CONFIG_UNKNOWN_KEY',
        'CONFIG_UNKNOWN_MODEL',
        'CONFIG_UNKNOWN_TARGET',
        'PIPELINE_UNKNOWN_STEP',
        'YAML_SYNTAX',
      ]),
    );
  });
});
