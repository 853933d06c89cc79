/**
 * The kinds of block an article is made of, in reading order. A list is a run of `bullet` (an
 * unordered list's item) or `numbered` blocks (an ordered list's), one block per item, so each
 * item is translated on its own and written back as an item of a list.
 */
export const BLOCK_TYPES = ['title', 'kicker', 'heading', 'paragraph', 'quote', 'bullet', 'numbered'] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

/** One block of an article: its kind and its text (one line, no line breaks). */
export interface Block {
  type: BlockType;
  text: string;
}

/** An article read from a file, before any translation. */
export interface SourceDocument {
  /** Path of the file it was read from, as given by the user. */
  file: string;
  blocks: Block[];
}

/** Whether a block is a list's item. */
export function isListItem(block: { type: string }): boolean {
  return block.type === 'bullet' || block.type === 'numbered';
}
