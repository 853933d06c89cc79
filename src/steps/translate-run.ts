// The translate step at work: its editions made segment by segment. Apart from the step's
// definition (translate.ts) so that checking a pipeline does not load the glossary, quality and
// model-calling code.
import { hopFor, routeOf } from '../config/routes.ts';
import type { Article, EditionBlock, EditionSegment } from '../document/article.ts';
import { derivation } from '../derive/index.ts';
import { expectedTerms } from '../glossary/expected-terms.ts';
import { relocateSpans } from '../inference/scores.ts';
import { qualityFlags } from '../quality/index.ts';
import type { StepContext } from './define-step.ts';
import { translateTexts, type Translated } from './translate-texts.ts';

/** The source sentences per block (the whole block when it was not segmented). */
const sourceSegments = (article: Article): string[][] => article.blocks.map((b) => (b.segments.length ? b.segments : [b.text]));

/** A segment an edition is made from, with what the model that wrote it was sure of. */
type Input = Pick<EditionSegment, 'text' | 'confidence' | 'lowWords' | 'alternatives'> & { terms: string[] };

/** The segments an edition is made from, per block: the source sentences or another edition's. */
function inputSegments(article: Article, lang: string): Input[][] {
  if (lang === article.sourceLang) return sourceSegments(article).map((segs) => segs.map((text) => ({ text, terms: [] })));
  return article.editions[lang].blocks.map((b) =>
    b.segments.map((s) => ({ text: s.text, terms: s.terms ?? [], confidence: s.confidence, lowWords: s.lowWords, alternatives: s.alternatives })),
  );
}

/**
 * A derived edition is exactly as sure as the text it is spelled from; its marked words are found
 * again in the new spelling (a word the derivation spells differently in context loses its mark).
 */
function derived(input: Input, derive: (s: string) => string): Translated {
  const text = derive(input.text);
  const out: Translated = { text, terms: input.terms.map(derive) };
  if (input.confidence !== undefined) out.confidence = input.confidence;
  const low = input.lowWords && relocateSpans(input.lowWords, input.text, text, derive);
  if (low?.length) out.lowWords = low;
  if (input.alternatives) out.alternatives = input.alternatives.map(derive);
  return out;
}

/** A pivot edition (fr → en → zh) is as sure as its least sure hop. */
function throughPivot(made: Translated, input: Input): Translated {
  if (made.confidence === undefined || input.confidence === undefined) return made;
  return { ...made, confidence: Math.min(made.confidence, input.confidence) };
}

/** Where each segment's text comes from: an editor's correction in the memory, or the edition's hop. */
interface Made extends Translated {
  correction?: { approved: boolean };
}

/**
 * The texts of one edition, segment by segment. An editor's correction for the segment's source
 * sentence in this edition is used instead of the model (or derivation); the others go through
 * the hop, which reads the `from` edition as it stands, corrections included: a corrected English
 * sentence is what the Chinese pivot translates, a corrected Kazakh one what kk-Latn spells.
 */
async function makeTexts(ctx: StepContext, lang: string, inputs: Input[], sources: string[]): Promise<Made[]> {
  const { config } = ctx.loaded;
  const hop = hopFor(config, lang);
  const entries = ctx.memory?.lookup(sources, lang) ?? [];
  const todo = inputs.map((_, i) => i).filter((i) => !entries[i]);
  let made: Translated[] = [];
  if (hop.kind === 'derive') {
    const derive = derivation(hop.derive);
    made = todo.map((i) => derived(inputs[i], derive));
  } else if (todo.length) {
    made = await translateTexts(
      ctx,
      hop.model,
      { from: hop.from, to: lang },
      todo.map((i) => inputs[i].text),
      config.targets[lang].separator,
    );
    made = made.map((m, k) => throughPivot(m, inputs[todo[k]]));
  }
  const byIndex = new Map(todo.map((i, k) => [i, made[k]]));
  return inputs.map((_, i) => {
    const entry = entries[i];
    if (!entry) return byIndex.get(i)!;
    // Checked like model output: a glossary spelling the editor dropped is flagged.
    return { text: entry.text, terms: expectedTerms(config, ctx.glossary, sources[i], lang), correction: { approved: entry.approved } };
  });
}

export async function makeEdition(article: Article, lang: string, wanted: readonly string[], ctx: StepContext): Promise<void> {
  const { config } = ctx.loaded;
  const hop = hopFor(config, lang);
  const target = config.targets[lang];
  const perBlock = inputSegments(article, hop.from);
  const sources = sourceSegments(article);
  const flatSources = perBlock.flatMap((segs, i) => segs.map((_, k) => sources[i][k] ?? ''));
  const out = await makeTexts(ctx, lang, perBlock.flat(), flatSources);
  let at = 0;
  const blocks: EditionBlock[] = article.blocks.map((b, i) => {
    const segments = perBlock[i].map((_, k): EditionSegment => {
      const { text, terms, correction, confidence, lowWords, alternatives } = out[at + k];
      const source = sources[i][k] ?? '';
      const flags = qualityFlags({
        source,
        output: text,
        lang,
        script: target.script,
        bounds: target.lengthRatio,
        expectedTerms: terms,
        confidence,
        minConfidence: config.quality.minConfidence,
      });
      return {
        source,
        text,
        ...(correction ? { origin: 'memory' as const, ...(correction.approved ? { approved: true } : {}) } : {}),
        ...(flags.length ? { flags } : {}),
        ...(terms.length ? { terms } : {}),
        ...(confidence !== undefined ? { confidence: Math.round(confidence * 1000) / 1000 } : {}),
        ...(lowWords?.length ? { lowWords } : {}),
        ...(alternatives?.length ? { alternatives } : {}),
      };
    });
    at += perBlock[i].length;
    return {
      type: b.type,
      text: segments
        .map((s) => s.text)
        .filter(Boolean)
        .join(target.separator),
      segments,
    };
  });
  const previous = hop.from === article.sourceLang ? [] : article.editions[hop.from].models;
  const step = hop.kind === 'derive' ? hop.derive : config.catalogue[hop.model].id;
  article.editions[lang] = {
    lang,
    route: routeOf(config, lang),
    models: [...previous, step],
    blocks,
    ...(wanted.includes(lang) ? {} : { intermediate: true }),
  };
  const terms = blocks.flatMap((b) => b.segments.flatMap((s) => s.terms ?? []));
  if (terms.length) article.glossaryTerms = [...new Set([...(article.glossaryTerms ?? []), ...terms])];
}
