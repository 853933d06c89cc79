import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunReportSchema, type RunReport } from '../../src/output/report-schema.ts';
import { writeArticles } from './generate-articles.ts';
import { cli, cliAsync, TINY_CONFIG } from './helpers.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'audarma-opts-'));
const report = (out: string): RunReport => RunReportSchema.parse(JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')));

describe('audarma run options', () => {
  it('runs a named job from the config, as a cron entry would', async () => {
    const dir = tmp();
    writeArticles(path.join(dir, 'depeches'), 3);
    const config = readFileSync(TINY_CONFIG, 'utf8')
      .replace('dir: models', `dir: ${path.resolve('tests/fixtures/tiny/models')}`)
      .replace('pipelines: ../../../pipelines', `pipelines: ${path.resolve('pipelines')}`)
      .replace('glossary: ../../../glossary.yaml', `glossary: ${path.resolve('glossary.yaml')}`);
    writeFileSync(path.join(dir, 'config.yaml'), config + '\njobs:\n  nightly:\n    inputs: [depeches]\n    out: editions\n    pipeline: article\n');
    const r = await cli(['run', '--job', 'nightly', '--config', path.join(dir, 'config.yaml'), '--cache-dir', path.join(dir, 'cache')]);
    expect(r.code).toBe(0);
    expect(report(path.join(dir, 'editions')).documents.done).toBe(3);
    const unknown = await cli(['run', '--job', 'weekly', '--config', path.join(dir, 'config.yaml')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown job "weekly"; expected one of nightly');
  });

  it('--json piped into a reader that stops (| head -1) still finishes the run, with no stack trace', async () => {
    const input = tmp();
    writeArticles(input, 3);
    const out = tmp();
    const { child, done } = cliAsync(['run', '--input', input, '--out', out, '--config', TINY_CONFIG, '--cache-dir', tmp(), '--json']);
    let first = '';
    child.stdout!.once('data', (b: Buffer) => {
      first = b.toString().split('\n')[0];
      // The reader goes away: every later write of the run meets a closed pipe.
      child.stdout!.destroy();
    });
    const r = await done;
    expect(JSON.parse(first).type).toBe('start');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(report(out).documents).toEqual({ total: 3, done: 3, failed: 0, unchanged: 0 });
  });

  it('prints a plain progress line and a summary when not on a terminal', async () => {
    const input = tmp();
    writeArticles(input, 2);
    const r = await cli(['run', '--input', input, '--out', tmp(), '--config', TINY_CONFIG, '--cache-dir', tmp()]);
    expect(r.stderr).toContain('2/2 documents (2 done, 0 failed, 0 unchanged)');
    expect(r.stderr).toMatch(/2 done, 0 failed, 0 unchanged of 2 documents in [\d.]+ s\nsegments: \d+ translated by a model, \d+ from the cache\n/);
  });

  it('bypasses or clears the cache on request', async () => {
    const input = tmp();
    const out = tmp();
    const cache = tmp();
    writeArticles(input, 2);
    const args = ['run', '--input', input, '--out', out, '--config', TINY_CONFIG, '--cache-dir', cache, '--quiet'];
    expect((await cli(args)).code).toBe(0);
    // Articles of one run share some sentences: those come from the cache even on a first run.
    const { translated, cached } = report(out).segments;
    const first = translated + cached;
    expect((await cli([...args, '--no-cache'])).code).toBe(0);
    expect(report(out).documents.done).toBe(2);
    expect(report(out).segments).toEqual({ translated: first, cached: 0, memory: 0 });
    expect((await cli(args)).code).toBe(0);
    expect(report(out).documents.unchanged).toBe(2);
    expect((await cli([...args, '--clear-cache'])).code).toBe(0);
    expect(report(out).segments).toEqual({ translated, cached, memory: 0 });
  });

  it('tolerates failures up to the configured threshold', async () => {
    const input = tmp();
    writeArticles(input, 3);
    writeFileSync(path.join(input, 'vide.txt'), '');
    const base = ['run', '--input', input, '--out', tmp(), '--config', TINY_CONFIG, '--quiet'];
    expect((await cli([...base, '--cache-dir', tmp()])).code).toBe(1);
    expect((await cli([...base, '--cache-dir', tmp(), '--failure-threshold', '0.25'])).code).toBe(0);
    expect((await cli([...base, '--cache-dir', tmp(), '--failure-threshold', '0.2'])).code).toBe(1);
  });

  it('names a damaged cache file and how to recover, without a stack trace; --clear-cache recovers', async () => {
    const input = tmp();
    const cache = tmp();
    writeArticles(input, 1);
    writeFileSync(path.join(cache, 'audarma.sqlite'), 'this is not a database, just some text that is long enough to be read');
    const r = await cli(['run', '--input', input, '--out', tmp(), '--config', TINY_CONFIG, '--cache-dir', cache]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path.join(cache, 'audarma.sqlite')} is not a usable audarma cache`);
    expect(r.stderr).toContain('--clear-cache');
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
    const cleared = await cli(['run', '--input', input, '--out', tmp(), '--config', TINY_CONFIG, '--cache-dir', cache, '--clear-cache', '--quiet']);
    expect(cleared.code).toBe(0);
  });
});
