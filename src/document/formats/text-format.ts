import { decodeText } from '../decode.ts';
import type { Block } from '../types.ts';
import type { TextDocumentFormat, TranslateTexts } from './types.ts';

/**
 * A format written as text (txt, md, html): its bytes are decoded as UTF-8, UTF-16 or
 * Windows-1252 (decode.ts, which refuses binary and empty files), line ends made LF and NFC, then
 * parsed; a translated file is written back as UTF-8.
 */
export function textFormat(def: {
  name: string;
  extensions: readonly string[];
  contentType: string;
  parse(text: string): Promise<Block[]>;
  translate(text: string, translate: TranslateTexts): Promise<string>;
}): TextDocumentFormat {
  const { parse, translate } = def;
  const normalised = (text: string) => text.replace(/\r\n?/g, '\n').normalize('NFC');
  return Object.freeze({
    name: def.name,
    extensions: Object.freeze([...def.extensions]),
    contentType: def.contentType,
    read: (bytes: Uint8Array, file: string) => parse(normalised(decodeText(bytes, file))),
    sample: async (bytes: Uint8Array, file: string) => [decodeText(bytes, file)],
    translateFile: async (bytes: Uint8Array, file: string, tr: TranslateTexts) => Buffer.from(await translate(decodeText(bytes, file), tr), 'utf8'),
    text: Object.freeze({ parse: (text: string) => parse(normalised(text)), translate }),
  });
}
