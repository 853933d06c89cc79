import type { DocumentFormat } from './types.ts';

const news = () => import('./news-xml.ts');

/**
 * News items as agencies send them, both `.xml`: NITF 3.x documents and NewsML-G2 news items
 * (text, body inline as NITF or XHTML). The root element tells them apart (news-xml.ts, one place).
 * Translated in place; byline, dateline and every metadata element kept as they are.
 */
export default Object.freeze({
  name: 'xml',
  extensions: Object.freeze(['.xml']),
  contentType: 'application/xml',
  read: async (bytes: Uint8Array, file: string) => (await news()).readNews(bytes, file),
  sample: async (bytes: Uint8Array, file: string) => (await news()).readNews(bytes, file).map((b) => b.text),
  translateFile: async (bytes: Uint8Array, file: string, tr: (texts: string[]) => Promise<string[]>, lang?: string) =>
    (await news()).translateNews(bytes, file, tr, lang),
}) satisfies DocumentFormat;
