import { textFormat } from './text-format.ts';

// The reader and translator (parse5) load with the first file of the format.
const reader = () => import('./html-read.ts');
const translator = () => import('./html-translate.ts');

/** HTML: the article's own blocks (title, headings, paragraphs, quotes); translated keeping every tag. */
export default textFormat({
  name: 'html',
  extensions: ['.html', '.htm'],
  contentType: 'text/html',
  parse: async (text) => (await reader()).readHtml(text),
  translate: async (text, tr) => (await translator()).translateHtml(text, tr),
});
