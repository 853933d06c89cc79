// sacreBLEU is Python, and its scores depend on what Python's string methods do: `str.split()`
// splits on more characters than JavaScript's `\s` (U+001C–U+001F, U+0085) and fewer (not
// U+FEFF), and strings are indexed by code point, not UTF-16 unit. These helpers do what the
// Python calls do, so character n-grams and tokens are the same on both sides.

/** The characters for which Python's `str.isspace()` is true (Unicode 14, Python 3.11). */
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const RUNS = new RegExp(`[${PY_SPACE}]+`, 'u');
const LEADING = new RegExp(`^[${PY_SPACE}]+`, 'u');
const TRAILING = new RegExp(`[${PY_SPACE}]+$`, 'u');

/** Python `s.split()`: the words between runs of whitespace, none empty. */
export function pySplit(s: string): string[] {
  return s.split(RUNS).filter((w) => w !== '');
}

/** Python `s.rstrip()`. */
export function pyRstrip(s: string): string {
  return s.replace(TRAILING, '');
}

/** Python `s.strip()`. */
export function pyStrip(s: string): string {
  return s.replace(LEADING, '').replace(TRAILING, '');
}

/** The code points of a string, as Python indexes it. */
export function codePoints(s: string): string[] {
  return Array.from(s);
}

/**
 * Python's `f"{x:.{digits}f}"`: the exact binary value rounded to `digits` decimals, a tie (only
 * possible when the value is exactly representable, e.g. 0.25) going to the even digit, where
 * JavaScript's toFixed goes up.
 */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return String(x);
  const exact = Math.abs(x).toFixed(100);
  const [whole, fraction] = exact.split('.');
  const rest = fraction.slice(digits);
  const tie = rest[0] === '5' && /^0*$/.test(rest.slice(1));
  if (!tie) return x.toFixed(digits);
  // On a tie toFixed takes the larger magnitude, which is right when the kept digit is odd.
  const kept = whole + (digits ? '.' + fraction.slice(0, digits) : '');
  if (Number(kept[kept.length - 1]) % 2 !== 0) return x.toFixed(digits);
  return (x < 0 ? '-' : '') + kept;
}

/**
 * The lines of a text file as sacreBLEU's command line reads hypotheses and references: split at
 * `\n` only, the last line's newline optional, each line right-stripped (so `\r` goes too).
 */
export function readLinesAsSacrebleu(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map(pyRstrip);
}
