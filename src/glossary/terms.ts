import { allowsSuffix, TermMatcher } from './match.ts';
import { spellingFor, type Glossary } from './schema.ts';

const matchers = new WeakMap<Glossary, Map<string, TermMatcher<string>>>();

/** Spellings an edition in `lang` should use: the target spelling, or the source for kept/unspelled terms. */
export function spellingsFor(glossary: Glossary, lang: string): string[] {
  return glossary.entries.map((e) => spellingFor(e, lang).text);
}

function spellingMatcher(glossary: Glossary, lang: string): TermMatcher<string> {
  let byLang = matchers.get(glossary);
  if (!byLang) matchers.set(glossary, (byLang = new Map()));
  let m = byLang.get(lang);
  if (!m) byLang.set(lang, (m = new TermMatcher(spellingsFor(glossary, lang).map((s) => ({ term: s, value: s })), (t) => allowsSuffix(t, lang))));
  return m;
}

/**
 * The glossary spellings for `lang` present in an edition's text, each once, in order of first
 * appearance; the longest wins where spellings overlap. For the review page to mark.
 */
export function termsIn(text: string, glossary: Glossary, lang: string): string[] {
  return [...new Set(spellingMatcher(glossary, lang).find(text.normalize('NFC')).map((m) => m.value))];
}
