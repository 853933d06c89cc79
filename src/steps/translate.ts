import { z } from 'zod';
import { editionOrder, hopFor, routeOf } from '../config/routes.ts';
import { LanguageTagSchema } from '../config/schema.ts';
import type { Article, EditionBlock } from '../document/article.ts';
import { derivation } from '../derive/index.ts';
import { messages } from '../diagnostics/messages.ts';
import { qualityFlags } from '../quality/index.ts';
import { defineStep, type StepContext } from './define-step.ts';
import { translateTexts, type Translated } from './translate-texts.ts';

/** The source sentences per block (the whole block when it was not segmented). */
const sourceSegments = (article: Article): string[][] => article.blocks.map((b) => (b.segments.length ? b.segments : [b.text]));

/** The segments an edition is made from, per block: the source sentences or another edition's. */
function inputSegments(article: Article, lang: string): { text: string; terms: string[] }[][] {
  if (lang === article.sourceLang) return sourceSegments(article).map((segs) => segs.map((text) => ({ text, terms: [] })));
  return article.editions[lang].blocks.map((b) => b.segments.map((s) => ({ text: s.text, terms: s.terms ?? [] })));
}

async function makeEdition(article: Article, lang: string, wanted: readonly string[], ctx: StepContext): Promise<void> {
  const { config } = ctx.loaded;
  const hop = hopFor(config, lang);
  const target = config.targets[lang];
  const perBlock = inputSegments(article, hop.from);
  const flat = perBlock.flat();
  let out: Translated[];
  if (hop.kind === 'derive') {
    const derive = derivation(hop.derive);
    out = flat.map((s) => ({ text: derive(s.text), terms: s.terms.map(derive) }));
  } else {
    out = await translateTexts(ctx, hop.model, { from: hop.from, to: lang }, flat.map((s) => s.text), target.separator);
  }
  const sources = sourceSegments(article);
  let at = 0;
  const blocks: EditionBlock[] = article.blocks.map((b, i) => {
    const segments = perBlock[i].map((_, k) => {
      const { text, terms } = out[at + k];
      const source = sources[i][k] ?? '';
      const flags = qualityFlags({ source, output: text, lang, script: target.script, bounds: target.lengthRatio, expectedTerms: terms });
      return { source, text, ...(flags.length ? { flags } : {}), ...(terms.length ? { terms } : {}) };
    });
    at += perBlock[i].length;
    return { type: b.type, text: segments.map((s) => s.text).filter(Boolean).join(target.separator), segments };
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

/** Makes each target edition, block by block, directly, through a multilingual model, via a pivot, or by derivation. */
export default defineStep({
  kind: 'translate',
  description: 'make the listed target editions from the source (direct, multilingual, pivot or derived, as config.yaml says)',
  options: z.strictObject({
    /** Target languages to make, keys of `targets` in config.yaml. */
    targets: z.array(LanguageTagSchema).min(1),
  }),
  check(options, config) {
    const known = Object.keys(config.targets);
    return options.targets.flatMap((t, i) => (known.includes(t) ? [] : [{ path: ['targets', i], m: messages.unknownTarget(t, known) }]));
  },
  async run(article, options, ctx) {
    for (const lang of editionOrder(ctx.loaded.config, options.targets)) {
      if (article.editions[lang]) {
        if (options.targets.includes(lang)) delete article.editions[lang].intermediate;
        continue;
      }
      await makeEdition(article, lang, options.targets, ctx);
    }
  },
});
