// The write step at work. Apart from the step's definition (write.ts) so that checking a pipeline
// does not load the Markdown and page renderers.
import path from 'node:path';
import { licencesById } from '../config/licences.ts';
import type { Article } from '../document/article.ts';
import { withMemory } from '../memory/article-memory.ts';
import { STAGING_DIR, writeFileAtomic } from '../output/atomic-write.ts';
import { renderArticlePage } from '../output/html-article.ts';
import { formatOf } from '../document/formats/registry.ts';
import { editionMarkdown } from '../output/markdown.ts';
import { toResult } from '../output/result-json.ts';
import type { StepContext } from './define-step.ts';
import { editionFile } from './edition-file.ts';

export type WriteFormat = 'json' | 'md' | 'html';

/**
 * Writes `OUT/<slug>/result.json`, `<lang>.md` per edition (and `<lang>.docx`/`.odt` beside it
 * when the source is such a file) and the review page `index.html`, each atomically.
 */
export async function writeArticle(article: Article, options: { formats: readonly WriteFormat[] }, ctx: StepContext): Promise<void> {
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
    // A source that is not text (an office file) gets editions in its own format too.
    const format = formatOf(article.file);
    if (format && !format.text) {
      for (const [lang, edition] of Object.entries(article.editions)) {
        if (edition.intermediate) continue;
        const name = `${lang}${format.extensions[0]}`;
        await writeFileAtomic(path.join(dir, name), await editionFile(format, article, edition, ctx), staging);
        written.push(`${article.slug}/${name}`);
      }
    }
  }
  // The corrections used count as input: one stored since makes the next run redo the article.
  const inputHash = ctx.inputHash && withMemory(ctx.inputHash, ctx.memory?.used() ?? []);
  const result = toResult(article, ctx.pipeline, inputHash);
  if (options.formats.includes('html')) {
    await writeFileAtomic(
      path.join(dir, 'index.html'),
      renderArticlePage(result, { glossaryTerms: article.glossaryTerms, licences: licencesById(ctx.loaded.config) }),
      staging,
    );
    written.push(`${article.slug}/index.html`);
  }
  if (options.formats.includes('json')) {
    await writeFileAtomic(path.join(dir, 'result.json'), JSON.stringify(result, null, 2) + '\n', staging);
    written.push(`${article.slug}/result.json`);
  }
  article.outputs.push(...written);
}
