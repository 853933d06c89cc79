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
  notANumber: (name: string) => `Invalid request: ${name} parameter is not a number`,
  tooMany: (name: string, limit: number) => `Invalid request: ${name} parameter must be <= ${limit}`,
  notText: (name: string) => `Invalid request: ${name} must be a string or a list of strings`,
  keyRequired: () => 'Please contact the server operator to get an API key',
  invalidKey: () => 'Invalid API key',
  slowDown: (limit: number) => `Slowdown: ${limit} per 1 minute`,
  tooManyTexts: (size: number, limit: number) => `Invalid request: request (${size}) exceeds text limit (${limit})`,
  emptyFile: () => 'Invalid request: empty file',
  fileFormat: () => 'Invalid request: file format not supported',
  invalidFilename: () => 'Invalid filename',
  fileNotFound: () => 'File not found',
  cannotTranslate: (detail: string) => `Cannot translate text: ${detail}`,
  suggestionsDisabled: () => 'Suggestions are disabled on this server.',
  // audarma's own: LibreTranslate stores any suggestion, audarma's memory one sentence per entry.
  badSuggestion: (detail: string) => `Invalid suggestion: ${detail}`,
} as const;

/** The desk's answers to requests it refuses (its JSON API; its pages speak i18n.ts's languages). */
export const deskMessages = {
  expectedFile: () => 'expected a file (multipart field "file")',
  fileFormat: (file: string, formats: string) => `${file}: expected a ${formats} file`,
  noArticle: (slug: string) => `no article ${slug} on the desk`,
  noSegment: (slug: string, lang: string, block: number, seg: number) => `no segment ${block}.${seg} in edition ${lang} of ${slug}`,
  noEdition: (slug: string, lang: string) => `no edition ${lang} of ${slug}`,
  noFile: (slug: string, name: string) => `no file ${name} for ${slug}`,
  notWhole: (name: string) => `expected "${name}" to be a whole number from 0`,
  noSuggestion: () => 'no such suggestion',
  exists: (name: string) => `${name} is already on the desk`,
  conflict: () => 'someone else saved this segment since you opened it',
} as const;
