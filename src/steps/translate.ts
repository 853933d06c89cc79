import * as z from 'zod';
import { editionOrder } from '../config/routes.ts';
import { LanguageTagSchema } from '../config/schema.ts';
import { messages } from '../diagnostics/messages.ts';
import { defineStep } from './define-step.ts';

/**
 * The code that makes editions loads with the first article, not with every config check. Out
 * here, not in `run` below: tsc leaves `.ts` unrewritten in an import() inside `export default`.
 */
const editions = () => import('./translate-run.ts');

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
      const { makeEdition } = await editions();
      await makeEdition(article, lang, options.targets, ctx);
    }
  },
});
