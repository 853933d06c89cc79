import type { TranslateTexts } from './types.ts';

/**
 * Translates plain text line by line: every line break and blank line stays where it was, and
 * each line keeps its leading and trailing spaces (the line's own runs of spaces become one).
 */
export async function translatePlain(text: string, translate: TranslateTexts): Promise<string> {
  // Odd indexes hold the line breaks themselves.
  const parts = text.split(/(\r\n|\n|\r)/);
  const lines = parts.map((p, i) => (i % 2 === 0 && p.trim() !== '' ? i : -1)).filter((i) => i >= 0);
  const out = await translate(lines.map((i) => parts[i].replace(/\s+/g, ' ').trim()));
  lines.forEach((i, k) => (parts[i] = /^\s*/.exec(parts[i])![0] + out[k] + /\s*$/.exec(parts[i])![0]));
  return parts.join('');
}
