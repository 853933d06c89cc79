import { createHash } from 'node:crypto';

/**
 * A segment as the memory keys and stores it: NFC, every run of whitespace one space, trimmed.
 * A CAT tool that re-wraps a line or composes an accent differently still finds the entry.
 */
export function normalizeSegment(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * The stable id of a source segment in exported files: the same sentence gets the same id in
 * every export, in every edition and article. An XML NMTOKEN (XLIFF 2.0 requires one), so a
 * letter and hexadecimal digits.
 */
export function segmentId(source: string): string {
  return 's' + createHash('sha256').update(normalizeSegment(source)).digest('hex').slice(0, 16);
}
