import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunReportSchema } from '../../src/output/report-schema.ts';
import { LOCK_FILE } from '../../src/store/lock.ts';
import { writeArticles } from './generate-articles.ts';
import { cli, REPO } from './helpers.ts';
import { slowWorkersProject } from './model-variants.ts';
import { processState, project, sleep, tmp } from './project.ts';

// A nightly run stopped by SIGTERM (a scheduler, `docker stop`) or SIGINT (Ctrl-C, which the
// terminal sends to the whole process group, model workers included): the real CLI with two
// model worker processes, the tiny fr→en model made slow (~5 ms a decoder step) so the run lasts
// long enough to be stopped in the middle.
const dir = slowWorkersProject(project);
const ARTICLES = 12;

/**
 * Processes whose environment carries `marker`: the run and everything it started (model
 * workers, the helper processes of the TypeScript loader), wherever they were reparented.
 */
function processesWith(marker: string): number[] {
  return readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(marker) && processState(pid)?.state !== 'Z';
      } catch {
        return false; // gone meanwhile, or not ours to read
      }
    });
}

/** Every file under `dir`, relative to it. */
const filesUnder = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

describe.sequential('a run stopped by a signal', { timeout: 180_000 }, () => {
  it.each([
    ['SIGTERM', 'the process'],
    ['SIGINT', 'its process group'],
  ] as const)('%s to %s: locks released, workers gone, staging clean, and the next run finishes the rest', async (signal, target) => {
    const input = tmp('input');
    const out = tmp('out');
    const cache = tmp('cache');
    writeArticles(input, ARTICLES);
    const marker = `AUDARMA_SIGNAL_TEST=${randomBytes(6).toString('hex')}`;
    const args = ['run', '--input', input, '--out', out, '--cache-dir', cache, '--concurrency', '2'];
    // Its own process group, as a shell job is: a signal to the group reaches the workers too.
    const child = spawn(process.execPath, [path.join(REPO, 'bin/audarma.js'), ...args, '--json'], {
      cwd: dir,
      detached: true,
      env: { ...process.env, [marker.split('=')[0]]: marker.split('=')[1] },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr += b));
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    // One article written: both workers are up and busy with the next ones.
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (b: Buffer) => {
        stdout += b;
        if (stdout.includes('"status":"done"')) resolve();
      });
      void ended.then(() => reject(new Error(`the run ended before writing an article:\n${stderr}`)));
    });
    const doneBefore = stdout.split('\n').filter((l) => l.includes('"status":"done"')).length;
    const workers = processesWith(marker).filter((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('model-worker-process'));
    expect(workers).toHaveLength(2);
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(true);
    expect(existsSync(path.join(out, '.staging'))).toBe(true);

    if (target === 'the process') child.kill(signal);
    else process.kill(-child.pid!, signal);
    expect(await ended).toBe(signal);

    // Killing is asynchronous: give them a moment, then none may be left, workers or helpers.
    for (let i = 0; i < 100 && processesWith(marker).length > 0; i++) await sleep(20);
    expect(processesWith(marker)).toEqual([]);
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
    expect(existsSync(path.join(cache, LOCK_FILE))).toBe(false);
    expect(existsSync(path.join(out, '.staging'))).toBe(false);
    expect(filesUnder(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    const next = await cli([...args, '--quiet'], dir);
    expect(next.stderr).toBe('');
    expect(next.code).toBe(0);
    const report = RunReportSchema.parse(JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')));
    expect(report.documents.done + report.documents.unchanged).toBe(ARTICLES);
    expect(report.documents.unchanged).toBeGreaterThanOrEqual(doneBefore);
    expect(readFileSync(path.join(out, 'article-000-fr/en.md'), 'utf8')).toMatch(/^# Article 0 : Astana and the cooperation\n/);
  });
});
