// (i) The peer row: Hugging Face transformers (PyTorch, CPU) on the stand-in's own weights against
// audarma's decoder, on the same rows in the same length-sorted batches, with the same generated
// lengths (bench/peer/hf_peer.py explains how). Runs when a Python with torch, transformers and
// onnx is found (AUDARMA_HF_PYTHON, else /tmp/hf/bin/python); says so when not. To make one:
//   python3 -m venv /tmp/hf && /tmp/hf/bin/pip install torch --index-url https://download.pytorch.org/whl/cpu
//   /tmp/hf/bin/pip install transformers onnx sentencepiece
// Also runnable alone: npx tsx bench/peer/peer-bench.ts [--quick], or with --profile-hf for
// torch's per-operator profile of HF int8.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env, LogLevel } from '@huggingface/transformers';
import { BENCH_MODEL_DIR, BENCH_MODEL_ID, ensureBenchModel } from '../model/build.ts';
import { benchSegments } from '../segments.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const BATCH = 16;

export interface Side {
  who: 'audarma' | 'hf';
  /** audarma: q8 or fp32; HF: int8 (quantize_dynamic) or fp32. */
  dtype: 'q8' | 'fp32' | 'int8';
  processes: number;
  threads: number;
  beams: number;
}

export interface SideResult extends Side {
  tokens: number[][];
  /** Wall time from the go to the last process's end (load and warm-up not included). */
  seconds: number;
  outputTokens: number;
  tokensPerSecond: number;
  /** Output tokens per CPU-second of the processes together: steadier than wall time on a busy machine. */
  tokensPerCpuSecond: number;
  /** Peak RSS of the processes together. */
  peakRssMB: number;
}

export const sideName = (s: Side) =>
  `${s.who === 'hf' ? `HF ${s.dtype}` : `audarma ${s.dtype}`} ${s.beams > 1 ? `beam ${s.beams}` : 'greedy'}, ${s.processes} proc × ${s.threads} thr`;

export function hfPython(): string | undefined {
  const python = process.env.AUDARMA_HF_PYTHON ?? '/tmp/hf/bin/python';
  if (!existsSync(python)) return undefined;
  const ok = spawnSync(python, ['-c', 'import torch, transformers, onnx'], { stdio: 'ignore' });
  return ok.status === 0 ? python : undefined;
}

interface ChildResult {
  tokens: number[][];
  seconds: number;
  cpuSeconds: number;
  outputTokens: number;
  peakRssMB: number;
}

/** Starts one process of a side; resolves `ready` when it is loaded and warm. */
function start(side: Side, rows: number[][], lengths: number[] | undefined, python: string, profile: boolean) {
  const dir = mkdtempSync(path.join(tmpdir(), 'audarma-peer-'));
  const file = path.join(dir, 'job.json');
  const job = {
    model: path.join(BENCH_MODEL_DIR, BENCH_MODEL_ID),
    dtype: side.dtype,
    threads: side.threads,
    beams: side.beams,
    batch: BATCH,
    rows,
    lengths,
    profile,
  };
  writeFileSync(file, JSON.stringify(job));
  const p =
    side.who === 'hf'
      ? spawn(python, [path.join(here, 'hf_peer.py'), file], {
          stdio: ['pipe', 'pipe', 'inherit'],
          env: { ...process.env, OMP_NUM_THREADS: String(side.threads) },
        })
      : spawn(process.execPath, [...process.execArgv, path.join(here, 'audarma-peer.ts'), file], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  let onReady: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  p.stdout.on('data', (b: Buffer) => {
    out += b.toString();
    if (out.includes('READY\n')) onReady();
  });
  const done = new Promise<ChildResult>((resolve, reject) =>
    p.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`${sideName(side)}: exited ${code}\n${out.slice(-2000)}`));
      else resolve(JSON.parse(line.slice(7)) as ChildResult);
    }),
  );
  return { ready, done, go: () => p.stdin.end('go\n') };
}

/** Runs a side on `rows` (batches of 16 dealt out in turn to its processes), all processes at once. */
export async function runSide(side: Side, rows: number[][], python: string, lengths?: number[], profile = false): Promise<SideResult> {
  const batches = Array.from({ length: Math.ceil(rows.length / BATCH) }, (_, i) => i);
  const mine = (p: number) => batches.filter((b) => b % side.processes === p);
  const pick = <T>(xs: T[], p: number) => mine(p).flatMap((b) => xs.slice(b * BATCH, (b + 1) * BATCH));
  const procs = Array.from({ length: side.processes }, (_, p) => start(side, pick(rows, p), lengths && pick(lengths, p), python, profile));
  await Promise.all(procs.map((p) => p.ready));
  const t0 = performance.now();
  procs.forEach((p) => p.go());
  const results = await Promise.all(procs.map((p) => p.done));
  const seconds = (performance.now() - t0) / 1000;
  // Back in input order.
  const tokens: number[][] = new Array(rows.length);
  results.forEach((r, p) => mine(p).forEach((b, j) => r.tokens.slice(j * BATCH, (j + 1) * BATCH).forEach((t, k) => (tokens[b * BATCH + k] = t))));
  const outputTokens = tokens.reduce((n, t) => n + t.length, 0);
  const cpu = results.reduce((n, r) => n + r.cpuSeconds, 0);
  return {
    ...side,
    tokens,
    seconds,
    outputTokens,
    tokensPerSecond: outputTokens / seconds,
    tokensPerCpuSecond: outputTokens / cpu,
    peakRssMB: results.reduce((n, r) => n + r.peakRssMB, 0),
  };
}

const sameRows = (a: number[][], b: number[][]) => a.filter((t, i) => JSON.stringify(t) === JSON.stringify(b[i])).length;

export interface PeerResults {
  available: boolean;
  load?: string;
  rows?: number;
  equality?: { fp32Greedy: number; q8Int8Greedy: number; q8Int8Beam4: number };
  runs?: Array<Omit<SideResult, 'tokens'>>;
  /** audarma q8 / HF int8, 2 processes × 1 thread, per round: by wall time and by CPU time. */
  ratios?: { greedy: number[]; beam4: number[]; greedyCpu: number[]; beam4Cpu: number[] };
}

/** The bench segments as token ids, sorted by length as the runner batches them. */
async function benchRows(n: number): Promise<number[][]> {
  env.localModelPath = BENCH_MODEL_DIR;
  env.allowRemoteModels = false;
  env.logLevel = LogLevel.ERROR;
  const tokenizer = (await AutoTokenizer.from_pretrained(BENCH_MODEL_ID)) as unknown as { encode(t: string): number[] };
  return benchSegments(n)
    .map((t) => tokenizer.encode(t))
    .sort((a, b) => a.length - b.length);
}

export async function peerBench(quick = false): Promise<PeerResults> {
  const python = hfPython();
  if (!python) return { available: false };
  await ensureBenchModel({ fp32: true });
  const rows = await benchRows(200);
  const log = (s: string) => process.stderr.write(`bench: (i) ${s}\n`);
  const runs: SideResult[] = [];
  const load = () =>
    spawnSync('uptime', { encoding: 'utf8' })
      .stdout.trim()
      .replace(/.*load average:/, 'load');
  const go = async (side: Side, lengths?: number[]) => {
    log(sideName(side));
    const r = await runSide(side, rows, python, lengths);
    log(`  ${r.tokensPerSecond.toFixed(0)} tok/s, ${r.tokensPerCpuSecond.toFixed(0)} tok per CPU-second, peak RSS ${r.peakRssMB.toFixed(0)} MB (${load()})`);
    runs.push(r);
    return r;
  };
  const lengthsOf = (r: SideResult) => r.tokens.map((t) => t.length);
  const loadBefore = load();
  // Equality: greedy tokens, fp32 against fp32 and q8 against int8, with audarma's lengths. One
  // thread each: two-thread OpenMP crawls when the machine is busy.
  const a32 = await go({ who: 'audarma', dtype: 'fp32', processes: 1, threads: 1, beams: 1 });
  const h32 = await go({ who: 'hf', dtype: 'fp32', processes: 1, threads: 1, beams: 1 }, lengthsOf(a32));
  const ratios = { greedy: [] as number[], beam4: [] as number[], greedyCpu: [] as number[], beam4Cpu: [] as number[] };
  let equality = { fp32Greedy: sameRows(h32.tokens, a32.tokens), q8Int8Greedy: 0, q8Int8Beam4: 0 };
  // Throughput, audarma q8 against HF int8, alternating A B A B, greedy and beam 4.
  for (let round = 0; round < (quick ? 1 : 2); round++) {
    for (const beams of [1, 4]) {
      // One process × 2 threads against two × 1: the first round, greedy (and beam 4 in full runs).
      for (const [processes, threads] of round === 0 && (beams === 1 || !quick)
        ? [
            [2, 1],
            [1, 2],
          ]
        : [[2, 1]]) {
        const a = await go({ who: 'audarma', dtype: 'q8', processes, threads, beams });
        const h = await go({ who: 'hf', dtype: 'int8', processes, threads, beams }, lengthsOf(a));
        if (round === 0 && processes === 2) equality = { ...equality, [beams === 1 ? 'q8Int8Greedy' : 'q8Int8Beam4']: sameRows(h.tokens, a.tokens) };
        if (processes === 2) {
          ratios[beams === 1 ? 'greedy' : 'beam4'].push(a.tokensPerSecond / h.tokensPerSecond);
          ratios[beams === 1 ? 'greedyCpu' : 'beam4Cpu'].push(a.tokensPerCpuSecond / h.tokensPerCpuSecond);
        }
      }
    }
  }
  if (!quick) {
    await go({ who: 'hf', dtype: 'fp32', processes: 2, threads: 1, beams: 1 }, lengthsOf(a32));
    await go({ who: 'hf', dtype: 'fp32', processes: 2, threads: 1, beams: 4 }, lengthsOf(runs.find((r) => r.who === 'audarma' && r.beams === 4)!));
  }
  return {
    available: true,
    load: `${loadBefore} before, ${load()} after`,
    rows: rows.length,
    equality,
    runs: runs.map(({ tokens: _, ...r }) => r),
    ratios,
  };
}

const fmt = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');

export function peerLines(p: PeerResults): string[] {
  if (!p.available)
    return [
      '(i) peer row (Hugging Face transformers, PyTorch): skipped, no Python with torch, transformers and onnx (set AUDARMA_HF_PYTHON; bench/peer/peer-bench.ts says how to make one)',
    ];
  const e = p.equality!;
  return [
    `(i) peer: HF transformers (PyTorch CPU) on the stand-in's weights, ${p.rows} rows in batches of ${BATCH}, same generated lengths; ${p.load}`,
    `    greedy tokens equal to audarma's: fp32 ${e.fp32Greedy}/${p.rows}, q8 vs int8 ${e.q8Int8Greedy}/${p.rows}; beam 4 q8 vs int8 ${e.q8Int8Beam4}/${p.rows}`,
    ...p.runs!.map(
      (r) =>
        `    ${sideName(r).padEnd(40)} ${r.tokensPerSecond.toFixed(0).padStart(6)} tok/s ${r.tokensPerCpuSecond.toFixed(0).padStart(5)} tok/CPU-s  ${r.seconds.toFixed(2).padStart(6)} s  peak RSS ${r.peakRssMB.toFixed(0)} MB`,
    ),
    `    audarma q8 / HF int8, 2 proc × 1 thr, per round: greedy ${fmt(p.ratios!.greedy)} (CPU ${fmt(p.ratios!.greedyCpu)}); beam 4 ${fmt(p.ratios!.beam4)} (CPU ${fmt(p.ratios!.beam4Cpu)}); target ≥ 1.5`,
  ];
}

/** --profile-hf: torch's per-operator profile of HF int8 greedy on the first 48 rows (stderr). */
async function profileHf(): Promise<void> {
  const python = hfPython();
  if (!python) throw new Error('no Python with torch, transformers and onnx');
  const rows = (await benchRows(200)).slice(0, 48);
  const side = { processes: 1, threads: 1, beams: 1 } as const;
  const a = await runSide({ who: 'audarma', dtype: 'q8', ...side }, rows, python);
  const h = await runSide(
    { who: 'hf', dtype: 'int8', ...side },
    rows,
    python,
    a.tokens.map((t) => t.length),
    true,
  );
  process.stdout.write(`48 rows: audarma q8 ${a.tokensPerSecond.toFixed(0)} tok/s, HF int8 ${h.tokensPerSecond.toFixed(0)} tok/s (profiling on)\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--profile-hf')) await profileHf();
  else {
    const r = await peerBench(process.argv.includes('--quick'));
    process.stdout.write(peerLines(r).join('\n') + '\n');
  }
}
