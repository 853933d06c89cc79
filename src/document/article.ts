import type { Block, BlockType } from './types.ts';

/** Kinds of quality flag a segment can carry. */
export type FlagKind = 'script' | 'length' | 'untranslated' | 'repetition' | 'glossary' | 'low-confidence';

export interface Flag {
  kind: FlagKind;
  reason: string;
}

/** A source block with the sentences it was split into. */
export interface SourceBlock extends Block {
  segments: string[];
}

/** One translated segment, kept next to the text it came from. */
export interface EditionSegment {
  source: string;
  text: string;
  /** `memory`: the text is an editor's correction from the translation memory, not the model's output. */
  origin?: 'memory';
  /** The correction was signed off (XLIFF `final`), not only made. */
  approved?: boolean;
  flags?: Flag[];
  /** Glossary spellings this segment must contain. */
  terms?: string[];
  /**
   * How sure the model was of the text: exp(mean log-probability of its tokens), 0–1 (see
   * inference/scores.ts); the lowest hop's for a pivot edition. Absent for an editor's text.
   */
  confidence?: number;
  /** Character spans [start, end) of words holding a token of probability below 0.5. */
  lowWords?: [number, number][];
  /** Other texts of the model's n-best list, best first; only when asked (StepContext.alternatives), never in result.json. */
  alternatives?: string[];
}

export interface EditionBlock {
  type: BlockType;
  text: string;
  segments: EditionSegment[];
}

/** One language edition of an article and how it was made. */
export interface Edition {
  lang: string;
  /** Languages passed through, source first: `['fr', 'en', 'zh']`. */
  route: string[];
  /** Hub ids of the models used, in route order; derivation names for derived editions. */
  models: string[];
  blocks: EditionBlock[];
  summary?: string;
  /** How the summary reached this language: the summarizer, then the model that translated it. */
  summaryModels?: string[];
  /** Quality flags of the summary, checked as a segment's are. */
  summaryFlags?: Flag[];
  /** Glossary spellings the summary must contain (those of the terms in the text it was translated from). */
  summaryTerms?: string[];
  /** Made only as a step towards another edition (a pivot nobody asked for): not written out. */
  intermediate?: boolean;
}

/** The state of one article as it moves through a pipeline's steps. */
export interface Article {
  file: string;
  slug: string;
  sourceLang: string;
  blocks: SourceBlock[];
  /** Blocks removed by the clean step, kept for the report. */
  dropped: Block[];
  editions: Record<string, Edition>;
  /** Which edition the summary was made from, by which model, from how many segments. */
  summary?: { language: string; model: string; inputSegments: number; totalSegments: number };
  /** Glossary spellings found in the editions, marked on the review page. */
  glossaryTerms?: string[];
  /** Files written for this article, relative to the output folder. */
  outputs: string[];
}

export function newArticle(file: string, slug: string, sourceLang: string): Article {
  return { file, slug, sourceLang, blocks: [], dropped: [], editions: {}, outputs: [] };
}
