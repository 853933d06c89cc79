import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunReportSchema } from '../../src/output/report-schema.ts';
import { LOCK_FILE } from '../../src/store/lock.ts';
import { writeArticles } from '../integration/generate-articles.ts';
import { copyTinyModel, modelsDir, slowDown } from '../integration/model-variants.ts';
import { project, sleep, startCli, tmp } from '../integration/project.ts';
import { cli } from '../integration/helpers.ts';
import { freePort, startRedis, type TestRedis } from './redis-server.ts';
import { startWorker, type QueueWorkerProcess } from './workers.ts';

// What BullMQ and the queue settings do when things go wrong for good: a document whose workers
// keep dying, and a Redis that does not come back in time. The tiny fr→en model is made very
// slow (a large product at each decoder step), so an article stays in a worker's hands for seconds.
const models = modelsDir();
slowDown(copyTinyModel(models, 'opus-mt-fr-en', 'slower-fr-en'), 900);
const configLines = (queue: string) => [
  `models: { dir: ${models} }`,
  'catalogue:',
  '  fr-en: { id: audarma-test/slower-fr-en, task: translation, pairs: [{ from: fr, to: en }], batchSize: 4 }',
  'targets:',
  '  en: { model: fr-en, script: Latn }',
  'inference: { workers: 1, intraOpThreads: 1 }',
  `queue: ${queue}`,
];

let redis: TestRedis;
const workers: QueueWorkerProcess[] = [];
const worker = (dir: string) => {
  const w = startWorker(['--queue', redis.url, '--concurrency', '1', '--cache-dir', tmp('queue-fail-cache')], dir);
  workers.push(w);
  return w;
};

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  for (const w of workers) w.child.kill('SIGKILL');
  await redis?.stop();
});

describe.sequential('queue runs that cannot finish', { timeout: 150_000 }, () => {
  it('a URL that is not a Redis URL, or a Redis that is not there: exit 2 with the reason, before anything is enqueued', async () => {
    const dir = project(configLines('{}'));
    const input = tmp('queue-url-input');
    writeArticles(input, 1);
    const bad = await cli(['run', '--input', input, '--queue', 'http://127.0.0.1:6379'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('audarma: --queue: expected a Redis URL such as redis://127.0.0.1:6379 or redis://HOST:PORT/DB, got `http://127.0.0.1:6379`\n');
    const port = await freePort();
    const away = await cli(['worker', '--queue', `redis://127.0.0.1:${port}`], dir);
    expect(away.code).toBe(2);
    expect(away.stderr).toBe(`audarma: cannot reach Redis at redis://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}\n`);
  });

  it('a document whose queue worker is killed twice fails with the reason; the run exits 1 with one report entry for it', async () => {
    const dir = project(configLines('{ lockMs: 2000, stalledIntervalMs: 1000 }'));
    const input = tmp('queue-fail-input');
    writeArticles(input, 1);
    const out = tmp('queue-fail-out');
    const [a, b] = [worker(dir), worker(dir)];
    await Promise.all([a.waitFor(/ready on/), b.waitFor(/ready on/)]);
    const run = startCli(['run', '--input', input, '--out', out, '--cache-dir', tmp('queue-fail-run-cache'), '--queue', redis.url], dir);
    // Whichever worker takes it is killed; the other takes it back once the lock runs out, and is killed too.
    const first = await Promise.race([a, b].map((w) => w.waitFor(/article-000-fr started/).then(() => w)));
    first.child.kill('SIGKILL');
    const second = first === a ? b : a;
    await second.waitFor(/article-000-fr started/);
    second.child.kill('SIGKILL');
    // A worker started later (as a supervisor would restart one) finds it stalled once too often.
    const third = worker(dir);
    const { code } = await run.ended;
    expect(code, run.stderr()).toBe(1);
    const report = RunReportSchema.parse(JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')));
    expect(report.documents).toEqual({ total: 1, done: 0, failed: 1, unchanged: 0 });
    expect(report.failures).toEqual([
      {
        file: path.join(input, 'article-000.fr.txt'),
        reason:
          'the queue workers running it stopped 2 times (killed or lost) while they held it (queue.maxStalledCount 1); a document that brings workers down is not tried again',
      },
    ]);
    expect(third.log()).not.toMatch(/article-000-fr started/);
    third.child.kill('SIGTERM');
    expect((await third.ended).code).toBe(0);
  });

  it('SIGTERM on a run through the queue: the documents no worker took leave the queue, the locks go, exit 143', async () => {
    const dir = project(configLines('{}'));
    const input = tmp('queue-term-input');
    writeArticles(input, 3);
    const out = tmp('queue-term-out');
    const run = startCli(['run', '--input', input, '--out', out, '--cache-dir', tmp('queue-term-cache'), '--queue', redis.url], dir);
    await run.events$(1);
    const client = redis.client();
    const waiting = () => client.llen('bull:audarma-documents:wait');
    // No worker is listening: the three documents wait in the queue.
    for (let i = 0; i < 500 && (await waiting()) < 3; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await waiting()).toBe(3);
    run.child.kill('SIGTERM');
    expect((await run.ended).code).toBe(143);
    expect(await waiting()).toBe(0);
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
    client.disconnect();
  });

  it('a second SIGTERM stops a worker at once, its document in hand left to the queue: exit 143', async () => {
    const dir = project(configLines('{}'));
    const input = tmp('queue-twice-input');
    writeArticles(input, 1);
    const w = worker(dir);
    await w.waitFor(/ready on/);
    const run = startCli(['run', '--input', input, '--out', tmp('queue-twice-out'), '--cache-dir', tmp('queue-twice-cache'), '--queue', redis.url], dir);
    await w.waitFor(/started/);
    w.child.kill('SIGTERM');
    await w.waitFor(/SIGTERM: finishing the documents in hand/);
    w.child.kill('SIGTERM');
    expect(await w.ended).toEqual({ code: 143, signal: null });
    expect(w.log()).toContain('audarma: SIGTERM again: stopping now\n');
    expect(w.log()).not.toMatch(/article-000-fr done/);
    run.child.kill('SIGTERM');
    expect((await run.ended).code).toBe(143);
  });

  it('SIGTERM while Redis is away: a worker stops without waiting for Redis, exit 0', async () => {
    const dir = project(configLines('{ redisDownSeconds: 120 }'));
    const w = worker(dir);
    await w.waitFor(/ready on/);
    await redis.stop();
    try {
      await w.waitFor(/does not answer/);
      w.child.kill('SIGTERM');
      const ended = await Promise.race([w.ended, sleep(20_000).then(() => 'still running 20 s after SIGTERM')]);
      expect(ended).toEqual({ code: 0, signal: null });
    } finally {
      await redis.start();
    }
  });

  it('Redis gone for longer than queue.redisDownSeconds: the run and the worker stop with the reason (exit 2 and 1)', async () => {
    const dir = project(configLines('{ redisDownSeconds: 3 }'));
    const input = tmp('queue-gone-input');
    writeArticles(input, 2);
    const w = worker(dir);
    await w.waitFor(/ready on/);
    const run = startCli(['run', '--input', input, '--out', tmp('queue-gone-out'), '--cache-dir', tmp('queue-gone-cache'), '--queue', redis.url], dir);
    await w.waitFor(/started/);
    await redis.stop();
    const [ran, worked] = await Promise.all([run.ended, w.ended]);
    await redis.start();
    const gone = `Redis at ${redis.url} has not answered for 3 s (queue.redisDownSeconds); stopping. Documents already finished stay written; run again once Redis is back`;
    expect(run.events).toContainEqual(
      expect.objectContaining({ type: 'warning', message: `Redis at ${redis.url} does not answer; waiting up to 3 s for it (queue.redisDownSeconds)` }),
    );
    expect(run.stderr()).toBe(`audarma: ${gone}\n`);
    expect(ran.code).toBe(2);
    expect(w.log()).toContain(`audarma: ${gone}\n`);
    expect(worked.code).toBe(1);
  });
});
