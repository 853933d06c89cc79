// Quick look at the raw baselines, to choose a default batch size:
//   npx tsx bench/try-baselines.ts [--segments 60] [--repeat 1] [--fp32]
// Builds the bench model if needed, then runs each setup in its own child process (clean peak
// RSS and load time) one after the other, and prints a table (median run when --repeat > 1).
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { batchedSorted, naiveLoop, type BaselineOptions, type BaselineResult, type BenchDtype } from './baselines.ts';
import { ensureBenchModel } from './model/build.ts';
import { benchSegments } from './segments.ts';

interface Setup {
  label: string;
  dtype: BenchDtype;
  batch: number | null; // null: naive loop
  generate?: Record<string, unknown>;
}

interface Measured extends Omit<BaselineResult, 'texts'> {
  peakRssMB: number;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function child(setup: Setup, n: number): Promise<void> {
  const segments = benchSegments(n);
  const opts: BaselineOptions = { generate: setup.generate };
  const r = setup.batch === null ? await naiveLoop(segments, setup.dtype, opts) : await batchedSorted(segments, setup.dtype, setup.batch, opts);
  const { texts: _texts, ...rest } = r;
  const out: Measured = { ...rest, peakRssMB: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`\nRESULT ${JSON.stringify(out)}\n`);
}

function runChild(setup: Setup, n: number): Promise<Measured> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, script, '--child', JSON.stringify(setup), '--segments', String(n)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`${setup.label}: child exited ${code}\n${out}`));
      else resolve(JSON.parse(line.slice(7)) as Measured);
    });
  });
}

const fmt = (x: number, d = 1) => x.toFixed(d).padStart(8);

async function main(): Promise<void> {
  const n = arg('--segments', 60);
  const repeat = arg('--repeat', 1);
  const fp32 = process.argv.includes('--fp32');
  const t0 = performance.now();
  await ensureBenchModel({ fp32 });
  console.log(`bench model ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const setups: Setup[] = [
    { label: 'q8 naive loop', dtype: 'q8', batch: null },
    { label: 'q8 sorted, batch 8', dtype: 'q8', batch: 8 },
    { label: 'q8 sorted, batch 16', dtype: 'q8', batch: 16 },
    { label: 'q8 sorted, batch 32', dtype: 'q8', batch: 32 },
    { label: 'q8 sorted, batch 16, num_beams 1', dtype: 'q8', batch: 16, generate: { num_beams: 1 } },
  ];
  if (fp32) {
    setups.push({ label: 'fp32 naive loop', dtype: 'fp32', batch: null });
    setups.push({ label: 'fp32 sorted, batch 16', dtype: 'fp32', batch: 16 });
  }
  console.log(`${n} segments, ${repeat} run(s) per setup, each in a fresh process\n`);
  console.log(`${'setup'.padEnd(34)}  seconds  cpu s  out tok  tok/s   seg/s   load s warmup s  RSS MB   waste  tok/s runs  load avg`);
  for (const s of setups) {
    const runs: Measured[] = [];
    for (let i = 0; i < repeat; i++) runs.push(await runChild(s, n));
    const bySpeed = [...runs].sort((a, b) => a.seconds - b.seconds);
    const m = bySpeed[Math.floor((bySpeed.length - 1) / 2)];
    const all = runs.map((r) => (r.outputTokens / r.seconds).toFixed(0)).join('/');
    console.log(
      `${s.label.padEnd(34)}${fmt(m.seconds, 2)}${fmt(m.cpuSeconds, 2)}${String(m.outputTokens).padStart(8)}${fmt(m.outputTokens / m.seconds, 0)}${fmt(m.segments / m.seconds, 2)}${fmt(m.loadSeconds, 2)}${fmt(m.warmupSeconds, 2)}${fmt(m.peakRssMB, 0)}${m.slotWaste === undefined ? '       -' : `${fmt(m.slotWaste * 100, 0)}%`}  ${all.padEnd(12)}${fmt(loadavg()[0], 1)}`,
    );
  }
}

const childIdx = process.argv.indexOf('--child');
if (childIdx >= 0) await child(JSON.parse(process.argv[childIdx + 1]) as Setup, arg('--segments', 60));
else await main();
