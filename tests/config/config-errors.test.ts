import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateProject } from '../../src/config/validate-project.ts';
import { formatProblem, formatProblemLine } from '../../src/diagnostics/problem.ts';

// Each folder holds a broken config.yaml (and maybe pipelines/) and the exact lines `validate` must print.
const root = path.resolve('tests/fixtures/config-errors');
const cases = readdirSync(root).sort();

describe('config and pipeline errors name file:line:col, key path, expected and found', () => {
  it.each(cases)('%s', async (name) => {
    const dir = path.join(root, name);
    const expected = readFileSync(path.join(dir, 'expected.txt'), 'utf8').trim().split('\n');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const { problems } = await validateProject('config.yaml');
      expect(problems.map(formatProblemLine)).toEqual(expected);
      // Every located problem carries a code frame pointing at its line.
      for (const p of problems.filter((p) => p.line)) expect(formatProblem(p)).toMatch(new RegExp(`\\n> +${p.line} \\| `));
    } finally {
      process.chdir(cwd);
    }
  });

  it('has a case for each kind of mistake', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });
});
