import type { Block } from '../types.ts';

/** Translates plain texts (one sentence group each, no markup), in order. */
export type TranslateTexts = (texts: string[]) => Promise<string[]>;

/**
 * One kind of article file audarma reads and translates (one file per format here, listed once in
 * registry.ts). The seam carries bytes: a format decodes its own (a zipped format is not text).
 * It knows bytes and blocks, not steps, models or HTTP.
 */
export interface DocumentFormat {
  /** The format's name, as the API, the CLI and the code say it. */
  readonly name: string;
  /** File name extensions, lower case, with the dot; the first is the one named in messages. */
  readonly extensions: readonly string[];
  /** The media type a translated file is served with. */
  readonly contentType: string;
  /** Reads a file's bytes into the article's blocks (none when it holds no text). */
  read(bytes: Uint8Array, file: string): Promise<Block[]>;
  /** The words `source: auto` tells the language from. */
  sample(bytes: Uint8Array, file: string): Promise<string[]>;
  /**
   * Translates a file in place: its markup kept, only its words translated; bytes in, bytes out.
   * `lang`, the edition's language, lets a format that carries its language (a news item's
   * xml:lang and guid) mark the edition as written in it.
   */
  translateFile(bytes: Uint8Array, file: string, translate: TranslateTexts, lang?: string): Promise<Uint8Array>;
  /** A format written as text: the same on text held in memory (what `POST /translate` sends). */
  readonly text?: {
    parse(text: string): Promise<Block[]>;
    translate(text: string, translate: TranslateTexts): Promise<string>;
  };
}

/** A format written as text, which translates text held in memory too. */
export type TextDocumentFormat = DocumentFormat & Required<Pick<DocumentFormat, 'text'>>;
