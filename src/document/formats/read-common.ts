/** Helpers shared by the text, Markdown and HTML readers. */

/**
 * Collapses runs of ordinary whitespace (spaces, tabs, line breaks, typographic
 * spaces) to one space and trims the ends. Non-breaking spaces (U+00A0, U+202F)
 * inside the text are kept: French typography puts them before « : ; ? ! » and
 * they keep the punctuation attached when the text is re-flowed. Soft hyphens
 * are invisible break hints and only disturb tokenizers, so they go.
 */
export function normaliseInline(text: string): string {
  return text
    .replace(/\u00AD/g, '')
    .replace(/[ \t\n\r\f\v\u1680\u2000-\u200A\u2028\u2029\u205F\u3000]+/g, ' ')
    .trim();
}

/** Characters that end a sentence or announce what follows; a line ending with one is prose, not a heading. */
const FINAL_PUNCTUATION = /[.!?…:»;]$/u;

export function endsWithSentencePunctuation(text: string): boolean {
  return FINAL_PUNCTUATION.test(text.trim());
}

export function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/u).length;
}
