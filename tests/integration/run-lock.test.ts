import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunReportSchema } from '../../src/output/report-schema.ts';
import { LOCK_FILE } from '../../src/store/lock.ts';
import { TINY_MODELS_DIR } from '../tiny/build.ts';
import { writeArticles } from './generate-articles.ts';
import { cli } from './helpers.ts';
import { project, tmp } from './project.ts';

// The output folder sits on a disk another host also uses (a restarted container, a shared
// volume): a lock written there by a process on that host, whose pid cannot be checked from here.
const config = (...run: string[]) =>
  project([
    `models: { dir: ${TINY_MODELS_DIR} }`,
    'catalogue:',
    '  fr-en: { id: audarma-tiny/opus-mt-fr-en, task: translation, pairs: [{ from: fr, to: en }], dtype: q8 }',
    'targets:',
    '  en: { model: fr-en }',
    ...run,
  ]);
const HOLDER = 'pid 4242 on nightly-runner-7, started 2026-01-02T03:04:05.000Z, "audarma run --job nightly"';

/** A lock file as a run on host nightly-runner-7 writes it, last refreshed `secondsAgo` ago. */
function foreignLock(out: string, secondsAgo: number): string {
  mkdirSync(out, { recursive: true });
  const file = path.join(out, LOCK_FILE);
  const lock = {
    pid: 4242,
    hostname: 'nightly-runner-7',
    startedAt: '2026-01-02T03:04:05.000Z',
    command: 'audarma run --job nightly',
    token: '0123456789abcdef',
  };
  writeFileSync(file, JSON.stringify(lock) + '\n');
  const refreshed = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(file, refreshed, refreshed);
  return file;
}

function inputs(): string {
  const input = tmp('input');
  writeArticles(input, 1);
  return input;
}

describe('a lock held by a process on another host', () => {
  it('is respected while its holder refreshes it: exit 2, naming the holder and when it would be taken over', async () => {
    const dir = config();
    const out = tmp('out');
    const file = foreignLock(out, 30);
    const r = await cli(['run', '--input', inputs(), '--out', out, '--cache-dir', tmp('cache'), '--quiet'], dir);
    expect(r.stderr).toMatch(
      new RegExp(
        `^audarma: ${out} is in use by another audarma run \\(${HOLDER}\\); wait for it to finish or stop that process; ` +
          `it refreshed ${file} \\d+ s ago, and a lock not refreshed for 600 s \\(run.lockStaleSeconds\\) is taken over\\n$`,
      ),
    );
    expect(r.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toContain('"pid":4242');
  });

  it('is taken over once not refreshed for run.lockStaleSeconds (600 by default), and the run says whose it was', async () => {
    const dir = config();
    const out = tmp('out');
    const file = foreignLock(out, 660);
    const r = await cli(['run', '--input', inputs(), '--out', out, '--cache-dir', tmp('cache'), '--quiet'], dir);
    expect(r.stderr).toMatch(
      new RegExp(
        `^audarma: took over the lock ${file}: the audarma run holding it \\(${HOLDER}\\) has not refreshed it for \\d+ s, more than 600 s \\(run.lockStaleSeconds\\)\\n$`,
      ),
    );
    expect(r.code).toBe(0);
    expect(RunReportSchema.parse(JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8'))).documents.done).toBe(1);
  });

  it('is taken over after the time the config sets', async () => {
    const dir = config('run: { lockStaleSeconds: 120 }');
    const out = tmp('out');
    const file = foreignLock(out, 150);
    const r = await cli(['run', '--input', inputs(), '--out', out, '--cache-dir', tmp('cache'), '--quiet', '--json'], dir);
    expect(r.code).toBe(0);
    const warning = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((e) => e.type === 'warning');
    expect(warning.message).toMatch(
      new RegExp(
        `^took over the lock ${file}: the audarma run holding it \\(${HOLDER}\\) has not refreshed it for \\d+ s, more than 120 s \\(run.lockStaleSeconds\\)$`,
      ),
    );
  });

  it.each([
    ['5', 'expected a whole number of seconds, at least 60, got `5`'],
    ['ten', 'expected a number, got `ten`'],
  ])('a lockStaleSeconds of %s is a located config error (exit 2)', async (value, message) => {
    const dir = config(`run: { lockStaleSeconds: ${value} }`);
    const r = await cli(['run', '--input', inputs(), '--out', tmp('out')], dir);
    expect(r.stderr.split('\n')[0]).toBe(`config.yaml:6:26 run.lockStaleSeconds: ${message}`);
    expect(r.code).toBe(2);
  });
});
