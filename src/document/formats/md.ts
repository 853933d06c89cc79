import { textFormat } from './text-format.ts';

// The readers (micromark) and translators (parse5) load with the first file of the format, not
// with every command that only needs the table.
const reader = () => import('./md-read.ts');
const translator = () => import('./md-translate.ts');

/** Markdown (CommonMark, front matter skipped): headings, paragraphs and quotes; translated keeping its markup. */
export default textFormat({
  name: 'md',
  extensions: ['.md', '.markdown'],
  contentType: 'text/markdown',
  parse: async (text) => (await reader()).readMarkdown(text),
  translate: async (text, tr) => (await translator()).translateMarkdown(text, tr),
});
