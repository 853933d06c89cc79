// BLEU's tokenizers as sacreBLEU 2.6 writes them (sacrebleu/tokenizers/): what each splits off
// decides which n-grams match, so every rule here is theirs, quirks included.
import { codePoints, pySplit, pyStrip } from './python-text.ts';
import type { TokenizerName } from './defaults.ts';

export type Tokenizer = (line: string) => string;

/**
 * The mteval-v13a rules for Western text (sacreBLEU's TokenizerRegexp): ASCII symbols and
 * punctuation split off, periods and commas split off unless between digits, a dash after a digit.
 */
const REGEXP_RULES: [RegExp, string][] = [
  [/([{-~[-` -&(-+:-@/])/gu, ' $1 '],
  [/([^0-9])([.,])/gu, '$1 $2 '],
  [/([.,])([^0-9])/gu, ' $1 $2'],
  [/([0-9])(-)/gu, '$1 $2 '],
];

function regexpTokenize(line: string): string {
  for (const [re, replacement] of REGEXP_RULES) line = line.replace(re, replacement);
  return pySplit(line).join(' ');
}

/** `13a`, the default: mteval-v13a's entity unescaping, then the rules above on the padded line. */
export function tokenize13a(line: string): string {
  line = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  if (line.includes('&')) {
    line = line.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  return regexpTokenize(` ${line} `);
}

/**
 * The code point ranges sacreBLEU's `zh` tokenizer takes for Chinese characters. Its table is
 * compared as Python strings, and two of its bounds were written `u'\u20000'` meaning U+20000
 * but are the two characters U+2000 "0": so U+2001–U+2A6D (general punctuation such as — “ ” …,
 * currency signs, arrows, maths) count as Chinese and are split off, and CJK Extension B does
 * not. Reproduced as Python compares them, since that is what its scores come from.
 */
const CHINESE_RANGES: readonly [number, number][] = [
  [0x3400, 0x4db5],
  [0x4e00, 0x9fa5],
  [0x9fa6, 0x9fbb],
  [0xf900, 0xfa2d],
  [0xfa30, 0xfa6a],
  [0xfa70, 0xfad9],
  [0x2001, 0x2a6d], // written as U+20000–U+2A6D6
  [0x2f81, 0x2fa1], // written as U+2F800–U+2FA1D
  [0xff00, 0xffef],
  [0x2e80, 0x2eff],
  [0x3000, 0x303f],
  [0x31c0, 0x31ef],
  [0x2f00, 0x2fdf],
  [0x2ff0, 0x2fff],
  [0x3100, 0x312f],
  [0x31a0, 0x31bf],
  [0xfe10, 0xfe1f],
  [0xfe30, 0xfe4f],
  [0x2600, 0x26ff],
  [0x2700, 0x27bf],
  [0x3200, 0x32ff],
  [0x3300, 0x33ff],
];

function isChineseChar(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return CHINESE_RANGES.some(([from, to]) => cp >= from && cp <= to);
}

/** `zh`: every Chinese character a token of its own, the rest by the 13a rules (without 13a's padding). */
export function tokenizeZh(line: string): string {
  const spaced = codePoints(pyStrip(line))
    .map((c) => (isChineseChar(c) ? ` ${c} ` : c))
    .join('');
  return regexpTokenize(spaced);
}

/** `intl` (mteval-v14 international): Unicode punctuation split off unless between digits, symbols always. */
export function tokenizeIntl(line: string): string {
  line = line
    .replace(/(\P{N})(\p{P})/gu, '$1 $2 ')
    .replace(/(\p{P})(\P{N})/gu, ' $1 $2')
    .replace(/(\p{S})/gu, ' $1 ');
  return pySplit(line).join(' ');
}

/** `char`: every character a token. */
export function tokenizeChar(line: string): string {
  return codePoints(line).join(' ');
}

/** `none`: the text as it is. */
export function tokenizeNone(line: string): string {
  return line;
}

export const TOKENIZERS = Object.freeze({
  '13a': tokenize13a,
  zh: tokenizeZh,
  intl: tokenizeIntl,
  char: tokenizeChar,
  none: tokenizeNone,
} satisfies Record<TokenizerName, Tokenizer>);

export type { TokenizerName };

export function isTokenizerName(name: string): name is TokenizerName {
  return Object.hasOwn(TOKENIZERS, name);
}

/** sacreBLEU's default tokenizer for a target language: `zh` for Chinese (zh, zh-Hant…), else `13a`. */
export function defaultTokenizer(lang?: string): TokenizerName {
  return lang && /^zh(-|$)/i.test(lang) ? 'zh' : '13a';
}
