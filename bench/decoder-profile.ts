// Where a decode's time goes, on the real-sized stand-in (q8, prepared decoder), 1 ORT thread,
// the bench segments in length-sorted batches of 16 as the runner makes them:
//   npx tsx bench/decoder-profile.ts [--profile] [--beams 4] [--batch 16] [--segments 200]
//   npx tsx bench/decoder-profile.ts --ab [--beams 4] [--rounds 2]: whole logits every step (A)
//   against only when a rule needs them (B), interleaved, same outputs checked
// Splits wall time into the encoder's session.run, the decoder's session.run and everything else
// (feeds, Tensor wrapping, cache rows gathered, logits rules and choices in JS, garbage
// collection). With --profile, onnxruntime's own
// profiler also runs: its per-run time (inside onnxruntime) against session.run's wall time (the
// difference is the binding: setImmediate, inputs wrapped, every output copied into JS memory),
// and the per-operator shares of the decoder's node time.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { AutoModelForSeq2SeqLM, AutoTokenizer, env, LogLevel } from '@huggingface/transformers';
import { decode, decodeSettings, seq2seqSessions, type DecodeSettings, type OrtSession } from '../src/inference/decode/index.ts';
import type { GenerationValues } from '../src/inference/logits-rules.ts';
import { preparedSubfolder } from '../src/inference/q8-prepare.ts';
import { SCORES_RULE_IDS } from '../src/inference/scores-head.ts';
import { BENCH_MODEL_DIR, BENCH_MODEL_ID, ensureBenchModel } from './model/build.ts';
import { benchSegments } from './segments.ts';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const profile = process.argv.includes('--profile');
const batchSize = arg('--batch', 16);
const beams = arg('--beams', 1);

export interface Timed {
  session: OrtSession;
  ms: number;
  calls: number;
}

/** A session whose run() wall time is summed. */
export function timed(s: OrtSession, allLogits = false): Timed {
  const t: Timed = { session: s, ms: 0, calls: 0 };
  t.session = {
    inputNames: s.inputNames,
    // Without the rule tokens' ids the loop fetches the whole logits every step, as before.
    outputNames: allLogits ? s.outputNames.filter((n) => n !== SCORES_RULE_IDS) : s.outputNames,
    inputMetadata: s.inputMetadata,
    run: async (feeds, fetches) => {
      const t0 = performance.now();
      const r = await s.run(feeds, fetches);
      t.ms += performance.now() - t0;
      t.calls++;
      return r;
    },
  };
  return t;
}

/** Per-op-type node time and per-run time of one onnxruntime profile file. */
export function readProfile(file: string, skipRuns = 0): { runs: number; runMs: number; byOp: Map<string, number>; nodeMs: number; ifMs: number } {
  type Event = { cat: string; name: string; ts: number; dur: number; args?: { op_name?: string } };
  const all = (JSON.parse(readFileSync(file, 'utf8')) as Event[]).sort((a, b) => a.ts - b.ts);
  // Leave out the warm-up's runs: everything before the first measured run starts.
  const starts = all.filter((e) => e.cat === 'Session' && e.name === 'model_run').map((e) => e.ts);
  const from = skipRuns < starts.length ? starts[skipRuns] : Infinity;
  const events = all.filter((e) => e.ts >= from);
  const byOp = new Map<string, number>();
  let runMs = 0;
  let runs = 0;
  let nodeMs = 0;
  let ifMs = 0;
  for (const e of events) {
    if (e.cat === 'Session' && e.name === 'model_run') {
      runMs += e.dur / 1000;
      runs++;
    }
    if (e.cat === 'Node' && e.name.endsWith('_kernel_time')) {
      const op = e.args?.op_name ?? '?';
      // The If node's time holds its subgraph's nodes, which are listed on their own too.
      if (op === 'If') {
        ifMs += e.dur / 1000;
        continue;
      }
      byOp.set(op, (byOp.get(op) ?? 0) + e.dur / 1000);
      nodeMs += e.dur / 1000;
    }
  }
  return { runs, runMs, byOp, nodeMs, ifMs };
}

async function main(): Promise<void> {
  const dir = await ensureBenchModel();
  env.localModelPath = BENCH_MODEL_DIR;
  env.allowRemoteModels = false;
  env.logLevel = LogLevel.ERROR;
  const prefix = path.join(tmpdir(), `audarma-profile-${process.pid}`);
  const session_options = { intraOpNumThreads: 1, interOpNumThreads: 1, ...(profile ? { enableProfiling: true, profileFilePrefix: prefix } : {}) };
  const model = (await AutoModelForSeq2SeqLM.from_pretrained(BENCH_MODEL_ID, {
    dtype: 'q8',
    subfolder: preparedSubfolder(dir, 'q8'),
    session_options,
  })) as unknown as {
    sessions: Record<string, OrtSession & { endProfiling(): Promise<void> | void }>;
    _prepare_generation_config(a: null, b: object): GenerationValues;
  };
  const tokenizer = (await AutoTokenizer.from_pretrained(BENCH_MODEL_ID)) as unknown as { encode(t: string): number[] };
  const rows = benchSegments(arg('--segments', 200)).map((t) => tokenizer.encode(t));
  const sorted = [...rows].sort((a, b) => a.length - b.length);
  const settings = decodeSettings(model._prepare_generation_config(null, { num_beams: beams }))!;
  const sessions = seq2seqSessions(model.sessions)!;
  const pad = 59513;
  const warm = timed(sessions.decoder);
  await decode({ encoder: sessions.encoder, decoder: warm.session }, sorted.slice(0, batchSize), pad, settings); // warm-up

  if (process.argv.includes('--ab')) return ab(sessions, sorted, pad, settings);
  const enc = timed(sessions.encoder);
  const dec = timed(sessions.decoder);
  let tokens = 0;
  // Garbage collection pauses on this thread (they fall in "outside onnxruntime" or in a run's
  // binding, wherever the allocation that triggered them was).
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => list.getEntries().forEach((e) => (gcMs += e.duration)));
  gc.observe({ entryTypes: ['gc'] });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < sorted.length; i += batchSize) {
    const out = await decode({ encoder: enc.session, decoder: dec.session }, sorted.slice(i, i + batchSize), pad, settings);
    tokens += out.reduce((n, r) => n + r[0].tokens.length, 0);
  }
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1000;
  await new Promise((r) => setImmediate(r));
  gc.disconnect();
  const other = wall - enc.ms - dec.ms;
  const pct = (x: number) => `${((100 * x) / wall).toFixed(1)} %`;
  console.log(
    `${rows.length} segments, batch ${batchSize} sorted, ${beams > 1 ? `beam ${beams}` : 'greedy'}, ${tokens} output tokens, ${dec.calls} decoder steps: ${(wall / 1000).toFixed(2)} s, ${((tokens / wall) * 1000).toFixed(0)} tok/s; CPU ${(cpu / 1000).toFixed(2)} s, ${((tokens / cpu) * 1000).toFixed(0)} tok per CPU-second${profile ? ' (profiling on)' : ''}`,
  );
  console.log(
    `  encoder session.run ${enc.ms.toFixed(0)} ms (${pct(enc.ms)}), decoder session.run ${dec.ms.toFixed(0)} ms (${pct(dec.ms)}, ${(dec.ms / dec.calls).toFixed(2)} ms/step), outside onnxruntime ${other.toFixed(0)} ms (${pct(other)}); garbage collection ${gcMs.toFixed(0)} ms (${pct(gcMs)})`,
  );
  if (!profile) return;
  for (const key of ['model', 'decoder_model_merged']) await (model.sessions[key] as unknown as { endProfiling(): Promise<void> }).endProfiling();
  // onnxruntime names each file <prefix>_<time of load>.json; the decoder's is the one with more runs.
  const found = readdirSync(tmpdir())
    .filter((f) => path.join(tmpdir(), f).startsWith(`${prefix}_`))
    .map((f) => path.join(tmpdir(), f));
  const runsOf = (f: string) => (readFileSync(f, 'utf8').match(/"model_run"/g) ?? []).length;
  const [encFile, decFile] = found.sort((a, b) => runsOf(a) - runsOf(b));
  const files = new Map([
    ['model', encFile],
    ['decoder_model_merged', decFile],
  ]);
  const e = readProfile(files.get('model')!, 1);
  const d = readProfile(files.get('decoder_model_merged')!, warm.calls);
  console.log(
    `  inside onnxruntime (its model_run): encoder ${e.runMs.toFixed(0)} ms over ${e.runs} runs, decoder ${d.runMs.toFixed(0)} ms over ${d.runs} runs`,
  );
  console.log(
    `  binding (session.run wall − model_run): encoder ${(enc.ms - e.runMs).toFixed(0)} ms, decoder ${(dec.ms - d.runMs).toFixed(0)} ms (${((dec.ms - d.runMs) / dec.calls).toFixed(2)} ms/step, ${pct(dec.ms - d.runMs)})`,
  );
  console.log(
    `  decoder node time ${d.nodeMs.toFixed(0)} ms (${((100 * d.nodeMs) / d.runMs).toFixed(1)} % of its model_run); the If node ${d.ifMs.toFixed(0)} ms, ${(d.ifMs - d.nodeMs).toFixed(0)} ms more than its subgraph's nodes; by operator:`,
  );
  for (const [op, ms] of [...d.byOp].sort((a, b) => b[1] - a[1]).slice(0, 16))
    console.log(`    ${op.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms ${((100 * ms) / d.nodeMs).toFixed(1).padStart(5)} %`);
  for (const f of files.values()) rmSync(f, { force: true });
}

/** Decodes fetching the whole logits every step (A) and only when a rule needs them (B), A B A B. */
async function ab(sessions: { encoder: OrtSession; decoder: OrtSession }, rows: number[][], pad: number, settings: DecodeSettings): Promise<void> {
  const rounds = arg('--rounds', 2);
  const sum = { A: { wall: 0, cpu: 0, tokens: 0 }, B: { wall: 0, cpu: 0, tokens: 0 } };
  const outs: Record<string, string> = {};
  for (let r = 0; r < rounds; r++) {
    for (const v of ['A', 'B'] as const) {
      const dec = timed(sessions.decoder, v === 'A');
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const all = [];
      for (let i = 0; i < rows.length; i += batchSize)
        all.push(...(await decode({ encoder: sessions.encoder, decoder: dec.session }, rows.slice(i, i + batchSize), pad, settings)));
      const c = process.cpuUsage(c0);
      sum[v].wall += performance.now() - t0;
      sum[v].cpu += (c.user + c.system) / 1000;
      sum[v].tokens += all.reduce((n, h) => n + h[0].tokens.length, 0);
      outs[v] = JSON.stringify(all);
    }
  }
  for (const v of ['A', 'B'] as const) {
    const x = sum[v];
    console.log(
      `${v === 'A' ? 'A logits every step' : 'B logits when needed'}: ${((x.tokens / x.wall) * 1000).toFixed(0)} tok/s, ${((x.tokens / x.cpu) * 1000).toFixed(0)} tok per CPU-second`,
    );
  }
  // Same hypotheses: tokens, scores and log-probabilities.
  console.log(
    `B/A (${beams > 1 ? `beam ${beams}` : 'greedy'}): wall ${(sum.A.wall / sum.B.wall).toFixed(3)}×, CPU ${(sum.A.cpu / sum.B.cpu).toFixed(3)}×; same outputs: ${outs.A === outs.B}`,
  );
}

await main();
