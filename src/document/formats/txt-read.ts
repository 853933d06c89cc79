import type { Block } from '../types.ts';
import { endsWithSentencePunctuation, normaliseInline, wordCount } from './read-common.ts';

/** A kicker is a rubric or standfirst label, never a sentence. */
const KICKER_MAX_CHARS = 80;
const HEADING_MAX_CHARS = 100;
const HEADING_MAX_WORDS = 14; // "fewer than ~15 words"

interface Line {
  text: string;
  /** Blank lines between this line and the previous non-empty one. */
  blanksBefore: number;
}

/**
 * Reads a plain-text article. Plain text has no markup, so the structure is
 * inferred from the shape of the lines:
 * - the first non-empty line is the title;
 * - a short unpunctuated line right under it (at most one blank line between)
 *   is the kicker;
 * - every other non-empty line is its own block (exported articles put one
 *   paragraph per line; we do not try to re-join hard-wrapped text);
 * - `> ` lines are quotes;
 * - lines opening with a bullet (`-`, `*`, `•`, `–`) or a number (`1.`, `2)`) are list items,
 *   bullet or numbered, the marker left out;
 * - short unpunctuated lines followed later by prose are headings; a run of
 *   them at the very end (signature, footer) stays paragraphs, since a heading
 *   must introduce something.
 */
export function readTxt(text: string): Block[] {
  const lines = splitLines(text);
  if (lines.length === 0) return [];

  const blocks: Block[] = [{ type: 'title', text: lines[0].text }];
  let rest = lines.slice(1);
  const second = rest[0];
  if (second && second.blanksBefore <= 1 && quoteText(second.text) === null && !listItem(second.text) && isKickerLike(second.text)) {
    blocks.push({ type: 'kicker', text: second.text });
    rest = rest.slice(1);
  }

  const body: Block[] = rest.map((line) => {
    const quote = quoteText(line.text);
    if (quote !== null) return { type: 'quote', text: quote };
    const item = listItem(line.text);
    if (item) return item;
    return { type: isHeadingLike(line.text) ? 'heading' : 'paragraph', text: line.text };
  });
  // Headings must be followed by prose: demote a trailing run of heading-like lines.
  for (let i = body.length - 1; i >= 0 && body[i].type === 'heading'; i--) body[i] = { ...body[i], type: 'paragraph' };

  return [...blocks, ...body.filter((block) => block.text !== '')];
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let blanks = 0;
  for (const raw of text.split('\n')) {
    const line = normaliseInline(raw);
    if (line === '') {
      blanks++;
      continue;
    }
    lines.push({ text: line, blanksBefore: blanks });
    blanks = 0;
  }
  return lines;
}

/** The quoted text of a `> ` line (markers stripped), or null when the line is not a quote. */
function quoteText(line: string): string | null {
  if (line === '>' || /^>+$/.test(line)) return '';
  const match = /^>+\s+(.*)$/u.exec(line);
  return match ? normaliseInline(match[1]) : null;
}

const BULLET = /^[-*\u2022\u2013]\s+(\S.*)$/u;
const NUMBERED = /^\d{1,2}[.)]\s+(\S.*)$/u;

/** A list item's block (its marker left out), or undefined when the line is not one. */
function listItem(line: string): Block | undefined {
  const bullet = BULLET.exec(line);
  if (bullet) return { type: 'bullet', text: bullet[1] };
  const numbered = NUMBERED.exec(line);
  return numbered ? { type: 'numbered', text: numbered[1] } : undefined;
}

function isKickerLike(line: string): boolean {
  return line.length <= KICKER_MAX_CHARS && !endsWithSentencePunctuation(line);
}

function isHeadingLike(line: string): boolean {
  return line.length <= HEADING_MAX_CHARS && !endsWithSentencePunctuation(line) && wordCount(line) <= HEADING_MAX_WORDS;
}
