import type { Edition } from '../document/article.ts';
import { isListItem } from '../document/types.ts';

// Characters that start inline markup anywhere in a line: escapes, code spans, emphasis and
// strikethrough, links and images (`[`), raw HTML and autolinks (`<`), entities (`&`), headings'
// closing `#`s. `>` goes with `<` so a reader of the raw file sees them treated alike.
const INLINE = /[\\`*_~[\]<>&#]/g;
// What makes a line a list item, a setext underline or a thematic break when it starts one.
const LIST_OR_RULE = /^([+\-=])/;
const ORDERED = /^(\d{1,9})([.)])/;

/**
 * Article text as CommonMark that renders as that same text: every character that could start
 * markup is backslash-escaped, so `<script>`, `<img onerror=…>` or `[x](javascript:…)` in an
 * article (or a model's output) is shown to the reader, never run, even by a CMS that renders
 * Markdown with raw HTML allowed. Line breaks become spaces (Markdown would show them as spaces
 * anyway, and a new line could start a block). `atLineStart` is for text that begins a line or a
 * blockquote, where `-`, `+`, `=` and `1.` would start a list or a rule.
 */
export function escapeMarkdown(text: string, atLineStart = false): string {
  const out = text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .replace(INLINE, '\\$&');
  return atLineStart ? out.replace(LIST_OR_RULE, '\\$1').replace(ORDERED, '$1\\$2') : out;
}

/**
 * One edition as Markdown: title, kicker, headings, paragraphs and lists in source order, then the
 * summary. A run of list items of one kind is one tight list (`- ` or `1. `, numbered from 1).
 */
export function editionMarkdown(edition: Edition, summaryHeading = 'Summary'): string {
  const lines: string[] = [];
  let previous = '';
  let number = 0;
  for (const b of edition.blocks) {
    if (!b.text.trim()) continue;
    const continuesList = isListItem(b) && b.type === previous;
    number = continuesList ? number + 1 : 1;
    previous = b.type;
    let line: string;
    if (b.type === 'title') line = `# ${escapeMarkdown(b.text)}`;
    else if (b.type === 'kicker') line = `*${escapeMarkdown(b.text)}*`;
    else if (b.type === 'heading') line = `## ${escapeMarkdown(b.text)}`;
    else if (b.type === 'quote') line = `> ${escapeMarkdown(b.text, true)}`;
    else if (b.type === 'bullet') line = `- ${escapeMarkdown(b.text, true)}`;
    else if (b.type === 'numbered') line = `${number}. ${escapeMarkdown(b.text, true)}`;
    else line = escapeMarkdown(b.text, true);
    if (continuesList) lines[lines.length - 1] += `\n${line}`;
    else lines.push(line);
  }
  if (edition.summary?.trim()) lines.push(`---\n\n**${summaryHeading}:** ${escapeMarkdown(edition.summary)}`);
  return lines.join('\n\n') + '\n';
}
