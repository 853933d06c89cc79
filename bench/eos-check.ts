// npx tsx bench/eos-check.ts — what the `</s>` forcing (embedding.ts) does and costs on the
// real-sized stand-in, 16 bench segments, greedy, onnxruntime directly:
// 1. Resolution: the fp32 decoder, with the hidden state entering the lm_head added as an output.
//    Per step, DynamicQuantizeLinear's per-tensor scale over the whole state against the scale
//    over its ordinary features alone (the `</s>` features left out): 1.00 means the forcing costs
//    the other features no resolution. And the `</s>` logit against the best other token: below
//    it before n_b, above it from n_b on, with the smallest margin seen.
// 2. Cost: a profile of the prepared q8 decoder (the form every bench arm runs), with-past steps
//    at batch 16 on one thread: the share of node time spent in the 'eos/' nodes.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, env, LogLevel } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { preparedSubfolder } from '../src/inference/q8-prepare.ts';
import { benchSegments } from './segments.ts';
import { BENCH_MODEL_DIR, BENCH_MODEL_ID, ensureBenchModel } from './model/build.ts';
import { ids, OPUS_MT_DIMS as d } from './model/config.ts';
import { EOS_VALUE } from './model/embedding.ts';
import { encodeModel, onnx, valueInfo } from './model/onnx-graph.ts';

const B = 16;
const H = d.heads;
const hd = d.dModel / d.heads;
const k = d.eosFeatures;
const { eos, pad } = ids(d);
type Feeds = Record<string, ort.Tensor>;

/** The decoder's bytes with each branch's lm_head input also returned, as graph output 'h'. */
function withHiddenOutput(bytes: Uint8Array): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  const ifNode = model.graph!.node!.find((n) => n.opType === 'If')!;
  for (const a of ifNode.attribute!) {
    const mm = a.g!.node!.find((n) => n.name === '/lm_head/MatMul')!;
    a.g!.output!.push(valueInfo(mm.input![0], 'float32'));
  }
  ifNode.output!.push('h');
  model.graph!.output!.push(valueInfo('h', 'float32'));
  return encodeModel(model);
}

const i64 = (data: number[], dims: number[]) => new ort.Tensor('int64', BigInt64Array.from(data.map(BigInt)), dims);
const empty = (len: number) => new ort.Tensor('float32', new Float32Array(B * H * len * hd), [B, H, len, hd]);

/** Runs the decoder greedily for `steps` steps; calls `each(outputs, step)` after every step. */
async function decode(session: ort.InferenceSession, enc: Feeds, steps: number, each: (o: Feeds, step: number) => void) {
  let tokens = new Array<number>(B).fill(pad);
  const past: Feeds = {};
  for (let i = 0; i < d.decoderLayers; i++)
    for (const kind of ['decoder', 'encoder']) for (const kv of ['key', 'value']) past[`past_key_values.${i}.${kind}.${kv}`] = empty(0);
  for (let step = 0; step < steps; step++) {
    const o = await session.run({ ...enc, ...past, input_ids: i64(tokens, [B, 1]), use_cache_branch: new ort.Tensor('bool', [step > 0], [1]) });
    each(o, step);
    const logits = o.logits.data as Float32Array;
    tokens = tokens.map((_, b) => {
      let best = 0;
      for (let v = 1; v < d.vocabSize; v++) if (logits[b * d.vocabSize + v] > logits[b * d.vocabSize + best]) best = v;
      return best;
    });
    for (const name of Object.keys(past)) if (step === 0 || name.includes('.decoder.')) past[name] = o[name.replace('past_key_values', 'present')];
  }
}

const dir = await ensureBenchModel({ fp32: true });
env.localModelPath = BENCH_MODEL_DIR;
env.allowRemoteModels = false;
env.logLevel = LogLevel.ERROR;
const tokenizer = (await AutoTokenizer.from_pretrained(BENCH_MODEL_ID)) as unknown as (
  t: string[],
  o: object,
) => { input_ids: ort.Tensor; attention_mask: ort.Tensor };
const batch = tokenizer(benchSegments(B), { padding: true });
const mask = new ort.Tensor('int64', batch.attention_mask.data as BigInt64Array, batch.attention_mask.dims as number[]);
const srcTokens = Array.from({ length: B }, (_, b) =>
  (mask.data as BigInt64Array).slice(b * mask.dims[1], (b + 1) * mask.dims[1]).reduce((a, x) => a + Number(x), 0),
);
const nb = srcTokens.map((n) => Math.ceil(d.eosRatio * (n - 1)));
const steps = Math.max(...nb) + 2;
const opts: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1 };
const encoder = await ort.InferenceSession.create(join(dir, 'onnx/encoder_model.onnx'), opts);
const states = (
  await encoder.run({ input_ids: new ort.Tensor('int64', batch.input_ids.data as BigInt64Array, batch.input_ids.dims as number[]), attention_mask: mask })
).last_hidden_state;
const enc: Feeds = { encoder_attention_mask: mask, encoder_hidden_states: states };

// 1. Resolution and margins, fp32.
const decoder = await ort.InferenceSession.create(withHiddenOutput(readFileSync(join(dir, 'onnx/decoder_model_merged.onnx'))), opts);
const ratios: number[] = [];
let normalAbsMax = 0;
let worst = Infinity;
let wrong = 0;
await decode(decoder, enc, steps, (o, step) => {
  const h = o.h.data as Float32Array;
  const D = d.dModel;
  let [lo, hi, loAll, hiAll] = [0, 0, 0, 0];
  for (let i = 0; i < h.length; i++) {
    const ordinary = i % D < D - k;
    if (ordinary) [lo, hi] = [Math.min(lo, h[i]), Math.max(hi, h[i])];
    [loAll, hiAll] = [Math.min(loAll, h[i]), Math.max(hiAll, h[i])];
  }
  normalAbsMax = Math.max(normalAbsMax, -lo, hi);
  ratios.push((hiAll - loAll) / (hi - lo));
  const logits = o.logits.data as Float32Array;
  for (let b = 0; b < B; b++) {
    const row = logits.subarray(b * d.vocabSize, (b + 1) * d.vocabSize);
    let other = -Infinity;
    for (let v = 0; v < d.vocabSize; v++) if (v !== eos && row[v] > other) other = row[v];
    const margin = (row[eos] - other) * (step < nb[b] ? -1 : 1); // > 0: banned / forced as meant
    if (margin <= 0) wrong++;
    worst = Math.min(worst, margin);
  }
});
await decoder.release();
const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
console.log(
  `resolution: ${steps} steps × ${B} rows; DynamicQuantizeLinear scale, whole state / ordinary features: mean ${mean.toFixed(3)}, max ${Math.max(...ratios).toFixed(3)}`,
);
console.log(`  ordinary features reach |h| = ${normalAbsMax.toFixed(2)}; the ${k} </s> features are ±${EOS_VALUE}`);
console.log(`</s> logit vs best other token: ${wrong} rows×steps on the wrong side; smallest margin ${worst.toFixed(2)}`);

// 2. Cost per step, prepared q8 decoder, profiled.
const prefix = join(mkdtempSync(join(tmpdir(), 'eos-profile-')), 'p');
const folder = preparedSubfolder(dir, 'q8');
const q8 = await ort.InferenceSession.create(join(dir, folder, 'decoder_model_merged_quantized.onnx'), {
  ...opts,
  enableProfiling: true,
  profileFilePrefix: prefix,
});
const started = performance.now();
await decode(q8, enc, steps, () => {});
const wall = (performance.now() - started) / steps;
q8.endProfiling();
await q8.release();
const profileDir = join(prefix, '..');
const file = readdirSync(profileDir).find((f) => f.endsWith('.json'))!;
const events = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as { cat: string; name: string; dur: number }[];
const nodes = events.filter((e) => e.cat === 'Node' && e.name.endsWith('_kernel_time'));
const total = nodes.reduce((a, e) => a + e.dur, 0);
const eosTime = nodes.filter((e) => e.name.includes('eos/')).reduce((a, e) => a + e.dur, 0);
console.log(
  `cost (${folder}, batch ${B}, 1 thread): ${(wall).toFixed(1)} ms per step wall; 'eos/' nodes ${(eosTime / steps / 1000).toFixed(3)} ms per step = ${((100 * eosTime) / total).toFixed(2)} % of node time`,
);
