import type { Block } from './types.ts';

/** Compiles pattern strings case-insensitively, with Unicode semantics for accented letters. */
export function compilePatterns(patterns: readonly string[]): RegExp[] {
  return patterns.map((pattern) => new RegExp(pattern, 'iu'));
}

export interface CleanResult<T extends Block = Block> {
  blocks: T[];
  dropped: T[];
}

/**
 * Drops boilerplate blocks whose text matches one of `patterns`. The title is
 * never dropped: losing it would break every edition. Matching runs on the
 * trimmed, NFC-normalised text with typographic apostrophes folded to `'`, so
 * one pattern covers what different CMSs emit. Blocks are passed through
 * untouched (same objects), so callers may use richer block types.
 */
export function cleanBlocks<T extends Block>(blocks: T[], patterns: RegExp[]): CleanResult<T> {
  const kept: T[] = [];
  const dropped: T[] = [];
  for (const block of blocks) (block.type !== 'title' && matchesAny(block, patterns) ? dropped : kept).push(block);
  return { blocks: kept, dropped };
}

function matchesAny(block: Block, patterns: RegExp[]): boolean {
  const text = block.text
    .trim()
    .normalize('NFC')
    .replace(/[\u2019\u02BC]/g, "'");
  return patterns.some((pattern) => {
    pattern.lastIndex = 0; // a /g or /y pattern keeps state between calls
    return pattern.test(text);
  });
}
