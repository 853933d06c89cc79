/** Why a source document could not be read; lets callers react without parsing messages. */
export type DocumentErrorCode =
  | 'unsupported' // extension we have no reader for
  | 'not-found'
  | 'unreadable' // permissions, directory, other I/O failure
  | 'binary'
  | 'encoding' // text, but in an encoding we refuse to guess (UTF-16, mixed)
  | 'empty'
  | 'no-text' // the reader found no block
  | 'damaged' // a zipped or XML file that is not what its extension says, or broken
  | 'protected' // password-protected
  | 'too-large'; // expands past the limits (a zip bomb)

/**
 * A user-facing problem with an input file. The message always starts with the
 * file name so it can be printed as is, even when many files are processed.
 */
export class DocumentError extends Error {
  readonly file: string;
  readonly code: DocumentErrorCode;

  constructor(file: string, code: DocumentErrorCode, reason: string, options?: { cause?: unknown }) {
    super(`${file}: ${reason}`, options);
    this.name = 'DocumentError';
    this.file = file;
    this.code = code;
  }
}
