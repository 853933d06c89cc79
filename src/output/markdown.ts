import type { Edition } from '../document/article.ts';

/** One edition as Markdown: title, kicker, headings and paragraphs in source order, then the summary. */
export function editionMarkdown(edition: Edition, summaryHeading = 'Summary'): string {
  const lines: string[] = [];
  for (const b of edition.blocks) {
    if (!b.text) continue;
    if (b.type === 'title') lines.push(`# ${b.text}`);
    else if (b.type === 'kicker') lines.push(`*${b.text}*`);
    else if (b.type === 'heading') lines.push(`## ${b.text}`);
    else if (b.type === 'quote') lines.push(`> ${b.text}`);
    else lines.push(b.text);
  }
  if (edition.summary) lines.push(`---\n\n**${summaryHeading}:** ${edition.summary}`);
  return lines.join('\n\n') + '\n';
}
