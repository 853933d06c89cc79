import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultSchema } from '../../src/output/result-schema.ts';
import { RunReportSchema, type RunReport } from '../../src/output/report-schema.ts';
import { writeArticles } from './generate-articles.ts';
import { cli, REPO, TINY_CONFIG } from './helpers.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'audarma-batch-'));
const report = (out: string): RunReport => RunReportSchema.parse(JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')));
const run = (input: string, out: string, cache: string, ...extra: string[]) =>
  cli(['run', '--input', input, '--out', out, '--config', TINY_CONFIG, '--cache-dir', cache, ...extra]);

/** Every result.json under `out` (outside the staging folder) must be complete and valid. */
function validResults(out: string): string[] {
  const slugs = readdirSync(out, { withFileTypes: true }).filter((e) => e.isDirectory() && !e.name.startsWith('.'));
  return slugs
    .filter((e) => existsSync(path.join(out, e.name, 'result.json')))
    .map((e) => ResultSchema.parse(JSON.parse(readFileSync(path.join(out, e.name, 'result.json'), 'utf8'))).slug);
}

/** Starts the CLI in the background and resolves once `count` JSON events have been printed. */
function startRun(args: string[], count: number) {
  const child = spawn(process.execPath, [path.join(REPO, 'bin/audarma.js'), ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  const events: { type: string; status?: string }[] = [];
  const reached = new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) events.push(JSON.parse(line));
      if (events.length >= count) resolve();
    });
    child.on('exit', () => reject(new Error(`run ended after ${events.length} events`)));
  });
  return { child, events, reached, ended: new Promise((r) => child.on('exit', r)) };
}

describe('a nightly batch over 50 articles', () => {
  const input = tmp();
  const out = tmp();
  const cache = tmp();
  const files = writeArticles(input, 50);

  it('translates every article, pooling their segments, and reports it', async () => {
    const r = await run(input, out, cache, '--json');
    expect(r.code).toBe(0);
    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events[0]).toMatchObject({ type: 'start', total: 50 });
    expect(events.filter((e) => e.type === 'document' && e.status === 'done')).toHaveLength(50);
    expect(events.at(-1)).toMatchObject({ type: 'end', exitCode: 0 });
    const rep = report(out);
    expect(rep.documents).toEqual({ total: 50, done: 50, failed: 0, unchanged: 0 });
    expect(rep.segments.translated).toBeGreaterThan(0);
    expect(validResults(out)).toHaveLength(50);
    expect(existsSync(path.join(out, 'index.html'))).toBe(true);
  });

  it('reruns an unchanged corpus with zero model calls', async () => {
    const r = await run(input, out, cache, '--quiet');
    expect(r.code).toBe(0);
    const rep = report(out);
    expect(rep.documents).toEqual({ total: 50, done: 0, failed: 0, unchanged: 50 });
    expect(rep.segments.translated).toBe(0);
  });

  it('re-translates only the segments of a changed paragraph', async () => {
    const file = files[7];
    const text = readFileSync(file, 'utf8').trimEnd().split('\n');
    text[text.length - 1] = 'Le ministre a présenté le projet à Astana. La délégation a visité la capitale.';
    writeFileSync(file, text.join('\n') + '\n');
    const r = await run(input, out, cache, '--quiet');
    expect(r.code).toBe(0);
    const rep = report(out);
    expect(rep.documents).toMatchObject({ done: 1, unchanged: 49 });
    // Two new sentences, each through fr→en, fr→kk, fr→ru and en→zh; the summary reads the unchanged lead.
    expect(rep.segments.translated).toBe(8);
    expect(
      Object.fromEntries(
        Object.entries(rep.targets)
          .filter(([, t]) => t.translated)
          .map(([k, t]) => [k, t.translated]),
      ),
    ).toEqual({ en: 2, kk: 2, ru: 2, zh: 2 });
    expect(rep.summaries).toEqual({ translated: 0, cached: 1 });
  });
});

describe('crash safety', () => {
  it('after SIGKILL mid-batch the rerun finishes what was missing and redoes nothing finished', async () => {
    const input = tmp();
    const out = tmp();
    const cache = tmp();
    writeArticles(input, 50);
    const args = ['run', '--input', input, '--out', out, '--config', TINY_CONFIG, '--cache-dir', cache, '--json', '--concurrency', '2'];
    const first = startRun(args, 12);
    await first.reached;
    first.child.kill('SIGKILL');
    await first.ended;
    const finished = validResults(out);
    expect(finished.length).toBeGreaterThan(0);
    expect(finished.length).toBeLessThan(50);
    // The finished articles alone, first: every one is unchanged and not one segment or summary goes to a model.
    const finishedFiles = finished.map((slug) => ResultSchema.parse(JSON.parse(readFileSync(path.join(out, slug, 'result.json'), 'utf8'))).file);
    const again = await cli(['run', '--input', ...finishedFiles, ...args.slice(3).filter((a) => a !== '--json'), '--quiet']);
    expect(again.code).toBe(0);
    expect(report(out).documents).toEqual({ total: finished.length, done: 0, failed: 0, unchanged: finished.length });
    expect(report(out).segments).toEqual({ translated: 0, cached: 0, memory: 0 });
    expect(report(out).summaries).toEqual({ translated: 0, cached: 0 });
    const r = await cli(args.filter((a) => a !== '--json').concat('--quiet'));
    expect(r.code).toBe(0);
    const rep = report(out);
    expect(rep.documents.done + rep.documents.unchanged).toBe(50);
    expect(rep.documents.unchanged).toBeGreaterThanOrEqual(finished.length);
    expect(validResults(out)).toHaveLength(50);
    expect(existsSync(path.join(out, '.staging'))).toBe(false);
  });
});

describe('one run at a time', () => {
  it('refuses a second run on the same output folder, naming the running process, and takes over after it died', async () => {
    const input = tmp();
    const out = tmp();
    writeArticles(input, 50);
    const args = (cache: string) => ['run', '--input', input, '--out', out, '--config', TINY_CONFIG, '--cache-dir', cache, '--json', '--concurrency', '1'];
    const first = startRun(args(tmp()), 1);
    await first.reached;
    const second = await cli(args(tmp()));
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`is in use by another audarma run (pid ${first.child.pid}`);
    first.child.kill('SIGKILL');
    await first.ended;
    const third = await cli(args(tmp()));
    expect(third.code).toBe(0);
    expect(report(out).documents.done + report(out).documents.unchanged).toBe(50);
  });
});
