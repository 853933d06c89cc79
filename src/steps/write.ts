import path from 'node:path';
import * as z from 'zod';
import { STAGING_DIR, writeFileAtomic } from '../output/atomic-write.ts';
import { editionMarkdown } from '../output/markdown.ts';
import { renderArticlePage } from '../output/html-article.ts';
import { withMemory } from '../memory/article-memory.ts';
import { toResult } from '../output/result-json.ts';
import { defineStep } from './define-step.ts';

/** Writes `OUT/<slug>/result.json`, `<lang>.md` per edition and the review page `index.html`, each atomically. */
export default defineStep({
  kind: 'write',
  description: 'write OUT/<slug>/result.json, one <lang>.md per edition and the review page index.html',
  options: z.strictObject({
    /** What to write: result.json, one Markdown file per edition, the side-by-side review page. @default ["json", "md", "html"] */
    formats: z.array(z.enum(['json', 'md', 'html'])).min(1).default(['json', 'md', 'html']),
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
    // The corrections used count as input: one stored since makes the next run redo the article.
    const inputHash = ctx.inputHash && withMemory(ctx.inputHash, ctx.memory?.used() ?? []);
    const result = toResult(article, ctx.pipeline, inputHash);
    if (options.formats.includes('html')) {
      await writeFileAtomic(path.join(dir, 'index.html'), renderArticlePage(result, { glossaryTerms: article.glossaryTerms }), staging);
      written.push(`${article.slug}/index.html`);
    }
    if (options.formats.includes('json')) {
      await writeFileAtomic(path.join(dir, 'result.json'), JSON.stringify(result, null, 2) + '\n', staging);
      written.push(`${article.slug}/result.json`);
    }
    article.outputs.push(...written);
  },
});
