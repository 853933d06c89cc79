import * as z from 'zod';
import { defineStep } from './define-step.ts';

/** The renderers load with the first article, not with every config check (see translate.ts). */
const writer = () => import('./write-run.ts');

/** Writes `OUT/<slug>/result.json`, `<lang>.md` per edition and the review page `index.html`, each atomically. */
export default defineStep({
  kind: 'write',
  description: 'write OUT/<slug>/result.json, one <lang>.md per edition and the review page index.html',
  options: z.strictObject({
    /** What to write: result.json, one Markdown file per edition, the side-by-side review page. @default ["json", "md", "html"] */
    formats: z
      .array(z.enum(['json', 'md', 'html']))
      .min(1)
      .default(['json', 'md', 'html']),
  }),
  async run(article, options, ctx) {
    const { writeArticle } = await writer();
    await writeArticle(article, options, ctx);
  },
});
