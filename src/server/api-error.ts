/**
 * The error texts LibreTranslate 1.9 answers with (libretranslate/app.py), so its clients show
 * and match the same messages. Each is sent as `{"error": "…"}` with its status code.
 */
export const apiMessages = {
  missing: (name: string) => `Invalid request: missing ${name} parameter`,
  invalidJson: () => 'Invalid JSON format',
  notSupported: (lang: string) => `${lang} is not supported`,
  notDetected: () => 'auto is not supported: the text does not read as French, the only source language of this server',
  pairUnavailable: (target: { code: string; name: string }, source: { code: string; name: string }) =>
    `${target.name} (${target.code}) is not available as a target language from ${source.name} (${source.code})`,
  formatNotSupported: (format: string) => `${format} format is not supported`,
  notText: (name: string) => `Invalid request: ${name} must be a string or a list of strings`,
  keyRequired: () => 'Please contact the server operator to get an API key',
  invalidKey: () => 'Invalid API key',
  slowDown: (limit: number) => `Slowdown: ${limit} per 1 minute`,
  emptyFile: () => 'Invalid request: empty file',
  fileFormat: () => 'Invalid request: file format not supported',
  invalidFilename: () => 'Invalid filename',
  fileNotFound: () => 'File not found',
  cannotTranslate: (detail: string) => `Cannot translate text: ${detail}`,
  suggestionsDisabled: () => 'Suggestions are disabled on this server.',
  // audarma's own: LibreTranslate stores any suggestion, audarma's memory one sentence per entry.
  badSuggestion: (detail: string) => `Invalid suggestion: ${detail}`,
} as const;

/** A request the server refuses: sent as `{"error": message}` with `status`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
