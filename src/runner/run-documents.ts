import PQueue from 'p-queue';
import type { LoadedConfig } from '../config/load-config.ts';
import type { LoadedPipeline } from '../config/load-pipeline.ts';
import { newArticle, type Article } from '../document/article.ts';
import type { Gateway } from '../inference/gateway.ts';
import { STEPS } from '../steps/registry.ts';
import type { StepContext } from '../steps/define-step.ts';
import { slugOf } from './slug.ts';

export interface DocumentFailure {
  file: string;
  reason: string;
  /** Where it failed: `steps[3] translate`. */
  step?: string;
}

export interface RunEvent {
  type: 'document:start' | 'document:done' | 'document:failed';
  file: string;
  slug: string;
  reason?: string;
}

export interface RunOptions {
  loaded: LoadedConfig;
  pipeline: LoadedPipeline;
  files: string[];
  outDir: string;
  gateway: Gateway;
  /** Documents in flight at once. @default 1 */
  concurrency?: number;
  onEvent?(event: RunEvent): void;
  /** Seconds spent per step kind, summed over documents; filled in while running. */
  stages?: Record<string, number>;
}

export interface RunResult {
  done: Article[];
  failed: DocumentFailure[];
}

/** Error thrown by a step, with the document and step it happened in attached by the runner. */
export class StepFailure extends Error {
  constructor(
    readonly file: string,
    readonly step: string,
    readonly reason: string,
  ) {
    super(`${file}: ${step}: ${reason}`);
  }
}

/** Runs every step of the pipeline over one article; the runner, not the step, adds where it failed. */
export async function runDocument(file: string, slug: string, opts: RunOptions): Promise<Article> {
  const article = newArticle(file, slug, opts.loaded.config.source);
  const ctx: StepContext = { loaded: opts.loaded, gateway: opts.gateway, outDir: opts.outDir, pipeline: opts.pipeline.name };
  for (const [i, step] of opts.pipeline.pipeline.steps.entries()) {
    const started = performance.now();
    try {
      await STEPS[step.uses].run(article, step.with as never, ctx);
      if (opts.stages) opts.stages[step.uses] = (opts.stages[step.uses] ?? 0) + (performance.now() - started) / 1000;
    } catch (err) {
      const reason = String((err as Error)?.message ?? err);
      throw new StepFailure(file, `steps[${i}] ${step.name ?? step.uses}`, reason);
    }
  }
  return article;
}

/** Runs the pipeline over many articles; one failing article never stops the others. */
export async function runDocuments(opts: RunOptions): Promise<RunResult> {
  const queue = new PQueue({ concurrency: opts.concurrency ?? 1 });
  const result: RunResult = { done: [], failed: [] };
  await Promise.all(
    opts.files.map((file) =>
      queue.add(async () => {
        const slug = slugOf(file);
        opts.onEvent?.({ type: 'document:start', file, slug });
        try {
          result.done.push(await runDocument(file, slug, opts));
          opts.onEvent?.({ type: 'document:done', file, slug });
        } catch (err) {
          const failure: DocumentFailure =
            err instanceof StepFailure ? { file, reason: err.reason, step: err.step } : { file, reason: String(err) };
          result.failed.push(failure);
          opts.onEvent?.({ type: 'document:failed', file, slug, reason: failure.reason });
        }
      }),
    ),
  );
  return result;
}
