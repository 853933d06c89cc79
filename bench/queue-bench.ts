// (h) Queue workers: the same articles as (c) — the bench segments, ten to an article — through
// `audarma run --queue` with 1 and then 2 queue workers (`audarma worker`, each with one model
// worker of one thread), against the runner in one process with that same one model worker. And
// the queue's own cost per document: a pipeline without a model (read, segment, write) over many
// small articles, run locally and through one queue worker. A real redis-server on a free port.
//   npx tsx bench/queue-bench.ts     (alone: adds `queue` to bench/results.json)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { preparedSubfolder } from '../src/inference/q8-prepare.ts';
import { articleText } from '../tests/integration/generate-articles.ts';
import { startRedis } from '../tests/queue/redis-server.ts';
import { startWorker } from '../tests/queue/workers.ts';
import { BENCH_MODEL_DIR, BENCH_MODEL_ID, ensureBenchModel } from './model/build.ts';
import { DEFAULT_RUNNER, runnerBench } from './runner-bench.ts';
import { benchSegments } from './segments.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '..');
const SEGMENTS = 200;
const PER_ARTICLE = 10;
const SMALL_ARTICLES = 200;
// Documents a queue worker holds at once: half the articles, so two workers share them.
const WORKER_CONCURRENCY = SEGMENTS / PER_ARTICLE / 2;

export interface QueueBenchResult {
  articles: number;
  segments: number;
  /** The runner in one process, one model worker of one thread, model loaded (c's method). */
  localSeconds: number;
  /** `audarma run --queue` (the run report's seconds), workers warmed up on other text. */
  oneWorkerSeconds: number;
  twoWorkersSeconds: number;
  speedupTwoWorkers: number;
  /** Model-free pipeline, one document at a time on each side: (queue run − local run) / articles. */
  overhead: { articles: number; localSeconds: number; queueSeconds: number; perDocumentMs: number };
}

function project(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'audarma-queue-bench-'));
  mkdirSync(path.join(dir, 'pipelines'));
  writeFileSync(
    path.join(dir, 'config.yaml'),
    [
      `models: { dir: ${BENCH_MODEL_DIR} }`,
      'catalogue:',
      `  bench: { id: ${BENCH_MODEL_ID}, task: translation, pairs: [{ from: fr, to: en }], dtype: q8, maxInputTokens: 512, batchSize: ${DEFAULT_RUNNER.batchSize}, generation: { num_beams: 1 }, loopRetry: false }`,
      'targets: { en: { model: bench, script: Latn } }',
      'inference: { workers: 1, intraOpThreads: 1 }',
      'defaultPipeline: bench',
    ].join('\n') + '\n',
  );
  writeFileSync(
    path.join(dir, 'pipelines/bench.yaml'),
    'steps:\n  - uses: read\n  - uses: segment\n  - uses: translate\n    with: { targets: [en] }\n  - uses: write\n    with: { formats: [json] }\n',
  );
  writeFileSync(path.join(dir, 'pipelines/plain.yaml'), 'steps:\n  - uses: read\n  - uses: segment\n  - uses: write\n    with: { formats: [json] }\n');
  return dir;
}

function writeSegments(dir: string, segments: string[]): string {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i * PER_ARTICLE < segments.length; i++)
    writeFileSync(path.join(dir, `a${String(i).padStart(3, '0')}.txt`), segments.slice(i * PER_ARTICLE, (i + 1) * PER_ARTICLE).join('\n\n') + '\n');
  return dir;
}

/** `audarma run …` to its end; the report's seconds (the run itself, not the process start). */
function cliRun(args: string[], cwd: string, out: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(REPO, 'bin/audarma.js'), 'run', ...args, '--out', out, '--quiet'], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    p.stderr.on('data', (b: Buffer) => (err += b.toString()));
    p.on('close', (code) => {
      if (code !== 0) return reject(new Error(`audarma run ${args.join(' ')}: exit ${code}\n${err}`));
      const report = JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')) as { seconds: number; documents: { failed: number } };
      resolve(report.seconds);
    });
  });
}

export async function queueBench(): Promise<QueueBenchResult> {
  preparedSubfolder(await ensureBenchModel(), 'q8');
  const dir = project();
  const input = writeSegments(path.join(dir, 'in'), benchSegments(SEGMENTS));
  const warm = writeSegments(path.join(dir, 'warm'), benchSegments(SEGMENTS / 2, 99));
  const small = path.join(dir, 'small');
  mkdirSync(small);
  for (let i = 0; i < SMALL_ARTICLES; i++) writeFileSync(path.join(small, `s${String(i).padStart(3, '0')}.fr.txt`), articleText(i));

  process.stderr.write('bench: (h) runner in one process, one model worker of one thread\n');
  const local = await runnerBench(benchSegments(SEGMENTS), { ...DEFAULT_RUNNER, workers: 1, perArticle: PER_ARTICLE });
  const redis = await startRedis();
  const workers: ReturnType<typeof startWorker>[] = [];
  try {
    const addWorker = async (concurrency = WORKER_CONCURRENCY) => {
      const w = startWorker(
        ['--queue', redis.url, '--concurrency', String(concurrency), '--model-workers', '1', '--cache-dir', path.join(dir, `cache-${workers.length}`)],
        dir,
      );
      workers.push(w);
      await w.waitFor(/ready on/);
      return w;
    };
    const queued = (inputDir: string, name: string, extra: string[] = []) =>
      cliRun(
        ['--input', inputDir, '--queue', redis.url, '--cache-dir', path.join(dir, `run-cache-${name}`), '--no-cache', ...extra],
        dir,
        path.join(dir, `out-${name}`),
      );
    // One document at a time on both sides, so nothing hides the queue's round trips (take the
    // document, report it, be asked after by the run) behind another document's work. Median of 3.
    process.stderr.write('bench: (h) queue overhead: model-free pipeline, one document at a time, local and through one queue worker, x3\n');
    const serial = await addWorker(1);
    const locals: number[] = [];
    const queues: number[] = [];
    for (let i = 0; i < 3; i++) {
      locals.push(
        await cliRun(
          ['plain', '--input', small, '--cache-dir', path.join(dir, `plain-cache-${i}`), '--no-cache', '--concurrency', '1'],
          dir,
          path.join(dir, `out-plain-local-${i}`),
        ),
      );
      queues.push(await queued(small, `plain-${i}`, ['plain']));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    const [overheadLocal, overheadQueue] = [median(locals), median(queues)];
    serial.child.kill('SIGTERM');
    await serial.ended;
    process.stderr.write('bench: (h) one queue worker: warm-up, then the articles\n');
    await addWorker();
    await queued(warm, 'warm1');
    const one = await queued(input, 'one');
    process.stderr.write('bench: (h) two queue workers: warm-up, then the articles\n');
    await addWorker();
    await queued(warm, 'warm2');
    const two = await queued(input, 'two');
    return {
      articles: SEGMENTS / PER_ARTICLE,
      segments: SEGMENTS,
      localSeconds: local.seconds,
      oneWorkerSeconds: one,
      twoWorkersSeconds: two,
      speedupTwoWorkers: one / two,
      overhead: {
        articles: SMALL_ARTICLES,
        localSeconds: overheadLocal,
        queueSeconds: overheadQueue,
        perDocumentMs: ((overheadQueue - overheadLocal) / SMALL_ARTICLES) * 1000,
      },
    };
  } finally {
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.ended));
    await redis.stop();
  }
}

export function queueLines(q: QueueBenchResult): string[] {
  return [
    `(h) ${q.articles} articles (${q.segments} segments) with one model worker of one thread each: runner in one process ${q.localSeconds.toFixed(2)} s, ` +
      `1 queue worker ${q.oneWorkerSeconds.toFixed(2)} s, 2 queue workers ${q.twoWorkersSeconds.toFixed(2)} s (×${q.speedupTwoWorkers.toFixed(2)})`,
    `(h) queue overhead: ${q.overhead.articles} articles without a model, one at a time: local ${q.overhead.localSeconds.toFixed(2)} s, through a queue worker ${q.overhead.queueSeconds.toFixed(2)} s: ${q.overhead.perDocumentMs.toFixed(1)} ms a document`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const q = await queueBench();
  const file = path.join(here, 'results.json');
  const results = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...results, queue: { ...q, measuredAt: new Date().toISOString() } }, null, 2) + '\n');
  process.stdout.write(queueLines(q).join('\n') + '\n');
}
