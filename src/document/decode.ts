import { DocumentError } from './errors.ts';

/** How many leading bytes are inspected to tell text from binary. */
const SAMPLE_SIZE = 8192;
/** Above this share of control bytes a file is binary whatever its encoding. */
const BINARY_CONTROL_SHARE = 0.1;
/**
 * Legacy 8-bit French text has (almost) no control bytes; invalid UTF-8 with
 * more than this share is more likely a binary format than Windows-1252.
 */
const LEGACY_CONTROL_SHARE = 0.01;

const BINARY_REASON = 'binary file, expected UTF-8 or Windows-1252 text';

/**
 * Windows-1252 code points for bytes 0x80–0x9F (WHATWG index). We map these by
 * hand instead of trusting `new TextDecoder('windows-1252')`: Node ≥ 20.18.3
 * decodes that label as plain Latin-1 (nodejs/node#60888), which turns ’ « œ €
 * into invisible C1 controls, i.e. silent mojibake.
 */
const CP1252_C1 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
/** Bytes Windows-1252 leaves undefined: their presence means another code page (e.g. Mac Roman). */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Turns the raw bytes of a text file into a string: UTF-8 (with or without
 * BOM), UTF-16 with a BOM, or Windows-1252/Latin-1 when the bytes are not
 * UTF-8. Line ends become LF and the text is NFC-normalised, so decomposed
 * accents (macOS) compare equal to precomposed ones. Refuses binary, empty and
 * ambiguous files rather than returning mojibake.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  const text = normaliseText(decodeBytes(bytes, file));
  if (text.trim() === '') throw new DocumentError(file, 'empty', 'empty file');
  return text;
}

function decodeBytes(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new DocumentError(file, 'empty', 'empty file');
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) bytes = bytes.subarray(3);
  // A UTF-16 BOM is unambiguous (Notepad's "Unicode"); its NUL bytes must not read as binary.
  if (startsWith(bytes, [0xff, 0xfe])) return decodeStrict(bytes.subarray(2), 'utf-16le', file);
  if (startsWith(bytes, [0xfe, 0xff])) return decodeStrict(bytes.subarray(2), 'utf-16be', file);

  const sample = bytes.subarray(0, SAMPLE_SIZE);
  if (sample.includes(0) || controlShare(sample) > BINARY_CONTROL_SHARE) {
    throw new DocumentError(file, 'binary', BINARY_REASON);
  }

  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // Not UTF-8: decide below whether it is plausibly Windows-1252 text.
  }

  if (controlShare(sample) > LEGACY_CONTROL_SHARE) throw new DocumentError(file, 'binary', BINARY_REASON);
  const { validSequences, invalidBytes, firstInvalid } = scanUtf8(bytes);
  if (validSequences > 0 && validSequences >= invalidBytes) {
    // Mostly UTF-8 with a few bad bytes: decoding it as Windows-1252 would garble every accent.
    throw new DocumentError(file, 'encoding', `invalid UTF-8 at byte ${firstInvalid} (the file mixes encodings); save it as UTF-8`);
  }
  const undefinedAt = bytes.findIndex((b) => CP1252_UNDEFINED.has(b));
  if (undefinedAt >= 0) {
    throw new DocumentError(file, 'encoding', `neither UTF-8 nor Windows-1252 (byte 0x${bytes[undefinedAt].toString(16)} at ${undefinedAt}); save it as UTF-8`);
  }
  return decodeWindows1252(bytes);
}

function decodeStrict(bytes: Uint8Array, encoding: string, file: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    throw new DocumentError(file, 'encoding', `invalid ${encoding.toUpperCase()} text`, { cause });
  }
}

/** Windows-1252 is Latin-1 plus 27 printable characters in 0x80–0x9F. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192; // keeps String.fromCharCode's argument list small
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes = Array.from(bytes.subarray(start, start + CHUNK), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_C1[b - 0x80] : b));
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** Share of bytes that never occur in prose: C0 controls other than tab, LF, VT, FF, CR and DOS EOF. */
function controlShare(sample: Uint8Array): number {
  if (sample.length === 0) return 0;
  let controls = 0;
  for (const b of sample) {
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1a) || b === 0x7f) {
      controls++;
    }
  }
  return controls / sample.length;
}

/** Counts well-formed multi-byte UTF-8 sequences and stray high bytes. */
function scanUtf8(bytes: Uint8Array): { validSequences: number; invalidBytes: number; firstInvalid: number } {
  let validSequences = 0;
  let invalidBytes = 0;
  let firstInvalid = -1;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = (bytes[i + k] & 0xc0) === 0x80;
    if (ok) {
      validSequences++;
      i += length;
    } else {
      invalidBytes++;
      if (firstInvalid < 0) firstInvalid = i;
      i++;
    }
  }
  return { validSequences, invalidBytes, firstInvalid };
}

/** LF line ends, no stray controls, NFC; a leading U+FEFF left by editors is dropped. */
function normaliseText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u000B\u000C]/g, '\n') // vertical tab / form feed separate lines or pages
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F]/g, '')
    .normalize('NFC');
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}
