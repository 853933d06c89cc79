// The shipped pipeline end to end on real-sized stand-ins of its six models: articles per hour of
// `audarma run` (the CLI itself, with the shipped config's models, dtypes, batch sizes and
// 2 workers × 1 thread) on seed-sized French articles, against a naive transformers.js loop over
// the same models (pipeline-naive.ts). Full bench only: it builds ~2 GB of models once and runs
// for several minutes. Also runnable alone: npx tsx bench/pipeline-bench.ts [--articles N] [--naive N]
// [--config config.commercial.yaml] (the commercial config: M2M100-418M for Kazakh); with
// --decoding-cost [--articles N] it compares greedy decoding with the models' own beams instead.
//
// Articles per hour, steady state: each `audarma run` pays process start, six model loads in each
// worker and the first batches; (N − 1) articles cost T(N) − T(1), so the rate excludes that fixed
// cost. Both runs start cold (fresh process, output and cache folders). The rate including it,
// N / T(N), is what one cron run of N articles pays.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main as cli } from '../src/cli/main.ts';
import { preparedSubfolder } from '../src/inference/q8-prepare.ts';
import type { RunReport } from '../src/output/report-schema.ts';
import { ensureStandIns, STAND_IN_IDS } from './stand-ins.ts';
import { naivePipelineLoop, type NaiveResult } from './pipeline-naive.ts';
import { writeArticles, writeBenchProject, type Decoding } from './pipeline-project.ts';

interface CliRun {
  seconds: number;
  exitCode: number;
  report: Pick<RunReport, 'documents' | 'segments' | 'summaries' | 'stages' | 'flags' | 'targets'>;
}

export interface PipelineBenchResult {
  articles: number;
  naiveArticles: number;
  /** Building the stand-ins now (0 when they were up to date) and the one-time q8 preparation. */
  buildSeconds: number;
  prepareSeconds: number;
  audarma: {
    oneArticleSeconds: number;
    seconds: number;
    /** (N − 1) · 3600 / (T(N) − T(1)); null when noise made T(N) ≤ T(1). */
    articlesPerHour: number | null;
    articlesPerHourWithStart: number;
    /** Source segments per article, and model calls' segments over all editions and summaries. */
    segmentsPerArticle: number;
    translatedPerArticle: number;
    /** Step seconds summed over the documents of the N-article run (documents overlap). */
    stages: Record<string, number>;
  };
  naive: NaiveResult & { articlesPerHour: number };
  /** audarma's steady articles per hour over the naive loop's; null with the rate. */
  ratio: number | null;
}

const here = fileURLToPath(import.meta.url);

function child<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, here, '--child', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (b: Buffer) => (out += b.toString()));
    p.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`pipeline bench ${args[0]}: exited ${code}\n${out}`));
      else resolve(JSON.parse(line.slice(7)) as T);
    });
  });
}

/** Child side: one `audarma run` through the CLI, or the naive loop. */
async function runChild(kind: string, args: string[]): Promise<void> {
  let result: unknown;
  if (kind === 'audarma') {
    const [config, input] = args;
    const work = mkdtempSync(path.join(tmpdir(), 'audarma-pipeline-run-'));
    const out = path.join(work, 'out');
    const t0 = performance.now();
    const exitCode = await cli([
      process.execPath,
      'audarma',
      'run',
      '--config',
      config,
      '--input',
      input,
      '--out',
      out,
      '--cache-dir',
      path.join(work, 'cache'),
      '--quiet',
    ]);
    const seconds = (performance.now() - t0) / 1000;
    const report = JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')) as RunReport;
    result = {
      seconds,
      exitCode,
      report: {
        documents: report.documents,
        segments: report.segments,
        summaries: report.summaries,
        stages: report.stages,
        flags: report.flags,
        targets: report.targets,
      },
    } satisfies CliRun;
  } else {
    result = await naivePipelineLoop(Number(args[0]), args[1]);
  }
  process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`);
  process.exit(0);
}

/**
 * The six stand-ins built (if stale) and their q8 decoders prepared, as audarma does on a model's
 * first run, so neither is in a timing; returns what each took.
 */
async function readyStandIns(log: (line: string) => void): Promise<{ buildSeconds: number; prepareSeconds: number }> {
  const built = await ensureStandIns(log);
  const buildSeconds = Object.values(built).reduce((s, b) => s + b.builtSeconds, 0);
  const t1 = performance.now();
  for (const name of Object.keys(STAND_IN_IDS) as (keyof typeof STAND_IN_IDS)[]) preparedSubfolder(built[name].dir, 'q8');
  return { buildSeconds, prepareSeconds: (performance.now() - t1) / 1000 };
}

/** `config`: the shipped config to measure, `config.yaml` (default) or `config.commercial.yaml`. */
export async function pipelineBench(
  opts: { articles?: number; naiveArticles?: number; config?: string; log?: (line: string) => void } = {},
): Promise<PipelineBenchResult> {
  const configFile = opts.config ?? 'config.yaml';
  const articles = opts.articles ?? 6;
  const naiveArticles = opts.naiveArticles ?? 2;
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  if (articles < 2) throw new Error('the pipeline bench needs at least 2 articles');

  const { buildSeconds, prepareSeconds } = await readyStandIns((l) => log(`pipeline bench: ${l}`));

  const project = mkdtempSync(path.join(tmpdir(), 'audarma-pipeline-bench-'));
  const config = writeBenchProject(project, configFile);
  const one = writeArticles(path.join(project, 'one'), 1);
  const many = writeArticles(path.join(project, 'many'), articles);

  log(`pipeline bench: audarma run, 1 article, then ${articles} (${configFile}, stand-ins, cold processes)`);
  const a1 = await child<CliRun>(['audarma', config, one]);
  const aN = await child<CliRun>(['audarma', config, many]);
  for (const [run, n] of [
    [a1, 1],
    [aN, articles],
  ] as const) {
    if (run.exitCode !== 0 || run.report.documents.done !== n)
      throw new Error(`pipeline bench: audarma run of ${n} exited ${run.exitCode}: ${JSON.stringify(run.report.documents)}`);
  }
  log(`pipeline bench: naive loop over the same models, ${naiveArticles} article(s)`);
  const naive = await child<NaiveResult>(['naive', String(naiveArticles), configFile]);

  const articlesPerHour = aN.seconds > a1.seconds ? ((articles - 1) * 3600) / (aN.seconds - a1.seconds) : null;
  const naivePerHour = (naive.articles * 3600) / naive.seconds;
  return {
    articles,
    naiveArticles,
    buildSeconds,
    prepareSeconds,
    audarma: {
      oneArticleSeconds: a1.seconds,
      seconds: aN.seconds,
      articlesPerHour,
      articlesPerHourWithStart: (articles * 3600) / aN.seconds,
      segmentsPerArticle: (aN.report.targets.en.translated + aN.report.targets.en.cached) / articles,
      translatedPerArticle: aN.report.segments.translated / articles,
      stages: aN.report.stages,
    },
    naive: { ...naive, articlesPerHour: naivePerHour },
    ratio: articlesPerHour === null ? null : articlesPerHour / naivePerHour,
  };
}

export interface DecodingCost {
  articles: number;
  /** Steady articles per hour (see above), and the N-article run's seconds, per decoding. */
  greedy: { articlesPerHour: number | null; seconds: number; oneArticleSeconds: number };
  models: { articlesPerHour: number | null; seconds: number; oneArticleSeconds: number };
}

/**
 * What beams cost on the whole pipeline: `audarma run` greedy everywhere against each model's own
 * generation_config (OPUS-MT and distilbart: 4 beams), same articles, runs interleaved
 * (1 article greedy, 1 beams, N greedy, N beams) so a busy spell weighs on both.
 */
export async function decodingCost(articles = 4, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<DecodingCost> {
  await readyStandIns((l) => log(`decoding cost: ${l}`));
  const project = mkdtempSync(path.join(tmpdir(), 'audarma-decoding-cost-'));
  const configs = Object.fromEntries((['greedy', 'models'] as Decoding[]).map((d) => [d, writeBenchProject(project, 'config.yaml', d)]));
  const one = writeArticles(path.join(project, 'one'), 1);
  const many = writeArticles(path.join(project, 'many'), articles);
  const runs: Record<string, CliRun> = {};
  for (const [input, n] of [
    [one, 1],
    [many, articles],
  ] as const) {
    for (const d of ['greedy', 'models']) {
      log(`decoding cost: ${d}, ${n} article(s)`);
      const run = await child<CliRun>(['audarma', configs[d], input]);
      if (run.exitCode !== 0 || run.report.documents.done !== n) throw new Error(`decoding cost: ${d} run of ${n} exited ${run.exitCode}`);
      runs[`${d}${n}`] = run;
    }
  }
  const rate = (d: string) => {
    const [a1, aN] = [runs[`${d}1`], runs[`${d}${articles}`]];
    return {
      articlesPerHour: aN.seconds > a1.seconds ? ((articles - 1) * 3600) / (aN.seconds - a1.seconds) : null,
      seconds: aN.seconds,
      oneArticleSeconds: a1.seconds,
    };
  };
  return { articles, greedy: rate('greedy'), models: rate('models') };
}

/** Lines for the bench's printed table. */
export function pipelineLines(r: PipelineBenchResult): string[] {
  const perModel = Object.entries(r.naive.perModel)
    .map(([k, s]) => `${k} ${(s.seconds / r.naive.articles).toFixed(1)} s`)
    .join(', ');
  const steady = r.audarma.articlesPerHour === null ? 'n/a (T(N) ≤ T(1): too noisy)' : r.audarma.articlesPerHour.toFixed(0);
  return [
    `(f) shipped pipeline, six real-sized stand-ins, seed-sized articles (~600 words, ${r.audarma.segmentsPerArticle.toFixed(0)} segments → en, kk, ru, zh + summary):`,
    `    audarma run (2 workers × 1 thread): ${steady} articles/hour steady ` +
      `(${r.articles} articles in ${r.audarma.seconds.toFixed(1)} s, 1 in ${r.audarma.oneArticleSeconds.toFixed(1)} s; ${r.audarma.articlesPerHourWithStart.toFixed(0)}/hour with start and loads)`,
    `    naive loop (one call per segment per model): ${r.naive.articlesPerHour.toFixed(0)} articles/hour (${r.naive.seconds.toFixed(1)} s for ${r.naive.articles}, loads ${r.naive.loadSeconds.toFixed(1)} s)`,
    `    ratio ${r.ratio === null ? 'n/a' : r.ratio.toFixed(2)}; naive seconds per article by model: ${perModel}`,
  ];
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0 && process.argv[1] === here) {
  await runChild(process.argv[childAt + 1], process.argv.slice(childAt + 2));
} else if (process.argv[1] === here) {
  const arg = (name: string) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : undefined);
  const config = process.argv.includes('--config') ? process.argv[process.argv.indexOf('--config') + 1] : undefined;
  if (process.argv.includes('--decoding-cost')) {
    const c = await decodingCost(arg('--articles'));
    const f = (r: DecodingCost['greedy']) =>
      `${r.articlesPerHour?.toFixed(0) ?? 'n/a'} articles/hour steady (${c.articles} in ${r.seconds.toFixed(1)} s, 1 in ${r.oneArticleSeconds.toFixed(1)} s)`;
    process.stdout.write(`greedy: ${f(c.greedy)}\nthe models' own beams: ${f(c.models)}\n${JSON.stringify(c, null, 2)}\n`);
  } else {
    const r = await pipelineBench({ articles: arg('--articles'), naiveArticles: arg('--naive'), config });
    process.stdout.write(`${pipelineLines(r).join('\n')}\n${JSON.stringify(r, null, 2)}\n`);
  }
}
