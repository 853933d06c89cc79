import { newArticle } from '../document/article.ts';
import { CorrectionRefused, storeCorrection, type Correction } from '../memory/correct.ts';
import type { Memory, MemoryEntry } from '../memory/memory.ts';
import { normalizeSegment } from '../memory/normalize.ts';
import type { StepContext } from '../steps/define-step.ts';
import { STEPS } from '../steps/registry.ts';
import { translateBlocks } from './translate-blocks.ts';

/** The sentences a text splits into, as the segment step splits an article's paragraph. */
async function segmentsOf(ctx: StepContext, text: string): Promise<string[]> {
  const article = newArticle('(correction)', 'correction', ctx.loaded.config.source);
  article.blocks = [{ type: 'paragraph', text, segments: [] }];
  await STEPS.segment.run(article, {}, ctx);
  const block = article.blocks[0];
  return block.segments.length ? block.segments : [block.text];
}

/**
 * Stores a correction of a sentence sent on its own (not a segment of an article the face shows):
 * the memory is per source segment, so a text that splits into several sentences would never be
 * found again and is refused. The machine output it replaces is what the model says without the
 * memory (from the cache when the sentence was translated before), so an export shows what the
 * editor changed.
 */
export async function correctSentence(ctx: StepContext, memory: Memory, input: Omit<Correction, 'machineText'>): Promise<MemoryEntry> {
  if (!Object.hasOwn(ctx.loaded.config.targets, input.lang)) throw new CorrectionRefused(`${input.lang} is not an edition of this config`);
  const source = normalizeSegment(input.source);
  const segments = source ? await segmentsOf(ctx, source) : [];
  if (segments.length > 1)
    throw new CorrectionRefused(`the source must be one sentence, as the memory keeps one entry per sentence; this one splits into ${segments.length}: ${segments.map((s) => JSON.stringify(s)).join(', ')}`);
  const machine = source ? (await translateBlocks({ ...ctx, memory: undefined }, [source], input.lang))[0].text : undefined;
  return storeCorrection(memory, { ...input, machineText: machine });
}
