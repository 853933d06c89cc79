import { newArticle } from '../document/article.ts';
import type { EditionSegment, FlagKind } from '../document/article.ts';
import type { StepContext } from '../steps/define-step.ts';
import { STEPS } from '../steps/registry.ts';

/** A quality flag on one sentence of a translated text. */
export interface TextFlag {
  /** The source sentence it was raised on. */
  source: string;
  kind: FlagKind;
  reason: string;
}

/** One text translated as a block of an article is: split into sentences, glossary kept, checked. */
export interface BlockTranslation {
  text: string;
  /** Quality flags of its sentences (script, length, untranslated, repetition, glossary). */
  flags: TextFlag[];
  /** Glossary spellings the translation carries. */
  terms: string[];
  /** Languages passed through, source first: `['fr', 'en', 'zh']`. */
  route: string[];
  /** Hub ids of the models (and derivations) used, in route order. */
  models: string[];
  /** Sentences that are an editor's correction from the translation memory, not model output. */
  memory: number;
  /** The model's confidence in the text: its least sure sentence's (see inference/scores.ts); absent when no sentence was scored. */
  confidence?: number;
  /**
   * Other texts, best first, when the context asks for alternatives: the k-th puts each sentence's
   * k-th alternative (or its text, when it has fewer) in place, as Argos Translate combines them.
   */
  alternatives?: string[];
}

/** The block's other texts from its sentences' n-best lists: each once, never the text itself. */
function blockAlternatives(segments: EditionSegment[], separator: string, text: string): string[] {
  const most = Math.max(0, ...segments.map((s) => s.alternatives?.length ?? 0));
  const out = new Set<string>();
  for (let k = 0; k < most; k++) {
    const alt = segments
      .map((s) => s.alternatives?.[k] ?? s.text)
      .filter(Boolean)
      .join(separator);
    if (alt !== text) out.add(alt);
  }
  return [...out];
}

/**
 * Translates texts (one line each) into `target` with the same steps a pipeline runs on an
 * article's blocks: French sentence segmentation, then the translate step (glossary masking,
 * pivots, derived editions, inputs fitted to the model, loop retry, quality flags). All texts go
 * through the gateway together, so they share batches with each other and with other callers.
 */
export async function translateBlocks(ctx: StepContext, texts: string[], target: string): Promise<BlockTranslation[]> {
  const wanted = texts.map((t, i) => (t.trim() === '' ? -1 : i)).filter((i) => i >= 0);
  const results: BlockTranslation[] = texts.map(() => ({ text: '', flags: [], terms: [], route: [], models: [], memory: 0 }));
  if (wanted.length === 0) return results;
  const article = newArticle('(request)', 'request', ctx.loaded.config.source);
  article.blocks = wanted.map((i) => ({ type: 'paragraph', text: texts[i], segments: [] }));
  await STEPS.segment.run(article, {}, ctx);
  await STEPS.translate.run(article, { targets: [target] }, ctx);
  const edition = article.editions[target];
  wanted.forEach((i, k) => {
    const block = edition.blocks[k];
    results[i] = {
      text: block.text,
      flags: block.segments.flatMap((s) => (s.flags ?? []).map((f) => ({ source: s.source, kind: f.kind, reason: f.reason }))),
      terms: [...new Set(block.segments.flatMap((s) => s.terms ?? []))],
      route: edition.route,
      models: edition.models,
      memory: block.segments.filter((s) => s.origin === 'memory').length,
    };
    const scored = block.segments.flatMap((s) => (s.confidence === undefined ? [] : [s.confidence]));
    if (scored.length) results[i].confidence = Math.min(...scored);
    if (ctx.alternatives) results[i].alternatives = blockAlternatives(block.segments, ctx.loaded.config.targets[target].separator, block.text);
  });
  return results;
}
