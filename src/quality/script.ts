import type { Flag } from '../document/article.ts';

export type Script = 'Latn' | 'Cyrl' | 'Hani';

/**
 * Below this share of letters in the expected script, an output is flagged. Names and acronyms
 * in Latin (NATO, Tokayev's "Astana International Forum") are normal inside Cyrillic or Chinese
 * text, so the bar is "at least half", not "all".
 */
export const SCRIPT_MIN_SHARE = 0.5;
/** Fewer letters than this tell nothing: a segment that is just "COVID-19" or "OTAN". */
export const SCRIPT_MIN_LETTERS = 6;

/** Scripts a letter is counted under, with the names used in messages. */
const SCRIPTS: readonly { name: string; code?: Script; regex: RegExp }[] = [
  { name: 'Latin', code: 'Latn', regex: /\p{Script=Latin}/u },
  { name: 'Cyrillic', code: 'Cyrl', regex: /\p{Script=Cyrillic}/u },
  { name: 'Han', code: 'Hani', regex: /\p{Script=Han}/u },
  { name: 'Greek', regex: /\p{Script=Greek}/u },
  { name: 'Arabic', regex: /\p{Script=Arabic}/u },
  { name: 'Japanese kana', regex: /[\p{Script=Hiragana}\p{Script=Katakana}]/u },
  { name: 'Hangul', regex: /\p{Script=Hangul}/u },
];
const nameOf = (code: Script): string => SCRIPTS.find((s) => s.code === code)?.name ?? code;

/** Writing system each edition is expected in, when the config does not say. */
export const DEFAULT_SCRIPTS: Readonly<Record<string, Script>> = {
  en: 'Latn',
  fr: 'Latn',
  ru: 'Cyrl',
  kk: 'Cyrl',
  'kk-Latn': 'Latn',
  zh: 'Hani',
  'zh-Hant': 'Hani',
};

/** The script of an edition: listed, else named by the tag (`uz-Cyrl`, `zh-Hans`), else its language's. */
export function defaultScript(lang: string): Script | undefined {
  if (DEFAULT_SCRIPTS[lang]) return DEFAULT_SCRIPTS[lang];
  const subtag = lang
    .split('-')
    .slice(1)
    .find((t) => /^[A-Za-z]{4}$/.test(t));
  if (subtag) return ({ Latn: 'Latn', Cyrl: 'Cyrl', Hani: 'Hani', Hans: 'Hani', Hant: 'Hani' } as const)[subtag as 'Latn'];
  return DEFAULT_SCRIPTS[lang.split('-')[0]];
}

/** Letters of the text by script name; digits, punctuation and symbols are not letters. */
export function lettersByScript(text: string): { counts: Map<string, number>; total: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const ch of text.match(/\p{L}/gu) ?? []) {
    const name = SCRIPTS.find((s) => s.regex.test(ch))?.name ?? 'other scripts';
    counts.set(name, (counts.get(name) ?? 0) + 1);
    total++;
  }
  return { counts, total };
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;

/** Flags an output whose letters are mostly not in the script expected for `lang`. */
export function checkScript(text: string, script: Script, lang: string): Flag[] {
  const { counts, total } = lettersByScript(text);
  if (total < SCRIPT_MIN_LETTERS) return [];
  const expected = nameOf(script);
  const share = (counts.get(expected) ?? 0) / total;
  if (share >= SCRIPT_MIN_SHARE) return [];
  const [dominant, count] = [...counts].sort((a, b) => b[1] - a[1])[0];
  const reason =
    dominant === expected
      ? `expected ${expected} script for ${lang}, found only ${percent(share)} of letters in it`
      : `expected ${expected} script for ${lang}, found mostly ${dominant} (${percent(count / total)} of letters)`;
  return [{ kind: 'script', reason }];
}
