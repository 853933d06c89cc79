// npm run bench [-- --quick]: audarma against plain transformers.js on a real-sized OPUS-MT
// stand-in (random weights, real architecture, q8, the hub's file layout), plus memory and rerun
// figures of the runner. The runner also runs on the stand-in's earlier layout (separate lm_head,
// nothing to prepare), alternating with the main runs, to show what the hub's layout costs it.
// The full bench (not --quick) adds (f): the shipped pipeline on stand-ins of all six models.
// (h): the same articles through 1 and 2 queue workers, and the queue's cost per document.
// (i): the peer row, Hugging Face transformers (PyTorch) on the stand-in's weights, when a Python
// with torch is found (bench/peer/peer-bench.ts).
// Every measurement runs in its own process, one after the other, so none disturbs another.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { batchedSorted, naiveLoop } from './baselines.ts';
import { memoryProject, memoryRun } from './memory-bench.ts';
import { preparedSubfolder } from '../src/inference/q8-prepare.ts';
import { ensureBenchModel } from './model/build.ts';
import type { Layout } from './model/config.ts';
import { peerBench, peerLines } from './peer/peer-bench.ts';
import { queueBench, queueLines } from './queue-bench.ts';
import { DEFAULT_RUNNER, runnerBench } from './runner-bench.ts';
import { benchSegments } from './segments.ts';
import { startupBench, startupLines } from './startup.ts';

const SEGMENTS = 200;
const quick = process.argv.includes('--quick');
const here = path.dirname(fileURLToPath(import.meta.url));

interface Speed {
  seconds: number;
  loadSeconds: number;
  segments: number;
  outputTokens: number;
  peakRssMB: number;
}

/** Child side: one measurement, printed as a RESULT line. */
async function child(kind: string, arg?: string): Promise<void> {
  const segments = benchSegments(SEGMENTS);
  const rss = () => process.resourceUsage().maxRSS / 1024;
  let out: unknown;
  if (kind === 'naive' || kind === 'batched') {
    const r = kind === 'naive' ? await naiveLoop(segments, 'q8') : await batchedSorted(segments, 'q8', DEFAULT_RUNNER.batchSize);
    out = { seconds: r.seconds, loadSeconds: r.loadSeconds, segments: r.segments, outputTokens: r.outputTokens, peakRssMB: rss() };
  } else if (kind === 'runner') {
    const r = await runnerBench(segments, DEFAULT_RUNNER, arg as Layout);
    // This process plus the model worker processes, each with its own copy of the model.
    out = { seconds: r.seconds, loadSeconds: r.loadSeconds, segments: r.segments, outputTokens: r.outputTokens, peakRssMB: rss() + r.workersPeakMB };
  } else if (kind === 'memory') {
    out = await memoryRun(arg!);
  }
  process.stdout.write(`\nRESULT ${JSON.stringify(out)}\n`);
  process.exit(0);
}

function run<T>(kind: string, arg?: string): Promise<T & { wallSeconds: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', kind, ...(arg ? [arg] : [])], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`${kind}: exited ${code}\n${out}`));
      else resolve({ ...(JSON.parse(line.slice(7)) as T), wallSeconds: (performance.now() - t0) / 1000 });
    });
  });
}

const median = <T>(xs: T[], key: (x: T) => number): T => [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)];

async function speed(kind: string, repeats: number): Promise<Speed> {
  const runs: Speed[] = [];
  for (let i = 0; i < repeats; i++) runs.push(await run<Speed>(kind));
  return median(runs, (r) => r.seconds);
}

/** The runner on both layouts, alternating runs so a busy spell weighs on both alike. */
async function runnerSpeeds(repeats: number): Promise<Record<Layout, Speed>> {
  const runs: Record<Layout, Speed[]> = { tied: [], separate: [] };
  for (let i = 0; i < repeats; i++) for (const layout of ['tied', 'separate'] as const) runs[layout].push(await run<Speed>('runner', layout));
  return { tied: median(runs.tied, (r) => r.seconds), separate: median(runs.separate, (r) => r.seconds) };
}

async function main(): Promise<void> {
  const started = performance.now();
  // Runs per setup, median taken: this machine's timings vary by ±10 % from run to run. --quick
  // runs the slow naive loop once and the runner twice per layout, to finish in under 3 minutes.
  const repeats = { naive: quick ? 1 : 3, batched: 3, runner: quick ? 2 : 3 };
  // First, while nothing else of the bench has warmed the machine: commands that load no model.
  process.stderr.write('bench: (g) start-up of --help and validate against a bare node -e 0\n');
  const startup = startupBench();
  process.stderr.write(`bench: building the stand-in model (both layouts) if needed…\n`);
  // Prepared once here, as `audarma run` does before its workers start (nothing for 'separate').
  preparedSubfolder(await ensureBenchModel(), 'q8');
  preparedSubfolder(await ensureBenchModel({ layout: 'separate' }), 'q8');
  process.stderr.write(
    `bench: (a) naive loop ×${repeats.naive}, (b) batched sorted ×${repeats.batched}, (c) audarma runner ×${repeats.runner} on the hub's layout and on the separate-lm_head one — ${SEGMENTS} segments, q8, median\n`,
  );
  const naive = await speed('naive', repeats.naive);
  const batched = await speed('batched', repeats.batched);
  const { tied: runner, separate: runnerSeparate } = await runnerSpeeds(repeats.runner);

  process.stderr.write('bench: (d) peak RSS for 100 and 1,000 articles, (e) unchanged rerun of 1,000\n');
  const small = mkdtempSync(path.join(tmpdir(), 'audarma-bench-100-'));
  const large = mkdtempSync(path.join(tmpdir(), 'audarma-bench-1000-'));
  memoryProject(small, 100);
  memoryProject(large, 1000);
  const rss100 = await run<{ peakRssMB: number; seconds: number }>('memory', small);
  const rss1000 = await run<{ peakRssMB: number; seconds: number }>('memory', large);
  const rerun = await run<{ peakRssMB: number; seconds: number }>('memory', large);
  const rerunReport = JSON.parse(readFileSync(path.join(large, 'out', 'run-report.json'), 'utf8'));
  // (f) takes several minutes and ~2 GB of models: full runs only (loaded only then, so the
  // quick bench's child processes do not import the CLI).
  const pipelineModule = quick ? undefined : await import('./pipeline-bench.ts');
  const pipeline = pipelineModule && (await pipelineModule.pipelineBench());
  // (h) queue workers on a redis-server of its own (bench/queue-bench.ts, also runnable alone).
  const queue = await queueBench();
  // (i) Each side in processes of its own, one after the other, audarma and HF alternating.
  const peer = await peerBench(quick);

  const tps = (s: Speed) => s.outputTokens / s.seconds;
  const results = {
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version },
    quick,
    repeats,
    segments: SEGMENTS,
    runner: DEFAULT_RUNNER,
    naive: { ...naive, tokensPerSecond: tps(naive), segmentsPerSecond: naive.segments / naive.seconds },
    batched: { ...batched, tokensPerSecond: tps(batched), segmentsPerSecond: batched.segments / batched.seconds },
    audarma: { ...runner, tokensPerSecond: tps(runner), segmentsPerSecond: runner.segments / runner.seconds },
    audarmaSeparateHead: { ...runnerSeparate, tokensPerSecond: tps(runnerSeparate), segmentsPerSecond: runnerSeparate.segments / runnerSeparate.seconds },
    ratios: {
      vsNaive: (naive.seconds / runner.seconds) * (runner.outputTokens / naive.outputTokens),
      vsBatched: (batched.seconds / runner.seconds) * (runner.outputTokens / batched.outputTokens),
      hubVsSeparateHead: tps(runner) / tps(runnerSeparate),
    },
    rssMB: { docs100: rss100.peakRssMB, docs1000: rss1000.peakRssMB, ratio: rss1000.peakRssMB / rss100.peakRssMB },
    rerun1000Seconds: rerun.wallSeconds,
    rerun1000: { runSeconds: rerun.seconds, documents: rerunReport.documents, segments: rerunReport.segments },
    pipeline,
    queue,
    peer,
    startup,
    totalSeconds: (performance.now() - started) / 1000,
  };
  writeFileSync(path.join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');

  const row = (name: string, s: Speed) =>
    `| ${name.padEnd(42)} | ${s.seconds.toFixed(2).padStart(7)} | ${tps(s).toFixed(0).padStart(6)} | ${(s.segments / s.seconds).toFixed(1).padStart(6)} | ${s.loadSeconds.toFixed(2).padStart(6)} | ${s.peakRssMB.toFixed(0).padStart(6)} |`;
  const lines = [
    `| setup (q8, ${SEGMENTS} segments, median)   | seconds | tok/s  | seg/s  | load s | RSS MB |`,
    `|${'-'.repeat(44)}|---------|--------|--------|--------|--------|`,
    row(`(a) naive loop, one call/segment ×${repeats.naive}`, naive),
    row(`(b) batched ${DEFAULT_RUNNER.batchSize}, sorted ×${repeats.batched}`, batched),
    row(`(c) audarma runner, ${DEFAULT_RUNNER.workers} workers ×${repeats.runner}`, runner),
    row(`(c') same, separate-lm_head layout ×${repeats.runner}`, runnerSeparate),
    '',
    `(a)–(c): the hub's file layout (tied q8 lm_head, prepared by audarma); (c'): the stand-in's earlier layout`,
    `(c) load s: starting ${DEFAULT_RUNNER.workers} worker processes, loading the model in each and a warm-up batch; RSS: all processes together`,
    `ratios: c/a ${results.ratios.vsNaive.toFixed(2)} (target ≥ 4), c/b ${results.ratios.vsBatched.toFixed(2)} (target ≥ 1.2), c/c' ${results.ratios.hubVsSeparateHead.toFixed(2)} (target ≥ 0.95)`,
    `(d) peak RSS: 100 articles ${rss100.peakRssMB.toFixed(0)} MB, 1,000 articles ${rss1000.peakRssMB.toFixed(0)} MB, ratio ${results.rssMB.ratio.toFixed(2)} (target ≤ 1.1)`,
    `(e) unchanged rerun of 1,000 articles: ${rerun.wallSeconds.toFixed(2)} s wall, process start included (target < 5 s); ` +
      `${rerunReport.documents.unchanged} unchanged, ${rerunReport.segments.translated} segments through a model`,
    ...(pipelineModule && pipeline ? pipelineModule.pipelineLines(pipeline) : ['(f) shipped pipeline on six stand-ins: full bench only']),
    ...queueLines(queue),
    ...peerLines(peer),
    ...startupLines(startup),
    `total ${results.totalSeconds.toFixed(0)} s; written to bench/results.json`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

if (process.argv.includes('--child')) {
  const i = process.argv.indexOf('--child');
  await child(process.argv[i + 1], process.argv[i + 2]);
} else {
  await main();
}
