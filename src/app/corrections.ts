import { newArticle } from '../document/article.ts';
import { CorrectionRefused, storeCorrection, type Correction } from '../memory/correct.ts';
import type { Memory, MemoryEntry } from '../memory/memory.ts';
import { normalizeSegment } from '../memory/normalize.ts';
import type { Suggestion } from '../memory/suggestions.ts';
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
 * Checks a sentence sent on its own (not a segment of an article the face shows) and gives what
 * the model says for it: the memory is per source segment, so a text that splits into several
 * sentences would never be found again and is refused. The machine output is what the model says
 * without the memory (from the cache when the sentence was translated before), so an export shows
 * what the editor changed.
 */
async function machineOf(ctx: StepContext, lang: string, text: string): Promise<string | undefined> {
  if (!Object.hasOwn(ctx.loaded.config.targets, lang)) throw new CorrectionRefused(`${lang} is not an edition of this config`);
  const source = normalizeSegment(text);
  const segments = source ? await segmentsOf(ctx, source) : [];
  if (segments.length > 1)
    throw new CorrectionRefused(
      `the source must be one sentence, as the memory keeps one entry per sentence; this one splits into ${segments.length}: ${segments.map((s) => JSON.stringify(s)).join(', ')}`,
    );
  return source ? (await translateBlocks({ ...ctx, memory: undefined }, [source], lang))[0].text : undefined;
}

/** Stores an editor's correction of one sentence sent on its own: every later translation uses it. */
export async function correctSentence(ctx: StepContext, memory: Memory, input: Omit<Correction, 'machineText'>): Promise<MemoryEntry> {
  const machine = await machineOf(ctx, input.lang, input.source);
  return storeCorrection(memory, { ...input, machineText: machine });
}

/** Keeps a proposed correction of one sentence aside, unused until an editor accepts it in the desk. */
export async function proposeSentence(
  ctx: StepContext,
  memory: Memory,
  input: { source: string; lang: string; text: string; proposer: string },
): Promise<Suggestion> {
  const machine = await machineOf(ctx, input.lang, input.source);
  if (!normalizeSegment(input.source)) throw new CorrectionRefused('the segment has no source sentence');
  if (!normalizeSegment(input.text)) throw new CorrectionRefused('the corrected text is empty');
  return memory.suggestions.propose({ ...input, ...(machine !== undefined ? { machine } : {}) });
}
