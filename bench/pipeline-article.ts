// Articles of the seed's shape and size for the pipeline bench, written with the bench
// vocabulary (bench/segments.ts): a title, a kicker, a lead paragraph, a heading, a paragraph, a
// second heading, three paragraphs (five paragraphs, ~600 words in all) and a newsletter footer
// that the shipped pipeline's clean step drops. Deterministic per index.
import * as L from './model/lexicon.ts';
import { hashString, mulberry32, pick, randInt, type Rng } from './model/random.ts';
import { benchSentence } from './segments.ts';

const words = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** A paragraph of sentences adding up to about `target` words. */
function paragraph(r: Rng, target: number): string {
  const out: string[] = [];
  let n = 0;
  while (n < target - 10) {
    const s = benchSentence(r, r() < 0.85 ? 'normal' : 'long');
    out.push(s);
    n += words(s);
  }
  return out.join(' ');
}

/** A heading that reads as one: no closing quote or punctuation at its end. */
function heading(r: Rng): string {
  for (;;) {
    const h = benchSentence(r, 'heading');
    if (/[\p{L}\p{N}]$/u.test(h)) return h;
  }
}

/** Article `index` (0, 1, …): about 600 words, as the seed article. */
export function seedSizedArticle(index: number): string {
  const r = mulberry32(hashString(index, 'seed-sized-article'));
  const title = heading(r);
  const kicker = pick(
    r,
    L.NOUNS_M.filter((w) => w.length > 5),
  );
  const blocks = [
    `${title}\n${kicker}`,
    paragraph(r, randInt(r, 55, 70)),
    heading(r),
    paragraph(r, randInt(r, 125, 145)),
    heading(r),
    paragraph(r, randInt(r, 125, 145)),
    paragraph(r, randInt(r, 115, 135)),
    paragraph(r, randInt(r, 80, 100)),
    'Newsletter',
    "Pour rester informé des actualités de l'Asie centrale",
  ];
  return `${blocks.join('\n\n')}\n`;
}

export const articleWords = words;
