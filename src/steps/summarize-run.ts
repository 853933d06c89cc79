// The summarize step at work. Apart from the step's definition (summarize.ts) so that checking a
// pipeline does not load the segmenter, quality and model-calling code.
import { editionOrder, hopFor, summaryModelFor } from '../config/routes.ts';
import { derivation } from '../derive/index.ts';
import type { Article, Edition, Flag } from '../document/article.ts';
import { segmentFrench } from '../document/segment-fr.ts';
import { isListItem } from '../document/types.ts';
import { qualityFlags, summarizerFlags } from '../quality/index.ts';
import type { StepContext } from './define-step.ts';
import { translateTexts } from './translate-texts.ts';

/**
 * Summarizes the article in the summary language, then translates that summary into every other
 * edition, each checked like a segment.
 */
export async function summarizeArticle(article: Article, ctx: StepContext): Promise<void> {
  const { config } = ctx.loaded;
  const { model, language, generation } = config.summary!;
  const base = article.editions[language];
  if (!base) throw new Error(`the summary is made from the ${language} edition; translate into ${language} before summarizing`);
  const body = base.blocks.filter((b) => b.type === 'paragraph' || b.type === 'quote' || isListItem(b));
  const segments = (body.length ? body : base.blocks).flatMap((b) => b.segments.map((s) => s.text)).filter(Boolean);
  // The summarizer reads the lead of the article up to its input limit, as news summarizers are trained to.
  const count = await ctx.gateway.tokenCounter(model);
  const limit = ctx.gateway.inputLimit(model);
  let used = 0;
  while (used < segments.length && count(segments.slice(0, used + 1).join(' ')) <= limit) used++;
  const input = segments.slice(0, Math.max(used, 1)).join(' ');
  const [{ text: summary }] = await ctx.gateway.summarize(model, [input], generation);
  article.summary = { language, model: config.catalogue[model].id, inputSegments: Math.max(used, 1), totalSegments: segments.length };
  base.summary = summary;
  base.summaryModels = [config.catalogue[model].id];
  setSummaryChecks(base, summarizerFlags({ output: summary, lang: language, script: config.targets[language]?.script }), []);
  const sentences = segmentFrench(summary);
  for (const lang of editionOrder(config, Object.keys(article.editions))) {
    const edition = article.editions[lang];
    if (lang === language || !edition) continue;
    const hop = hopFor(config, lang);
    const target = config.targets[lang];
    let terms: string[];
    if (hop.kind === 'derive') {
      const from = article.editions[hop.from];
      const derive = derivation(hop.derive);
      edition.summary = derive(from?.summary ?? '');
      edition.summaryModels = [...(from?.summaryModels ?? []), hop.derive];
      terms = (from?.summaryTerms ?? []).map(derive);
    } else {
      const key = summaryModelFor(config, lang)!;
      const pieces = await translateTexts(ctx, key, { from: language, to: lang }, sentences, target.separator);
      edition.summary = pieces
        .map((p) => p.text)
        .filter(Boolean)
        .join(target.separator);
      edition.summaryModels = [config.catalogue[model].id, config.catalogue[key].id];
      terms = [...new Set(pieces.flatMap((p) => p.terms))];
    }
    // The translated summary is checked against the summary it was translated from, as a
    // segment against its source, glossary spellings included.
    const flags = qualityFlags({ source: summary, output: edition.summary, lang, script: target.script, bounds: target.lengthRatio, expectedTerms: terms });
    setSummaryChecks(edition, flags, terms);
    if (terms.length) article.glossaryTerms = [...new Set([...(article.glossaryTerms ?? []), ...terms])];
  }
}

/** Records a summary's flags and glossary spellings, leaving the fields out when there are none. */
function setSummaryChecks(edition: Edition, flags: Flag[], terms: string[]): void {
  delete edition.summaryFlags;
  delete edition.summaryTerms;
  if (flags.length) edition.summaryFlags = flags;
  if (terms.length) edition.summaryTerms = terms;
}
