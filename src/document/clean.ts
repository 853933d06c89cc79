import type { Block } from './types.ts';

/**
 * Blocks that are site furniture rather than article text (matched against the
 * whole block text, case-insensitively). Kept as strings so they can live in
 * configuration files; compile them with `compilePatterns`.
 */
export const DEFAULT_BOILERPLATE_PATTERNS: readonly string[] = [
  '^newsletter$',
  '^pour (ne rien manquer|rester informé|recevoir)',
  '^abonnez-vous',
  '^inscrivez-vous',
  '^(lire|voir) aussi',
  '^suivez-nous',
  '^partager (sur|cet article)',
  '^publicité$',
  '^crédit photo',
];

/**
 * Patterns that open a newsletter/subscription footer. Opt-in (third argument
 * of `cleanBlocks`): after such a block, the trailing short lines ("Votre
 * e-mail", "Je m'inscris"…) are dropped too — but only when nothing but short
 * blocks follows, so a real section that happens to come after a sign-up box
 * in the middle of an article is never lost.
 */
export const DEFAULT_FOOTER_PATTERNS: readonly string[] = [
  '^newsletter$',
  '^abonnez-vous',
  '^inscrivez-vous',
  '^pour (ne rien manquer|rester informé|recevoir)',
];

/** A footer line is short: heading-like or a single sentence under this length. */
const FOOTER_LINE_MAX_CHARS = 120;

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
export function cleanBlocks<T extends Block>(
  blocks: T[],
  patterns: RegExp[],
  footerPatterns: RegExp[] = [],
): CleanResult<T> {
  const footerStart = findFooterStart(blocks, footerPatterns);
  const kept: T[] = [];
  const dropped: T[] = [];
  blocks.forEach((block, index) => {
    const boilerplate =
      block.type !== 'title' && ((footerStart >= 0 && index >= footerStart) || matchesAny(block, patterns));
    (boilerplate ? dropped : kept).push(block);
  });
  return { blocks: kept, dropped };
}

/** Index of the block opening a footer made only of short blocks up to the end, or -1. */
function findFooterStart(blocks: Block[], footerPatterns: RegExp[]): number {
  if (footerPatterns.length === 0) return -1;
  for (let i = 0; i < blocks.length; i++) {
    if (blocks[i].type === 'title' || !matchesAny(blocks[i], footerPatterns)) continue;
    if (blocks.slice(i + 1).every(isShortLine)) return i;
  }
  return -1;
}

function isShortLine(block: Block): boolean {
  if (block.type === 'title') return false;
  if (block.type === 'heading' || block.type === 'kicker') return true;
  const text = block.text.trim();
  // One sentence: no sentence break (punctuation followed by a space) before the end.
  return text.length < FOOTER_LINE_MAX_CHARS && !/[.!?…]\s+\S/u.test(text);
}

function matchesAny(block: Block, patterns: RegExp[]): boolean {
  const text = block.text.trim().normalize('NFC').replace(/[\u2019\u02BC]/g, "'");
  return patterns.some((pattern) => {
    pattern.lastIndex = 0; // a /g or /y pattern keeps state between calls
    return pattern.test(text);
  });
}
