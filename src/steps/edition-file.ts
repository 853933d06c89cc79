// An edition written in the source's own format (`<lang>.docx`, `<lang>.odt`), for files that are
// not text: the source file translated in place with the edition's own texts.
import { readFile } from 'node:fs/promises';
import { hopFor } from '../config/routes.ts';
import { derivation } from '../derive/index.ts';
import type { Article, Edition } from '../document/article.ts';
import type { DocumentFormat } from '../document/formats/types.ts';
import { segmentFrench } from '../document/segment-fr.ts';
import type { StepContext } from './define-step.ts';
import { translateTexts } from './translate-texts.ts';

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Translates `texts` of the source into `lang` along the edition's route (pivots and derivations
 * as the edition was made); the cache answers what the run already translated.
 */
async function alongRoute(ctx: StepContext, article: Article, lang: string, texts: string[]): Promise<string[]> {
  if (lang === article.sourceLang || texts.length === 0) return texts;
  const { config } = ctx.loaded;
  const hop = hopFor(config, lang);
  const from = await alongRoute(ctx, article, hop.from, texts);
  if (hop.kind === 'derive') return from.map(derivation(hop.derive));
  const separator = config.targets[lang].separator;
  // Sentence by sentence, as the segment step splits the article's blocks.
  const sentences = from.map((t) => (hop.from === article.sourceLang ? segmentFrench(t) : [t]));
  const made = await translateTexts(ctx, hop.model, { from: hop.from, to: lang }, sentences.flat(), separator);
  let at = 0;
  return sentences.map((s) =>
    made
      .slice(at, (at += s.length))
      .map((m) => m.text)
      .filter(Boolean)
      .join(separator),
  );
}

/**
 * The source file in `lang`: each paragraph the article's blocks hold gets its edition block's
 * text (editors' corrections included), a paragraph the clean step dropped is emptied, and what
 * the article does not hold (the words under a bold or a link, headers and footers) is translated
 * along the edition's route.
 */
export async function editionFile(format: DocumentFormat, article: Article, edition: Edition, ctx: StepContext): Promise<Uint8Array> {
  const known = new Map<string, string>();
  article.blocks.forEach((b, i) => known.set(norm(b.text), edition.blocks[i]?.text ?? ''));
  for (const d of article.dropped) known.set(norm(d.text), '');
  const bytes = await readFile(article.file);
  return format.translateFile(
    bytes,
    article.file,
    async (texts) => {
      const missing = [...new Set(texts.map(norm).filter((t) => !known.has(t)))];
      const made = await alongRoute(ctx, article, edition.lang, missing);
      missing.forEach((t, i) => known.set(t, made[i]));
      return texts.map((t) => known.get(norm(t)) ?? t);
    },
    edition.lang,
  );
}
