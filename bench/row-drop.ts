// Decoder rows computed per useful row: what dropping finished rows from the batch saves. On the
// real-sized stand-in (q8, prepared decoder), the bench segments in their own order (lengths
// mixed, not sorted) in batches of 16, greedy and beam 4. "Useful" rows are the ones a decoder
// must compute: one per generated token (end token included) per row for greedy; num_beams per
// step a sentence is still open for beam search. A loop that keeps every row until the batch's
// longest has ended (transformers.js's generate, and audarma's decoder before) computes
// batch × longest. Counts, not timings: the figure does not depend on the machine's load.
//   npx tsx bench/row-drop.ts [--segments 200]
import { AutoModelForSeq2SeqLM, AutoTokenizer, env, LogLevel } from '@huggingface/transformers';
import { decode, decodeSettings, seq2seqSessions, type OrtSession } from '../src/inference/decode/index.ts';
import type { GenerationValues } from '../src/inference/logits-rules.ts';
import { preparedSubfolder } from '../src/inference/q8-prepare.ts';
import { BENCH_MODEL_DIR, BENCH_MODEL_ID, ensureBenchModel } from './model/build.ts';
import { benchSegments } from './segments.ts';

export interface RowDrop {
  beams: number;
  /** Rows the decoder ran (refetched steps included). */
  computed: number;
  useful: number;
  /** What a loop keeping ended rows until the batch's longest ended would compute. */
  keptUntilLongest: number;
}

export async function rowDrop(segments = 200, batchSize = 16): Promise<RowDrop[]> {
  const dir = await ensureBenchModel();
  env.localModelPath = BENCH_MODEL_DIR;
  env.allowRemoteModels = false;
  env.logLevel = LogLevel.ERROR;
  const session_options = { intraOpNumThreads: 1, interOpNumThreads: 1 };
  const model = (await AutoModelForSeq2SeqLM.from_pretrained(BENCH_MODEL_ID, {
    dtype: 'q8',
    subfolder: preparedSubfolder(dir, 'q8'),
    session_options,
  })) as unknown as {
    sessions: Record<string, OrtSession>;
    _prepare_generation_config(a: null, b: object): GenerationValues;
    dispose(): Promise<void>;
  };
  const tokenizer = (await AutoTokenizer.from_pretrained(BENCH_MODEL_ID)) as unknown as { encode(t: string): number[] };
  const rows = benchSegments()
    .slice(0, segments)
    .map((t) => tokenizer.encode(t));
  const sessions = seq2seqSessions(model.sessions)!;
  let computed = 0;
  // The decoder session as it is (its names are getters), with its runs counted.
  const run = sessions.decoder.run.bind(sessions.decoder) as (f: Record<string, unknown>, g?: unknown) => ReturnType<OrtSession['run']>;
  const decoder = new Proxy(sessions.decoder, {
    get: (target, key) =>
      key === 'run'
        ? (feeds: Record<string, unknown>, fetches?: unknown) => {
            computed += (feeds.input_ids as { dims: number[] }).dims[0];
            return run(feeds, fetches);
          }
        : Reflect.get(target, key),
  });
  const counted = { encoder: sessions.encoder, decoder };
  const out: RowDrop[] = [];
  for (const beams of [1, 4]) {
    const s = decodeSettings(model._prepare_generation_config(null, { num_beams: beams, max_new_tokens: 256 }))!;
    computed = 0;
    let useful = 0;
    let kept = 0;
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      const hyps = await decode(counted, batch, 59_513, s);
      // Steps each row (greedy) or sentence (beams) needed: its best hypothesis's length, end token included.
      const steps = hyps.map((h) => h[0].logprobs.length);
      useful += steps.reduce((a, b) => a + b, 0) * beams;
      kept += batch.length * beams * Math.max(...steps);
    }
    out.push({ beams, computed, useful, keptUntilLongest: kept });
  }
  await model.dispose();
  return out;
}

if (process.argv[1]?.endsWith('row-drop.ts')) {
  const at = process.argv.indexOf('--segments');
  for (const r of await rowDrop(at > 0 ? Number(process.argv[at + 1]) : 200)) {
    process.stdout.write(
      `${r.beams === 1 ? 'greedy' : `beam ${r.beams}`}: ${r.computed} decoder rows for ${r.useful} useful (${(r.computed / r.useful).toFixed(3)} per useful row); ` +
        `kept until the batch's longest: ${r.keptUntilLongest} (${(r.keptUntilLongest / r.useful).toFixed(3)})\n`,
    );
  }
}
