// The audarma side of the peer row: audarma's decoder (src/inference/decode) on the same rows,
// in the same batches, in one process with a given number of onnxruntime threads.
//   npx tsx bench/peer/audarma-peer.ts JOB.json
// JOB.json: { dtype: 'q8' | 'fp32', threads, beams, batch, rows: number[][] }. Prints READY when
// loaded and warm, waits for a line on stdin, then decodes and prints RESULT {tokens, seconds,
// cpuSeconds, outputTokens, peakRssMB}, as bench/peer/hf_peer.py does.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { AutoModelForSeq2SeqLM, env, LogLevel } from '@huggingface/transformers';
import { decode, decodeSettings, seq2seqSessions, type OrtSession } from '../../src/inference/decode/index.ts';
import type { GenerationValues } from '../../src/inference/logits-rules.ts';
import { preparedSubfolder } from '../../src/inference/q8-prepare.ts';
import { BENCH_MODEL_DIR, BENCH_MODEL_ID, ensureBenchModel } from '../model/build.ts';

interface Job {
  dtype: 'q8' | 'fp32';
  threads: number;
  beams: number;
  batch: number;
  rows: number[][];
}

const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Job;
// fp32 too, always: asking for q8 alone would drop fp32 files another process is reading.
const dir = await ensureBenchModel({ fp32: true });
env.localModelPath = BENCH_MODEL_DIR;
env.allowRemoteModels = false;
env.logLevel = LogLevel.ERROR;
const model = (await AutoModelForSeq2SeqLM.from_pretrained(BENCH_MODEL_ID, {
  dtype: job.dtype,
  subfolder: preparedSubfolder(dir, job.dtype),
  session_options: { intraOpNumThreads: job.threads, interOpNumThreads: 1 },
})) as unknown as { sessions: Record<string, OrtSession>; config: { pad_token_id: number }; _prepare_generation_config(a: null, b: object): GenerationValues };
const settings = decodeSettings(model._prepare_generation_config(null, { num_beams: job.beams }))!;
const sessions = seq2seqSessions(model.sessions)!;
const pad = model.config.pad_token_id;
await decode(sessions, job.rows.slice(0, job.batch), pad, settings); // warm-up
process.stdout.write('READY\n');
const lines = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => lines.once('line', () => resolve()));
lines.close();
const c0 = process.cpuUsage();
const t0 = performance.now();
const tokens: number[][] = [];
for (let i = 0; i < job.rows.length; i += job.batch) {
  for (const h of await decode(sessions, job.rows.slice(i, i + job.batch), pad, settings)) tokens.push(h[0].tokens);
}
const seconds = (performance.now() - t0) / 1000;
const c = process.cpuUsage(c0);
const peakRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `RESULT ${JSON.stringify({ tokens, seconds, cpuSeconds: (c.user + c.system) / 1e6, outputTokens: tokens.reduce((n, t) => n + t.length, 0), peakRssMB })}\n`,
);
process.exit(0);
