import { z } from 'zod';
import { editionOrder, hopFor, routeOf } from '../config/routes.ts';
import { LanguageTagSchema } from '../config/schema.ts';
import type { Article, EditionBlock } from '../document/article.ts';
import { DERIVATIONS } from '../derive/index.ts';
import { messages } from '../diagnostics/messages.ts';
import { defineStep, type StepContext } from './define-step.ts';
import { translateTexts } from './translate-texts.ts';

/** The segments an edition is made from, per block: the source sentences or another edition's. */
function inputSegments(article: Article, lang: string): string[][] {
  if (lang === article.sourceLang) return article.blocks.map((b) => (b.segments.length ? b.segments : [b.text]));
  return article.editions[lang].blocks.map((b) => b.segments.map((s) => s.text));
}

async function makeEdition(article: Article, lang: string, wanted: readonly string[], ctx: StepContext): Promise<void> {
  const { config } = ctx.loaded;
  const hop = hopFor(config, lang);
  const target = config.targets[lang];
  const perBlock = inputSegments(article, hop.from);
  const flat = perBlock.flat();
  const out =
    hop.kind === 'derive'
      ? flat.map(DERIVATIONS[hop.derive as keyof typeof DERIVATIONS])
      : await translateTexts(ctx, hop.model, { from: hop.from, to: lang }, flat, target.separator);
  const sources = article.blocks.map((b) => (b.segments.length ? b.segments : [b.text]));
  let at = 0;
  const blocks: EditionBlock[] = article.blocks.map((b, i) => {
    const segments = perBlock[i].map((_, k) => ({ source: sources[i][k] ?? '', text: out[at + k] }));
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
