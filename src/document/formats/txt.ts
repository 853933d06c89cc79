import { textFormat } from './text-format.ts';

const reader = () => import('./txt-read.ts');
const translator = () => import('./txt-translate.ts');

/** Plain text: the first line is the title; blocks are split on blank lines. */
export default textFormat({
  name: 'txt',
  extensions: ['.txt'],
  contentType: 'text/plain',
  parse: async (text) => (await reader()).readTxt(text),
  translate: async (text, tr) => (await translator()).translatePlain(text, tr),
});
