// Per-segment quality checks: pure functions from a source and its translation to flags a
// reviewer sees next to the segment. None of them changes the text.
import type { Flag } from '../document/article.ts';
import { containsTerm } from '../glossary/match.ts';
import { checkConfidence } from './confidence.ts';
import { checkLength, lengthBoundsFor, type LengthBounds } from './length.ts';
import { checkRepetition } from './repetition.ts';
import { checkScript, defaultScript, type Script } from './script.ts';
import { checkUntranslated } from './untranslated.ts';

export * from './confidence.ts';
export * from './length.ts';
export * from './repetition.ts';
export * from './script.ts';
export * from './untranslated.ts';

/**
 * One flag per expected glossary spelling missing from the output. With `lang`, case endings
 * glued to a name in suffixing languages (Қошановтың) still count as the spelling.
 */
export function checkGlossary(output: string, expectedTerms: readonly string[], lang?: string): Flag[] {
  return [...new Set(expectedTerms)]
    .filter((term) => term.trim() && !containsTerm(output, term, lang))
    .map((term) => ({ kind: 'glossary', reason: `glossary term "${term}" is missing from the output` }));
}

export interface QualityInput {
  source: string;
  output: string;
  /** Target language tag, e.g. `kk`, `zh-Hant`. */
  lang: string;
  /** Expected writing system; defaults from `lang` (none known: not checked). */
  script?: Script;
  /** Allowed output/source length ratio; defaults from `lang`. */
  bounds?: LengthBounds;
  /** Glossary spellings the output must contain. */
  expectedTerms?: readonly string[];
  /** The model's confidence in the output (0–1), when it reported one. */
  confidence?: number;
  /** Confidence below which the output is flagged. @default 0.5 (config/schema.ts DEFAULT_MIN_CONFIDENCE) */
  minConfidence?: number;
}

/** Every check on one segment; an empty list means nothing looked wrong. */
export function qualityFlags(input: QualityInput): Flag[] {
  const { source, output, lang } = input;
  const script = input.script ?? defaultScript(lang);
  return [
    ...(script ? checkScript(output, script, lang) : []),
    ...checkLength(source, output, input.bounds ?? lengthBoundsFor(lang)),
    ...checkUntranslated(source, output),
    ...checkRepetition(output),
    ...checkGlossary(output, input.expectedTerms ?? [], lang),
    ...checkConfidence(input.confidence, input.minConfidence),
  ];
}

/**
 * The checks that apply to a summary as the summarizer wrote it, in the language it read: the
 * writing system and loops (the usual failure of summarizers). Length and copied words are not
 * checked there, since a summary is short and reuses its article's words by design; once
 * translated into an edition, a summary gets every check of `qualityFlags`.
 */
export function summarizerFlags(input: Pick<QualityInput, 'output' | 'lang' | 'script'>): Flag[] {
  const script = input.script ?? defaultScript(input.lang);
  return [...(script ? checkScript(input.output, script, input.lang) : []), ...checkRepetition(input.output)];
}
