// The review page's confidence marks in a real browser: a percentage after each segment, red
// below 50 %, low-probability words underlined, and a legend saying what the marks mean.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderArticlePage } from '../../src/output/html-article.ts';
import { renderRunIndex } from '../../src/output/html-index.ts';
import type { Result } from '../../src/output/result-schema.ts';
import { loadArticle, loadRunReport } from './fixtures.ts';
import { launchChromium, openFile, removeTempSite, screenshot, writeTempSite } from './launch.ts';

/** The Astana article with the scores a run writes: every English segment scored, one unsure, one in between. */
export function scoredArticle(): Result {
  const r = structuredClone(loadArticle());
  r.slug = 'astana-scored';
  // An editor's correction has no confidence: it is no model's.
  for (const b of r.targets.en.blocks) for (const s of b.segments) if (s.origin !== 'memory') s.confidence = 0.97;
  const [heads, roadmap] = r.targets.en.blocks[2].segments;
  heads.confidence = 0.42;
  heads.lowWords = [
    [4, 9],
    [27, 36],
  ];
  heads.flags = [{ kind: 'low-confidence', reason: "the model's confidence in it is 0.42, below 0.5" }];
  roadmap.confidence = 0.64;
  return r;
}

let browser: Browser;
let site: string;
const article = scoredArticle();

const report = loadRunReport();
report.lowestConfidence = [
  {
    file: 'articles/a.txt',
    slug: article.slug,
    lang: 'en',
    block: 2,
    seg: 0,
    confidence: 0.42,
    source: 'Les chefs d’État…',
    text: 'The heads of state of five countries met in Astana on Tuesday.',
  },
  {
    file: 'articles/a.txt',
    slug: article.slug,
    lang: 'en',
    block: 2,
    seg: 1,
    confidence: 0.64,
    source: 'Ils doivent…',
    text: 'They are to adopt a common roadmap by the end of the year.',
  },
];

beforeAll(async () => {
  site = writeTempSite({ [`${article.slug}/index.html`]: renderArticlePage(article), 'index.html': renderRunIndex(report, { sourceLang: 'fr' }) });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  removeTempSite(site);
});

describe('confidence on the review page', () => {
  it('marks every scored segment with its confidence, red below 50 %, unsure words underlined, and explains the marks', async () => {
    const w = await openFile(browser, `${site}/${article.slug}/index.html`);
    try {
      const { page } = w;
      const cell = page.locator('td[data-col="en"]').nth(2);
      const marks = await cell
        .locator('.conf')
        .evaluateAll((els) => els.map((el) => ({ band: el.className, pct: getComputedStyle(el, '::after').content, text: el.textContent })));
      expect(marks).toEqual([
        { band: 'conf conf-low', pct: '"42%"', text: 'The heads of state of five countries met in Astana on Tuesday.' },
        { band: 'conf conf-mid', pct: '"64%"', text: 'They are to adopt a common roadmap by the end of the year.' },
      ]);
      // The percentages are drawn, not written: the cell's text is the edition's text.
      expect(await cell.locator('.text').textContent()).toBe(article.targets.en.blocks[2].text);
      const scored = article.targets.en.blocks.reduce((n, b) => n + b.segments.filter((s) => s.confidence !== undefined).length, 0);
      expect(await page.locator('td[data-col="en"] .conf').count()).toBe(scored);
      const unsure = cell.locator('mark.unsure');
      expect(await unsure.allTextContents()).toEqual(['heads', 'countries']);
      expect(await unsure.first().getAttribute('title')).toBe('The model gave this word a probability below 0.5');
      expect(await unsure.first().evaluate((el) => getComputedStyle(el).textDecorationStyle)).toBe('dotted');
      const legend = page.locator('#confidence-legend');
      expect(await legend.isVisible()).toBe(true);
      expect(await legend.textContent()).toContain('hold a token the model gave a probability below 0.5');
      // Other editions have no scores: no marks there.
      expect(await page.locator('td[data-col="ru"] .conf').count()).toBe(0);
      await screenshot(page, 'article-page-confidence.png', false);
      await cell.scrollIntoViewIfNeeded();
      await screenshot(page, 'article-page-confidence-row.png', false);
      expect(w.consoleErrors).toEqual([]);
      expect(w.violations).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('the run index lists the least confident segments of the run, linking to their article', async () => {
    const w = await openFile(browser, `${site}/index.html`);
    try {
      const rows = await w.page.$$eval('table.lowest tbody tr', (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent).concat(tr.querySelector('a')?.getAttribute('href') ?? '')),
      );
      expect(rows).toEqual([
        ['42%', 'en', 'The heads of state of five countries met in Astana on Tuesday.', 'astana-scored · block 3', 'astana-scored/index.html'],
        ['64%', 'en', 'They are to adopt a common roadmap by the end of the year.', 'astana-scored · block 3', 'astana-scored/index.html'],
      ]);
      expect(w.consoleErrors).toEqual([]);
      expect(w.violations).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('has no legend when no segment is scored', () => {
    expect(renderArticlePage(loadArticle())).not.toContain('confidence-legend');
  });
});
