// (c) audarma's runner translating the bench segments as articles, on the real-sized stand-in:
// worker threads, pooling across documents in flight, length-sorted batches. The model folder is
// the hub's layout (its q8 decoder prepared by the runner as for any model), or, to compare, the
// stand-in's earlier separate-lm_head layout.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AutoTokenizer } from '@huggingface/transformers';
import { openRuntime } from '../src/app/open-runtime.ts';
import type { Result } from '../src/output/result-schema.ts';
import { runBatch } from '../src/runner/run-batch.ts';
import { BENCH_MODEL_DIR, BENCH_MODEL_IDS, ensureBenchModel } from './model/build.ts';
import type { Layout } from './model/config.ts';
import { benchSegments } from './segments.ts';

export interface RunnerSettings {
  workers: number;
  intraOpThreads: number;
  batchSize: number;
  concurrency: number;
  perArticle: number;
}

export const DEFAULT_RUNNER: RunnerSettings = { workers: 2, intraOpThreads: 1, batchSize: 16, concurrency: 32, perArticle: 10 };

/** A config and a one-target pipeline around the bench model `id`, in a fresh folder. */
function benchProject(s: RunnerSettings, id: string): string {
  const dir = path.join(tmpdir(), `audarma-bench-${process.pid}-${Date.now()}`);
  mkdirSync(path.join(dir, 'pipelines'), { recursive: true });
  writeFileSync(
    path.join(dir, 'config.yaml'),
    [
      `models: { dir: ${BENCH_MODEL_DIR} }`,
      'catalogue:',
      // As the shipped config: greedy decoding said outright (transformers.js has no beam search, but
      // num_beams from the model's generation_config still costs a top-k per step). No loop retry:
      // the stand-in's random weights repeat one token, which a real model does not.
      `  bench: { id: ${id}, task: translation, pairs: [{ from: fr, to: en }], dtype: q8, maxInputTokens: 512, batchSize: ${s.batchSize}, generation: { num_beams: 1 }, loopRetry: false }`,
      'targets: { en: { model: bench, script: Latn } }',
      `inference: { workers: ${s.workers}, intraOpThreads: ${s.intraOpThreads} }`,
      `run: { concurrency: ${s.concurrency} }`,
      'cache: { dir: cache }',
    ].join('\n') + '\n',
  );
  writeFileSync(
    path.join(dir, 'pipelines/bench.yaml'),
    'steps:\n  - uses: read\n  - uses: segment\n  - uses: translate\n    with: { targets: [en] }\n  - uses: write\n    with: { formats: [json] }\n',
  );
  return dir;
}

/** Article files holding the given segments, one per line (each line its own block). */
function writeArticles(dir: string, segments: string[], perArticle: number): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i * perArticle < segments.length; i++)
    writeFileSync(path.join(dir, `a${String(i).padStart(3, '0')}.txt`), segments.slice(i * perArticle, (i + 1) * perArticle).join('\n\n') + '\n');
}

/** Peak resident memory (VmHWM) of this process's children, in MB: the model workers. */
function childrenPeakMB(): number {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== process.pid) continue;
      kb += Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // The process ended while we looked.
    }
  }
  return kb / 1024;
}

export interface RunnerResult {
  /** Peak RSS of the model worker processes together. */
  workersPeakMB: number;
  seconds: number;
  loadSeconds: number;
  segments: number;
  outputTokens: number;
  texts: string[];
}

export async function runnerBench(segments: string[], s: RunnerSettings = DEFAULT_RUNNER, layout: Layout = 'tied'): Promise<RunnerResult> {
  await ensureBenchModel({ layout });
  const id = BENCH_MODEL_IDS[layout];
  const dir = benchProject(s, id);
  const runtime = await openRuntime({ config: path.join(dir, 'config.yaml'), pipeline: 'bench' });
  try {
    await runtime.start();
    // Warm-up on other text, enough batches to load the model in every worker.
    writeArticles(path.join(dir, 'warm'), benchSegments(s.batchSize * s.workers * 2, 99), s.batchSize * s.workers * 2);
    const t0 = performance.now();
    await runBatch({ runtime, inputs: [path.join(dir, 'warm')], outDir: path.join(dir, 'warm-out') });
    const loadSeconds = (performance.now() - t0) / 1000;

    writeArticles(path.join(dir, 'in'), segments, s.perArticle);
    const out = path.join(dir, 'out');
    const t1 = performance.now();
    const report = await runBatch({ runtime, inputs: [path.join(dir, 'in')], outDir: out, noCache: true });
    const seconds = (performance.now() - t1) / 1000;
    if (report.documents.failed) throw new Error(`runner bench: ${JSON.stringify(report.failures)}`);

    const results = readdirSync(out, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .map((e) => JSON.parse(readFileSync(path.join(out, e.name, 'result.json'), 'utf8')) as Result)
      .sort((a, b) => a.slug.localeCompare(b.slug));
    const texts = results.flatMap((r) => r.targets.en.blocks.flatMap((b) => b.segments.map((x) => x.text)));
    const tokenizer = (await AutoTokenizer.from_pretrained(id)) as unknown as {
      encode(t: string, o: { add_special_tokens: boolean }): number[];
    };
    const outputTokens = texts.reduce((n, t) => n + tokenizer.encode(t, { add_special_tokens: false }).length, 0);
    return { seconds, loadSeconds, segments: texts.length, outputTokens, texts, workersPeakMB: childrenPeakMB() };
  } finally {
    await runtime.close();
  }
}
