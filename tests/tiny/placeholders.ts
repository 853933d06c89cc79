// Translators that do to glossary placeholders (`GLS1`, see src/glossary/mask.ts) what real
// models do to them, so the glossary's repair and its lost-term flag can fail in a test: each is
// opus-mt-fr-en (or -fr-ru) whose dictionary also rewrites `GLS1`…`GLS9` one way. `GLS10` and
// up are copied, as the other tiny models copy every unknown word.
import { DROP, frenchDictionary } from './dictionaries.ts';
import type { TinyModel } from './folder.ts';
import { FRENCH_SOURCE, frenchDecoder, marianFolder } from './marian.ts';
import { dictionaryWords, translationTable } from './tables.ts';
import { BLANK, buildVocab } from './tokenizer.ts';

/** What a model does to a placeholder; DROP leaves it out. */
export const PLACEHOLDER_BEHAVIOURS = {
  /** OPUS-MT fr-ru writes a Latin acronym in Cyrillic letters. */
  cyrillic: { target: 'ru', rewrite: (p: string) => p.replace('GLS', 'ГЛС') },
  split: { target: 'en', rewrite: (p: string) => p.replace(/(\d+)$/, ' $1') },
  titlecase: { target: 'en', rewrite: (p: string) => p[0] + p.slice(1).toLowerCase() },
  lowercase: { target: 'en', rewrite: (p: string) => p.toLowerCase() },
  drop: { target: 'en', rewrite: () => DROP },
  /** A placeholder said twice, as a model caught in a short loop does. */
  repeat: { target: 'en', rewrite: (p: string) => `${p} ${p}` },
  /**
   * A placeholder the segment never had written after the real one, as a model inventing a
   * second name does: nothing can restore it, so it stays in the text (`audarma eval` must see it).
   */
  invent: { target: 'en', rewrite: (p: string) => `${p} ${p.replace(/\d+$/, '0')}` },
} as const;
export type PlaceholderBehaviour = keyof typeof PLACEHOLDER_BEHAVIOURS;

export const PLACEHOLDERS = Array.from({ length: 9 }, (_, i) => `GLS${i + 1}`);

export function placeholderModelName(behaviour: PlaceholderBehaviour): string {
  return `gls-${behaviour}-fr-${PLACEHOLDER_BEHAVIOURS[behaviour].target}`;
}

export function placeholderModel(behaviour: PlaceholderBehaviour): TinyModel {
  const { target, rewrite } = PLACEHOLDER_BEHAVIOURS[behaviour];
  const dict = frenchDictionary(target);
  for (const p of PLACEHOLDERS) dict.set(p, rewrite(p));
  const vocab = buildVocab('marian', dictionaryWords(dict));
  const translate = translationTable(vocab, dict);
  // A dropped name leaves no capital pending for the next word (DROP would, as for "Le").
  for (const p of PLACEHOLDERS) if (dict.get(p) === DROP) translate[vocab.start(p)] = translate[vocab.cont(p)] = BLANK;
  return marianFolder(placeholderModelName(behaviour), vocab, FRENCH_SOURCE, frenchDecoder(vocab, dict, translate));
}
