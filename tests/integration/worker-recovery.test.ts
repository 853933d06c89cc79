import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { RunReportSchema } from '../../src/output/report-schema.ts';
import { LOCK_FILE } from '../../src/store/lock.ts';
import { writeArticles } from './generate-articles.ts';
import { copyTinyModel, modelsDir, slowWorkersProject } from './model-variants.ts';
import { workerPids, processState, project, running, sleep, startCli, tmp } from './project.ts';

// The shipped setting (two model worker processes) through the real CLI. The fr→en model is the
// tiny one made slow (~5 ms a decoder step), so a run lasts a few seconds and a worker can be
// caught in the middle of a batch.
const dir = slowWorkersProject(project);

// The plain tiny model one segment a batch, for the tests that need no timing: which segments
// share a batch then does not depend on when each article was read.
const fastModels = modelsDir();
copyTinyModel(fastModels, 'opus-mt-fr-en', 'fr-en');
const fastDir = project([
  `models: { dir: ${fastModels} }`,
  'catalogue:',
  '  fr-en: { id: audarma-test/fr-en, task: translation, pairs: [{ from: fr, to: en }], batchSize: 1 }',
  'targets:',
  '  en: { model: fr-en, script: Latn }',
  'inference: { workers: 2, intraOpThreads: 1 }',
]);

const ARTICLES = 12;
function start(env?: NodeJS.ProcessEnv) {
  const input = tmp('input');
  const out = tmp('out');
  const cache = tmp('cache');
  writeArticles(input, ARTICLES);
  const run = startCli(['run', '--input', input, '--out', out, '--cache-dir', cache, '--concurrency', '2'], dir, env);
  return { run, out, cache };
}

/** A worker of `pid` that is running (state R): it holds a batch, since an idle worker waits asleep. */
async function busyWorker(pid: number): Promise<number> {
  for (let i = 0; i < 2000; i++) {
    const busy = workerPids(pid).find((p) => processState(p)?.state === 'R');
    if (busy) return busy;
    await sleep(2);
  }
  throw new Error('no worker was ever seen busy');
}

// Real processes on a shared machine: generous timeouts.
describe.sequential('model workers (inference.workers: 2) that die or are stopped', { timeout: 180_000 }, () => {
  it('replaces a worker killed mid-batch and retries its batch: every article is written, exit 0', async () => {
    const { run, out } = start();
    // One article done: both workers are up, have their model, and are working through the rest.
    await run.events$(2);
    const workers = workerPids(run.child.pid!);
    expect(workers).toHaveLength(2);
    const victim = await busyWorker(run.child.pid!);
    process.kill(victim, 'SIGKILL');
    const { code } = await run.ended;

    expect(run.stderr()).toContain(
      `audarma: model worker ${victim} stopped (signal SIGKILL) while translating a batch; a new worker is starting and the batch is tried again`,
    );
    expect(code).toBe(0);
    const report = RunReportSchema.parse(JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')));
    expect(report.documents).toEqual({ total: ARTICLES, done: ARTICLES, failed: 0, unchanged: 0 });
    for (const a of report.articles) {
      const result = JSON.parse(readFileSync(path.join(out, a.slug, 'result.json'), 'utf8'));
      expect(result.targets.en.blocks.every((b: { text: string }) => b.text.length > 0)).toBe(true);
    }
    // The new worker's output is the old one's: article 0's title as the tiny model gives it.
    expect(readFileSync(path.join(out, 'article-000-fr/en.md'), 'utf8')).toMatch(/^# Article 0 : Astana and the cooperation\n/);
  });

  it('SIGTERM mid-run ends the CLI and both workers, and releases the locks', async () => {
    const { run, out, cache } = start();
    await run.events$(2);
    const workers = workerPids(run.child.pid!);
    expect(workers).toHaveLength(2);
    run.child.kill('SIGTERM');
    const { signal } = await run.ended;
    expect(signal).toBe('SIGTERM');
    // Killing is asynchronous: give them a moment, then none may be left.
    for (let i = 0; i < 100 && workers.some(running); i++) await sleep(20);
    expect(workers.filter(running)).toEqual([]);
    expect(existsSync(path.join(out, LOCK_FILE))).toBe(false);
    expect(existsSync(path.join(cache, LOCK_FILE))).toBe(false);
  });

  it('a batch whose worker dies twice fails its article with that reason; the others are written', async () => {
    // Loaded into every worker before its own code: it dies on any batch holding "Catastrophe"
    // (workers get token ids, so it looks for the word's ids).
    env.localModelPath = fastModels;
    const tokenizer = await AutoTokenizer.from_pretrained('audarma-test/fr-en');
    const word = tokenizer.encode('Catastrophe', { add_special_tokens: false }).join(',');
    const crash = path.join(tmp('crash'), 'die-on-batch.cjs');
    writeFileSync(
      crash,
      `if (process.send) process.on('message', (m) => { if (JSON.stringify(m.rows ?? []).includes('${word}')) process.kill(process.pid, 'SIGKILL'); });\n`,
    );
    const input = tmp('input');
    writeArticles(input, 3);
    writeFileSync(path.join(input, 'doomed.fr.txt'), 'Catastrophe à Astana\n\nLe président a visité la capitale.\n');
    const out = tmp('out');
    const run = startCli(['run', '--input', input, '--out', out, '--cache-dir', tmp('cache')], fastDir, { ...process.env, NODE_OPTIONS: `--require ${crash}` });
    const { code } = await run.ended;
    expect(code).toBe(1);
    expect(run.stderr().match(/stopped \(signal SIGKILL\) while translating a batch; a new worker is starting and the batch is tried again/g)).toHaveLength(2);
    const report = RunReportSchema.parse(JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')));
    const doomed = report.articles.find((a) => a.file.endsWith('doomed.fr.txt'))!;
    expect(doomed.status).toBe('failed');
    expect(doomed.reason).toBe('steps[2] translate: model worker died twice while translating this batch (signal SIGKILL)');
    expect(report.documents).toEqual({ total: 4, done: 3, failed: 1, unchanged: 0 });
    for (const a of report.articles.filter((x) => x.status === 'done')) expect(existsSync(path.join(out, a.slug, 'result.json'))).toBe(true);
  });

  it('workers that die on every batch stop the run (exit 2) instead of being replaced forever', async () => {
    const crash = path.join(tmp('crash'), 'die-on-every-batch.cjs');
    writeFileSync(crash, "if (process.send) process.on('message', (m) => { if (m && m.id) process.kill(process.pid, 'SIGKILL'); });\n");
    const input = tmp('input');
    writeArticles(input, 3);
    const run = startCli(['run', '--input', input, '--out', tmp('out'), '--cache-dir', tmp('cache')], fastDir, {
      ...process.env,
      NODE_OPTIONS: `--require ${crash}`,
    });
    const { code } = await run.ended;
    expect(run.stderr()).toContain('audarma: model workers died 3 times in a row without finishing a batch (last: signal SIGKILL); the run stops\n');
    expect(code).toBe(2);
  });

  it('a worker that cannot start is reported (exit 2), not waited for', async () => {
    // Node loads this into every process it starts with these options; only the workers have an IPC channel.
    const crash = path.join(tmp('crash'), 'no-worker.cjs');
    writeFileSync(crash, "if (process.send) { console.error('cannot map the model file'); process.exit(7); }\n");
    const { run, out } = start({ ...process.env, NODE_OPTIONS: `--require ${crash}` });
    const { code } = await run.ended;
    expect(code).toBe(2);
    expect(run.stderr()).toContain(
      'audarma: a model worker process could not start (exit code 7: cannot map the model file); inference.workers: 0 runs the models in this process instead',
    );
    expect(existsSync(path.join(out, 'article-000-fr/result.json'))).toBe(false);
  });
});
