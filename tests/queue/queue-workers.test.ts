import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunReportSchema } from '../../src/output/report-schema.ts';
import { cli } from '../integration/helpers.ts';
import { writeArticles } from '../integration/generate-articles.ts';
import { copyTinyModel, modelsDir, slowDown } from '../integration/model-variants.ts';
import { project, sleep, startCli, tmp } from '../integration/project.ts';
import { startRedis, type TestRedis } from './redis-server.ts';
import { startWorker, type QueueWorkerProcess } from './workers.ts';

// Three queue workers on the tiny fr→en model made slow (~5 ms a decoder step), so documents are
// in hand long enough for one worker to be killed holding some and for Redis to be restarted
// while the run waits. The same model unslowed gives the same outputs: a local run with it is
// the reference every article is compared with, byte for byte.
const ARTICLES = 18;
const models = modelsDir();
slowDown(copyTinyModel(models, 'opus-mt-fr-en', 'slow-fr-en'), 400);
copyTinyModel(models, 'opus-mt-fr-en', 'fr-en');
const config = (model: string, queue: string[] = []) => [
  `models: { dir: ${models} }`,
  'catalogue:',
  `  fr-en: { id: audarma-test/${model}, task: translation, pairs: [{ from: fr, to: en }], batchSize: 4 }`,
  'targets:',
  '  en: { model: fr-en, script: Latn }',
  'inference: { workers: 1, intraOpThreads: 1 }',
  ...queue,
];
const input = tmp('queue-input');
const files = writeArticles(input, ARTICLES);
const slugs = files.map((f) => path.basename(f).replace(/\.fr\.txt$/, '-fr'));

let redis: TestRedis;
let dir: string;
const workers: QueueWorkerProcess[] = [];
const out = tmp('queue-out');
const cache = tmp('queue-run-cache');
const report = (o: string) => RunReportSchema.parse(JSON.parse(readFileSync(path.join(o, 'run-report.json'), 'utf8')));

beforeAll(async () => {
  redis = await startRedis();
  // Short locks and stall checks: a killed worker's documents go back to the queue within seconds.
  dir = project(
    config('slow-fr-en', [
      'queue: { lockMs: 3000, stalledIntervalMs: 1000, redisDownSeconds: 60 }',
      'jobs:',
      `  nightly: { inputs: [${input}], out: ${out}, queue: "${redis.url}" }`,
    ]),
  );
});

afterAll(async () => {
  for (const w of workers) w.child.kill('SIGKILL');
  await redis?.stop();
});

describe.sequential('audarma worker and audarma run --queue on a real Redis', { timeout: 150_000 }, () => {
  it('three workers, one killed with kill -9 and Redis restarted empty mid-run: every article written as a local run writes it, one report entry each, exit 0', async () => {
    for (let i = 0; i < 3; i++) {
      const w = startWorker(['--queue', redis.url, '--concurrency', '2', '--cache-dir', tmp('queue-worker-cache')], dir);
      workers.push(w);
    }
    await Promise.all(workers.map((w) => w.waitFor(/ready on redis:/)));
    const run = startCli(['run', '--job', 'nightly', '--cache-dir', cache], dir);
    await run.events$(3); // start and two documents
    await redis.stop();
    await sleep(1000);
    await redis.start();
    await run.events$(6);
    // A worker holding documents, killed without a chance to give them back.
    let victim: QueueWorkerProcess | undefined;
    for (let i = 0; i < 500 && !victim; i++, await sleep(10)) victim = workers.find((w) => w.inHand().length > 0);
    expect(victim, 'a worker holding a document').toBeDefined();
    victim!.child.kill('SIGKILL');
    const { code } = await run.ended;
    expect(code, run.stderr()).toBe(0);

    const warnings = run.events.filter((e) => e.type === 'warning').map((e) => (e as { message?: string }).message);
    expect(warnings).toContainEqual(
      expect.stringMatching(/^\d+ queued documents? (was|were) gone from Redis \(restarted without persistence\?\) and queued again$/),
    );
    const r = report(out);
    expect(r.documents).toEqual({ total: ARTICLES, done: ARTICLES, failed: 0, unchanged: 0 });
    expect(r.articles.map((a) => a.slug)).toEqual(slugs);
    expect(r.articles.every((a) => a.status === 'done')).toBe(true);

    // The reference: the same articles through a local run of the unslowed model.
    const refDir = project(config('fr-en'));
    const refOut = tmp('queue-ref-out');
    const ref = await cli(['run', '--input', input, '--out', refOut, '--cache-dir', tmp('queue-ref-cache'), '--quiet'], refDir);
    expect(ref.code, ref.stderr).toBe(0);
    for (const slug of slugs) expect(readFileSync(path.join(out, slug, 'en.md'), 'utf8'), slug).toBe(readFileSync(path.join(refOut, slug, 'en.md'), 'utf8'));
    expect(readFileSync(path.join(out, 'article-000-fr/en.md'), 'utf8')).toMatch(/^# Article 0 : Astana and the cooperation\n/);
    // Every segment counted once: by a model or from a worker's cache, as in the local run.
    const local = report(refOut);
    expect(r.segments.translated + r.segments.cached).toBe(local.segments.translated + local.segments.cached);
  });

  it('an unchanged corpus enqueues nothing: every article unchanged, no job added, exit 0', async () => {
    const client = redis.client();
    const events = 'bull:audarma-documents:events';
    const added = async () => (await client.xrange(events, '-', '+')).filter(([, f]) => f[1] === 'added').length;
    const before = await added();
    const r = await cli(['run', '--job', 'nightly', '--cache-dir', cache, '--quiet'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(report(out).documents).toEqual({ total: ARTICLES, done: 0, failed: 0, unchanged: ARTICLES });
    expect(await added()).toBe(before);
    client.disconnect();
  });

  it('SIGTERM: a worker finishes the documents in hand, then exits 0', async () => {
    const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    expect(alive.length).toBe(2);
    // --no-cache: the workers' caches hold every segment by now, and the documents must take a while.
    const run = startCli(['run', '--input', input, '--out', tmp('queue-out2'), '--cache-dir', tmp('queue-cache2'), '--queue', redis.url, '--no-cache'], dir);
    await run.events$(1);
    let holder: QueueWorkerProcess | undefined;
    for (let i = 0; i < 1000 && !holder; i++, await sleep(10)) holder = alive.find((w) => w.inHand().length > 0);
    const held = holder!.inHand();
    holder!.child.kill('SIGTERM');
    expect(await holder!.ended).toEqual({ code: 0, signal: null });
    for (const slug of held) expect(holder!.log()).toMatch(new RegExp(`: ${slug} done\\n`));
    expect(holder!.log()).toContain('SIGTERM: finishing the documents in hand, then stopping');
    expect((await run.ended).code).toBe(0);
  });

  it('refuses a Redis that may evict keys: exit 2 and what to set', async () => {
    const client = redis.client();
    await client.config('SET', 'maxmemory-policy', 'allkeys-lru');
    try {
      for (const args of [
        ['run', '--job', 'nightly'],
        ['worker', '--queue', redis.url],
      ]) {
        const r = await cli(args, dir);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(
          `audarma: Redis at ${redis.url} cannot hold audarma's queue: maxmemory-policy is allkeys-lru; expected noeviction (BullMQ loses jobs when Redis evicts keys): ` +
            `set \`maxmemory-policy noeviction\` in redis.conf or run \`redis-cli -u ${redis.url} CONFIG SET maxmemory-policy noeviction\`\n`,
        );
      }
    } finally {
      await client.config('SET', 'maxmemory-policy', 'noeviction');
      client.disconnect();
    }
  });

  it('schedule creates a BullMQ job scheduler for the job on the runs queue, whose runs a queue worker makes; --remove removes it', async () => {
    const r = await cli(['schedule', '--job', 'nightly', '--cron', '0 2 * * *'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^job nightly runs on the queue workers at "0 2 \* \* \*"; next run \d{4}-\d\d-\d\dT02:00:00\.000Z\n$/);
    const { Queue } = await import('bullmq');
    const queue = new Queue('audarma-runs', { connection: { url: redis.url, maxRetriesPerRequest: null } });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toMatchObject([{ key: 'nightly', pattern: '0 2 * * *', template: { data: { job: 'nightly' } } }]);
    const bad = await cli(['schedule', '--job', 'nightly', '--cron', 'at two'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^audarma: --cron: expected a cron pattern such as "0 2 \* \* \*" \(minute hour day month weekday\), got `at two`/);
    // Every second: the queue worker still up takes the scheduled run and runs the job (all unchanged by now).
    const alive = workers.find((w) => w.child.exitCode === null && w.child.signalCode === null)!;
    expect((await cli(['schedule', '--job', 'nightly', '--cron', '* * * * * *'], dir)).code).toBe(0);
    await alive.waitFor(new RegExp(`scheduled run of job nightly: 0 done, 0 failed, ${ARTICLES} unchanged of ${ARTICLES} documents`), 30_000);
    const removed = await cli(['schedule', '--job', 'nightly', '--remove'], dir);
    expect(removed.stdout).toBe('removed the schedule of job nightly\n');
    expect(await queue.getJobSchedulers()).toEqual([]);
    await queue.close();
  });
});
