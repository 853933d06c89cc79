import path from 'node:path';
import { z } from 'zod';
import { STAGING_DIR, writeFileAtomic } from '../output/atomic-write.ts';
import { editionMarkdown } from '../output/markdown.ts';
import { toResult } from '../output/result-json.ts';
import { defineStep } from './define-step.ts';

/** Writes `OUT/<slug>/result.json` and `<lang>.md` per edition, each atomically. */
export default defineStep({
  kind: 'write',
  description: 'write OUT/<slug>/result.json and one <lang>.md per edition',
  options: z.strictObject({
    /** What to write. @default ["json", "md"] */
    formats: z.array(z.enum(['json', 'md'])).min(1).default(['json', 'md']),
  }),
  async run(article, options, ctx) {
    const dir = path.join(ctx.outDir, article.slug);
    const staging = { tmpDir: path.join(ctx.outDir, STAGING_DIR) };
    const written: string[] = [];
    // Editions first, result.json last: its presence means the article is complete.
    if (options.formats.includes('md')) {
      for (const [lang, edition] of Object.entries(article.editions)) {
        if (edition.intermediate) continue;
        await writeFileAtomic(path.join(dir, `${lang}.md`), editionMarkdown(edition), staging);
        written.push(`${article.slug}/${lang}.md`);
      }
    }
    if (options.formats.includes('json')) {
      const result = toResult(article, ctx.pipeline);
      await writeFileAtomic(path.join(dir, 'result.json'), JSON.stringify(result, null, 2) + '\n', staging);
      written.push(`${article.slug}/result.json`);
    }
    article.outputs.push(...written);
  },
});
