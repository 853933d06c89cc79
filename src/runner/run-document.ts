import type { LoadedConfig } from '../config/load-config.ts';
import type { LoadedPipeline } from '../pipeline/load-pipeline.ts';
import { newArticle, type Article } from '../document/article.ts';
import type { Gateway } from '../inference/gateway.ts';
import type { Glossary } from '../glossary/index.ts';
import type { ArticleMemory } from '../memory/article-memory.ts';
import { STEPS } from '../steps/registry.ts';
import type { StepContext } from '../steps/define-step.ts';

export interface DocumentFailure {
  file: string;
  reason: string;
  /** Where it failed: `steps[3] translate`. */
  step?: string;
}

export interface RunOptions {
  loaded: LoadedConfig;
  pipeline: LoadedPipeline;
  outDir: string;
  gateway: Gateway;
  /** Seconds spent per step kind, summed over documents; filled in while running. */
  stages?: Record<string, number>;
  glossary?: Glossary;
  /** Hash of the input and settings, recorded in result.json. */
  inputHash?: string;
  /** Editors' corrections for this article (a view made per article: it remembers what was used). */
  memory?: ArticleMemory;
  /** Called as each step starts (the desk shows it as progress). */
  onStep?(index: number, total: number, kind: string): void;
}

/** Error thrown by a step, with the document and step it happened in attached by the runner; `cause` is what the step threw. */
export class StepFailure extends Error {
  constructor(
    readonly file: string,
    readonly step: string,
    readonly reason: string,
    cause?: unknown,
  ) {
    super(`${file}: ${step}: ${reason}`, { cause });
  }
}

/** Runs every step of the pipeline over one article; the runner, not the step, adds where it failed. */
export async function runDocument(file: string, slug: string, opts: RunOptions): Promise<Article> {
  const article = newArticle(file, slug, opts.loaded.config.source);
  const ctx: StepContext = {
    loaded: opts.loaded,
    gateway: opts.gateway,
    outDir: opts.outDir,
    pipeline: opts.pipeline.name,
    glossary: opts.glossary,
    inputHash: opts.inputHash,
    memory: opts.memory,
  };
  for (const [i, step] of opts.pipeline.pipeline.steps.entries()) {
    const started = performance.now();
    opts.onStep?.(i, opts.pipeline.pipeline.steps.length, step.uses);
    try {
      await STEPS[step.uses].run(article, step.with as never, ctx);
      if (opts.stages) opts.stages[step.uses] = (opts.stages[step.uses] ?? 0) + (performance.now() - started) / 1000;
    } catch (err) {
      const reason = String((err as Error)?.message ?? err);
      throw new StepFailure(file, `steps[${i}] ${step.name ?? step.uses}`, reason, err);
    }
  }
  return article;
}
