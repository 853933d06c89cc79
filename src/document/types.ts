/** The kinds of block an article is made of, in reading order. */
export const BLOCK_TYPES = ['title', 'kicker', 'heading', 'paragraph', 'quote'] as const;
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
