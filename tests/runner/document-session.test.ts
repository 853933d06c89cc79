// One document session behind every face: the same article run by `audarma run`, by the desk and
// by a queue worker, on one cache, gives the same editions byte for byte; and an edit of the
// glossary reaches `/translate` (the text service) and the desk alike, without a restart.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRuntime, type Runtime } from '../../src/app/open-runtime.ts';
import { openTextService } from '../../src/app/text-service.ts';
import { runOnQueue } from '../../src/queue/queued-run.ts';
import { startQueueWorker } from '../../src/queue/worker.ts';
import type { Result } from '../../src/output/result-schema.ts';
import { runBatch } from '../../src/runner/run-batch.ts';
import { Desk } from '../../src/server/desk/desk.ts';
import { REPO, tinyConfigWith } from '../integration/helpers.ts';
import { tmp } from '../integration/project.ts';
import { startRedis, type TestRedis } from '../queue/redis-server.ts';

const dir = tmp('session');
const glossary = path.join(dir, 'glossary.yaml');
const config = path.join(dir, 'config.yaml');
const cacheDir = path.join(dir, 'cache');
// The tiny config, with its folders made absolute and a glossary of this test's own.
writeFileSync(config, tinyConfigWith(glossary));
writeFileSync(glossary, '- source: Yerlan Koshanov\n  keep: true\n');
const article = path.join(dir, 'in', 'sommet-astana.fr.txt');
const open = () => openRuntime({ config, cacheDir, texts: true });
const readResult = (file: string): Result => JSON.parse(readFileSync(file, 'utf8'));
/** Each edition of result.json as the file spells it. */
const editions = (r: Result) => Object.fromEntries(Object.entries(r.targets).map(([lang, e]) => [lang, JSON.stringify(e, null, 2)]));

let runtime: Runtime;
beforeAll(async () => {
  mkdirSync(path.dirname(article), { recursive: true });
  copyFileSync(path.join(REPO, 'tests/fixtures/desk/sommet-astana.fr.txt'), article);
  runtime = await open();
  await runtime.start();
});
afterAll(async () => {
  await runtime?.close();
});

describe.sequential('the document session', { timeout: 120_000 }, () => {
  let redis: TestRedis | undefined;
  afterAll(async () => redis?.stop());

  it('runs one article through run, the desk and a queue worker into the same editions, byte for byte', async () => {
    const out = path.join(dir, 'run-out');
    const report = await runBatch({ runtime, inputs: [article], outDir: out });
    expect(report.documents).toEqual({ total: 1, done: 1, failed: 0, unchanged: 0 });
    const byRun = readResult(path.join(out, 'sommet-astana-fr', 'result.json'));

    const session = await runtime.openSession();
    const desk = new Desk(session, path.join(dir, 'desk'));
    try {
      await desk.add('sommet-astana.fr.txt', readFileSync(article));
      await desk.run('sommet-astana-fr');
    } finally {
      await desk.close();
      session.close();
    }
    const byDesk = readResult(path.join(dir, 'desk', 'sommet-astana-fr', 'result.json'));

    redis = await startRedis();
    const workerRuntime = await open();
    const worker = await startQueueWorker({ url: redis.url, concurrency: 1, runtime: workerRuntime, log: () => {} });
    const queued = path.join(dir, 'queue-out');
    try {
      const r = await runOnQueue(redis.url, { runtime, inputs: [article], outDir: queued });
      expect(r.documents).toEqual({ total: 1, done: 1, failed: 0, unchanged: 0 });
    } finally {
      await worker.stop();
    }
    const byWorker = readResult(path.join(queued, 'sommet-astana-fr', 'result.json'));

    expect(Object.keys(byRun.targets)).toEqual(['en', 'kk', 'ru', 'zh', 'kk-Latn', 'zh-Hant']);
    expect(editions(byDesk)).toEqual(editions(byRun));
    expect(editions(byWorker)).toEqual(editions(byRun));
    // The three made the article from the same input and settings, and say so alike.
    expect(byDesk.inputHash).toBe(byRun.inputHash);
    expect(byWorker.inputHash).toBe(byRun.inputHash);
  });

  it('shows a glossary edit to /translate and to the desk alike, without a restart', async () => {
    const session = await runtime.openSession();
    const service = await openTextService(runtime, session);
    const desk = new Desk(session, path.join(dir, 'glossary-desk'));
    const ru = async () => {
      await desk.run('sommet-astana-fr');
      const r = desk.result('sommet-astana-fr')!;
      const [text] = await service.translate(['Le ministre a visité Astana.'], 'ru', 'txt');
      return { desk: r.targets.ru.blocks[2].text, translate: text.text };
    };
    try {
      await desk.add('sommet-astana.fr.txt', readFileSync(article));
      expect(await ru()).toEqual({ desk: 'Министр посетил Astana.', translate: 'Министр посетил Astana.' });
      writeFileSync(glossary, '- source: Astana\n  targets: { en: Astana, kk: Астана, ru: Астана, zh: 阿斯塔纳 }\n');
      expect(await ru()).toEqual({ desk: 'Министр посетил Астана.', translate: 'Министр посетил Астана.' });
    } finally {
      await desk.close();
      service.close();
      session.close();
    }
  });
});
