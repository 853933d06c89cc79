import { newArticle } from '../document/article.ts';
import type { Memory, MemoryEntry } from '../memory/memory.ts';
import { normalizeSegment } from '../memory/normalize.ts';
import type { StepContext } from '../steps/define-step.ts';
import { STEPS } from '../steps/registry.ts';
import { translateBlocks } from './translate-blocks.ts';

/** An editor's correction as a face receives it: one source sentence, its edition, the new text. */
export interface CorrectionInput {
  /** The French sentence, as the source segment it corrects. */
  source: string;
  /** The edition: a target of the config (`en`, `kk-Latn`). */
  target: string;
  text: string;
  approved: boolean;
  editor: string;
}

/** A correction refused for what it says (the face answers with its own "bad request"). */
export class CorrectionError extends Error {
  override name = 'CorrectionError';
}

/** The sentences a text splits into, as the segment step splits an article's paragraph. */
async function segmentsOf(ctx: StepContext, text: string): Promise<string[]> {
  const article = newArticle('(correction)', 'correction', ctx.loaded.config.source);
  article.blocks = [{ type: 'paragraph', text, segments: [] }];
  await STEPS.segment.run(article, {}, ctx);
  const block = article.blocks[0];
  return block.segments.length ? block.segments : [block.text];
}

/**
 * Stores a correction in the memory, keyed as runs look it up: the memory is per source
 * segment, so a text that splits into several sentences would never be found again and is
 * refused. The machine output it replaces is what the model says without the memory (from the
 * cache when the sentence was translated before), so an export shows what the editor changed.
 */
export async function storeCorrection(ctx: StepContext, memory: Memory, input: CorrectionInput): Promise<MemoryEntry> {
  const source = normalizeSegment(input.source);
  const text = normalizeSegment(input.text);
  const editor = input.editor.trim();
  if (!source) throw new CorrectionError('the source sentence is empty');
  if (!text) throw new CorrectionError('the corrected text is empty');
  if (!editor) throw new CorrectionError('the editor is missing: name who made the correction');
  if (!Object.hasOwn(ctx.loaded.config.targets, input.target)) throw new CorrectionError(`${input.target} is not an edition of this config`);
  const segments = await segmentsOf(ctx, source);
  if (segments.length !== 1)
    throw new CorrectionError(`the source must be one sentence, as the memory keeps one entry per sentence; this one splits into ${segments.length}: ${segments.map((s) => JSON.stringify(s)).join(', ')}`);
  const [machine] = await translateBlocks({ ...ctx, memory: undefined }, [source], input.target);
  // As for an XLIFF import, saying nothing about approval never takes one back from the same text.
  const earlier = memory.get(source, input.target);
  const approved = input.approved || (earlier?.approved === true && earlier.text === text);
  const entry: MemoryEntry = { source, lang: input.target, text, approved, editor, updatedAt: Date.now(), machine: machine.text };
  memory.put([entry]);
  return entry;
}
