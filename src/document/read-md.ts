import type { Block } from './types.ts';
import { normaliseInline } from './read-common.ts';

/**
 * Reads a Markdown article. A hand-written line scanner rather than a full
 * CommonMark parser: articles only use headings, paragraphs, quotes, emphasis
 * and links, and we need plain text per block, not an AST.
 *
 * - the first `#` heading is the title; later `#` and `##`–`######` are headings
 *   (setext `===` / `---` underlines too);
 * - consecutive lines form one paragraph (joined by a space); list items are
 *   paragraphs of their own;
 * - `>` lines (plus lazy continuation lines) form one quote;
 * - a paragraph wholly in `*italics*` or `_italics_` right under the title is the kicker;
 * - emphasis, code backticks, links (`[text](url)` → text) and images are stripped;
 * - front matter, fenced code, thematic breaks, link definitions and HTML
 *   comments are not article text and are skipped.
 */
export function readMarkdown(text: string): Block[] {
  const raw = scan(text.split('\n'));
  const blocks: Block[] = [];
  let titleSeen = false;
  let previousWasTitle = false;
  for (const item of raw) {
    const kicker = previousWasTitle && item.kind === 'paragraph' ? italicContent(item.text) : null;
    previousWasTitle = false;
    let block: Block;
    if (kicker !== null) block = { type: 'kicker', text: stripInline(kicker) };
    else if (item.kind === 'h1' && !titleSeen) {
      block = { type: 'title', text: stripInline(item.text) };
      titleSeen = previousWasTitle = true;
    } else if (item.kind === 'h1' || item.kind === 'heading') block = { type: 'heading', text: stripInline(item.text) };
    else block = { type: item.kind, text: stripInline(item.text) };
    if (block.text !== '') blocks.push(block);
    else if (block.type === 'title') titleSeen = previousWasTitle = false; // an empty "#" is no title
  }
  return blocks;
}

type RawKind = 'h1' | 'heading' | 'paragraph' | 'quote';
interface RawBlock {
  kind: RawKind;
  text: string;
}

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_H1 = /^ {0,3}=+[ \t]*$/;
const SETEXT_H2 = /^ {0,3}-+[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}>/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LINK_DEFINITION = /^ {0,3}\[[^\]]+\]:[ \t]*\S+/;
const HTML_COMMENT = /^ {0,3}<!--.*-->[ \t]*$/;

/** Groups lines into raw blocks (markdown syntax of the block kind removed, inline syntax kept). */
function scan(lines: string[]): RawBlock[] {
  const out: RawBlock[] = [];
  let buffer: string[] = [];
  let bufferKind: 'paragraph' | 'quote' = 'paragraph';
  const flush = (): void => {
    if (buffer.length > 0) out.push({ kind: bufferKind, text: joinLines(buffer) });
    buffer = [];
    bufferKind = 'paragraph';
  };

  let i = skipFrontMatter(lines);
  for (; i < lines.length; i++) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    if (fence) {
      // Code is not prose to translate: skip to the closing fence of the same kind.
      flush();
      const marker = fence[1];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(marker)) i++;
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    if (bufferKind === 'paragraph' && buffer.length > 0 && (SETEXT_H1.test(line) || SETEXT_H2.test(line))) {
      out.push({ kind: SETEXT_H1.test(line) ? 'h1' : 'heading', text: joinLines(buffer) });
      buffer = [];
      continue;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      flush();
      out.push({ kind: heading[1].length === 1 ? 'h1' : 'heading', text: heading[2] ?? '' });
      continue;
    }
    if (THEMATIC_BREAK.test(line) || LINK_DEFINITION.test(line) || HTML_COMMENT.test(line)) {
      flush();
      continue;
    }
    if (QUOTE.test(line)) {
      if (bufferKind !== 'quote') flush();
      bufferKind = 'quote';
      buffer.push(line.replace(/^(?:[ \t]*>[ \t]?)+/, ''));
      continue;
    }
    const item = bufferKind === 'paragraph' ? LIST_ITEM.exec(line) : null;
    if (item) {
      flush();
      buffer.push(item[1]);
      continue;
    }
    buffer.push(line); // paragraph line, or lazy continuation of a quote
  }
  flush();
  return out;
}

/** YAML front matter (`---` … `---`) holds metadata, not article text. */
function skipFrontMatter(lines: string[]): number {
  if (lines[0]?.trim() !== '---') return 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '---' || line === '...') return i + 1;
  }
  return 0; // unterminated: not front matter after all
}

/** Joins the lines of a paragraph; a trailing `\` is a hard line break, which becomes a space too. */
function joinLines(lines: string[]): string {
  return lines.map((line) => line.trim().replace(/\\$/, '')).join(' ');
}

/** Content of a paragraph written wholly in single-marker italics, or null. */
function italicContent(text: string): string | null {
  const match = /^\*([^*]+)\*$/.exec(text.trim()) ?? /^_([^_]+)_$/.exec(text.trim());
  return match ? match[1] : null;
}

/** Characters Markdown lets authors escape with a backslash. */
const ESCAPABLE = /\\([\\`*_{}[\]()#+\-.!<>~|])/g;
/** Escaped characters are parked in the Private Use Area so the stripping below leaves them alone. */
const PARK_BASE = 0xe000;

function stripInline(text: string): string {
  const parked = text.replace(ESCAPABLE, (_m, ch: string) => String.fromCharCode(PARK_BASE + ch.charCodeAt(0)));
  const plain = parked
    .replace(/!\[[^\]]*\]\((?:[^()]|\([^)]*\))*\)/g, '') // images: alt text is not prose
    .replace(/\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)/g, '$1') // [text](url "title")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1') // [text][ref]
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1') // autolinks
    .replace(/<\/?[a-zA-Z][^>]*>/g, ' ') // stray inline HTML
    .replace(/`+/g, '')
    .replace(/~~/g, '')
    // Emphasis markers touch text on one side; a lone `*` between spaces is kept.
    .replace(/\*+(?=\S)|(?<=\S)\*+/g, '')
    .replace(/(?<![\p{L}\p{N}])_+(?=\S)|(?<=\S)_+(?![\p{L}\p{N}])/gu, '');
  const restored = plain.replace(/[\uE000-\uE07F]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - PARK_BASE));
  return normaliseInline(restored);
}
