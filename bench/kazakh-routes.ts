// French -> Kazakh on the real-sized stand-ins of the two multilingual routes: NLLB-200-distilled-600M
// (config.yaml) and M2M100-418M (config.commercial.yaml). Output tokens per wall second and per CPU
// second, load time and peak RSS, each model in its own process, one after the other:
//   npx tsx bench/kazakh-routes.ts [--segments 16] [--threads 1]
// The same bench segments, length-sorted batches of 8 (the shipped batchSize), greedy, the q8
// decoder audarma prepares. CPU seconds say more than wall seconds on a shared machine: other
// work stretches the wall time, much less the CPU time the model itself takes.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { env, LogLevel, pipeline } from '@huggingface/transformers';
import { preparedSubfolder } from '../src/inference/q8-prepare.ts';
import { BENCH_MODEL_DIR } from './model/build.ts';
import { benchSegments } from './segments.ts';
import { ensureStandIn, STAND_IN_IDS, type StandIn } from './stand-ins.ts';

const ROUTES: { name: StandIn; src: string; tgt: string }[] = [
  { name: 'nllb-200-distilled-600M', src: 'fra_Latn', tgt: 'kaz_Cyrl' },
  { name: 'm2m100_418M', src: 'fr', tgt: 'kk' },
];

interface Measured {
  model: string;
  outTokens: number;
  seconds: number;
  cpuSeconds: number;
  tokPerSecond: number;
  tokPerCpuSecond: number;
  loadSeconds: number;
  peakRssMB: number;
}

type Pipe = ((texts: string[], o: object) => Promise<unknown>) & {
  tokenizer: { encode(t: string): number[]; _build_translation_inputs(t: string[], o: object, g: Record<string, unknown>): object };
  model: { generate(o: object): Promise<{ tolist(): bigint[][] }> };
};

async function measure(route: (typeof ROUTES)[number], segments: number, threads: number): Promise<Measured> {
  env.localModelPath = BENCH_MODEL_DIR;
  env.allowRemoteModels = false;
  env.logLevel = LogLevel.ERROR;
  const id = STAND_IN_IDS[route.name];
  const t0 = performance.now();
  const subfolder = preparedSubfolder(join(BENCH_MODEL_DIR, id), 'q8');
  const options = { dtype: 'q8', subfolder, session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 } };
  const pipe = (await pipeline('translation', id, options as Parameters<typeof pipeline>[2])) as unknown as Pipe;
  const loadSeconds = (performance.now() - t0) / 1000;
  const texts = benchSegments(segments);
  const gen = { src_lang: route.src, tgt_lang: route.tgt, num_beams: 1, max_new_tokens: 200 };
  await pipe(texts.slice(0, 2), gen);
  const lengths = texts.map((t) => pipe.tokenizer.encode(t).length);
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a] - lengths[b]);
  let outTokens = 0;
  const c0 = process.cpuUsage();
  const t1 = performance.now();
  for (let i = 0; i < order.length; i += 8) {
    // _build_translation_inputs sets forced_bos_token_id (the target language) on `g`.
    const g: Record<string, unknown> = { ...gen };
    const inputs = pipe.tokenizer._build_translation_inputs(
      order.slice(i, i + 8).map((j) => texts[j]),
      { padding: true, truncation: true },
      g,
    );
    for (const row of (await pipe.model.generate({ ...inputs, ...g })).tolist()) {
      const end = row.map(Number).indexOf(2, 1);
      outTokens += end < 0 ? row.length - 1 : end;
    }
  }
  const seconds = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    model: id,
    outTokens,
    seconds,
    cpuSeconds,
    tokPerSecond: outTokens / seconds,
    tokPerCpuSecond: outTokens / cpuSeconds,
    loadSeconds,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

const here = fileURLToPath(import.meta.url);
const arg = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);

function child(index: number, segments: number, threads: number): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, here, '--child', String(index), '--segments', String(segments), '--threads', String(threads)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`kazakh-routes child exited ${code}\n${out}`));
      else resolve(JSON.parse(line.slice(7)) as Measured);
    });
  });
}

if (process.argv.includes('--child')) {
  const r = await measure(ROUTES[arg('--child', 0)], arg('--segments', 16), arg('--threads', 1));
  process.stdout.write(`RESULT ${JSON.stringify(r)}\n`);
  process.exit(0);
} else if (process.argv[1] === here) {
  const segments = arg('--segments', 16);
  const threads = arg('--threads', 1);
  for (const r of ROUTES) await ensureStandIn(r.name);
  for (let i = 0; i < ROUTES.length; i++) {
    const m = await child(i, segments, threads);
    process.stdout.write(
      `${m.model}: ${m.outTokens} tokens in ${m.seconds.toFixed(1)} s (${m.tokPerSecond.toFixed(1)} tok/s), ${m.cpuSeconds.toFixed(1)} CPU s ` +
        `(${m.tokPerCpuSecond.toFixed(1)} tok per CPU s), load ${m.loadSeconds.toFixed(1)} s, peak RSS ${m.peakRssMB.toFixed(0)} MB\n`,
    );
  }
}
