// The run index (OUT/index.html) in a real browser, next to the article pages it links to.
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderArticlePage } from '../../src/output/html-article.ts';
import { renderRunIndex } from '../../src/output/html-index.ts';
import type { RunReport } from '../../src/output/report-schema.ts';
import { loadArticle, loadRunReport, loadXssArticle } from './fixtures.ts';
import { launchChromium, openFile, removeTempSite, screenshot, writeTempSite, type WatchedPage } from './launch.ts';

let browser: Browser;
let site: string;
let report: RunReport;

beforeAll(async () => {
  report = loadRunReport();
  const article = loadArticle();
  const xss = loadXssArticle();
  site = writeTempSite({
    'index.html': renderRunIndex(report, { sourceLang: 'fr' }),
    [`${article.slug}/index.html`]: renderArticlePage(article),
    [`${xss.slug}/index.html`]: renderArticlePage(xss),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  removeTempSite(site);
});

async function withIndex(run: (w: WatchedPage) => Promise<void>): Promise<void> {
  const w = await openFile(browser, `${site}/index.html`, { width: 1280, height: 900 });
  try {
    await run(w);
    expect(w.consoleErrors).toEqual([]);
    expect(w.violations, 'the page broke its own CSP').toEqual([]);
    expect(w.dialogs).toEqual([]);
  } finally {
    await w.close();
  }
}

describe('run index', () => {
  it('lists every article with its status, flag counts per edition and a relative link', async () => {
    await withIndex(async ({ page, requests, url }) => {
      const rows = await page.$$eval('table.articles tbody tr', (trs) =>
        trs.map((tr) => ({
          slug: tr.getAttribute('data-slug'),
          status: tr.querySelector('.status')?.textContent,
          href: tr.querySelector('a')?.getAttribute('href') ?? null,
          flags: Object.fromEntries([...tr.querySelectorAll('td[data-edition]')].map((td) => [td.getAttribute('data-edition'), td.textContent])),
          reason: tr.querySelector('.reason')?.textContent ?? null,
        })),
      );
      expect(rows.map((r) => [r.slug, r.status])).toEqual(report.articles.map((a) => [a.slug, a.status]));
      expect(rows[0].href).toBe('astana-sommet-eau/index.html');
      expect(rows[1].href).toBe('xss-article/index.html');
      expect(rows[2].href).toBe('almaty-metro/index.html'); // unchanged: its page is from an earlier run
      expect(rows[3].href).toBeNull(); // failed: no page to link to
      expect(rows[3].reason).toBe(report.articles[3].reason);
      expect(rows[0].flags).toEqual({
        en: 'glossary 1',
        kk: 'untranslated 1 script 1',
        'kk-Latn': '0',
        ru: '0',
        zh: 'length 1',
        'zh-Hant': '0',
      });
      expect(requests).toEqual([url]);
    });
  });

  it('lists failed documents with their reason, as text', async () => {
    await withIndex(async ({ page, requests, url }) => {
      const items = await page.locator('.failures li').allInnerTexts();
      expect(items).toEqual([
        'articles/<img src=x onerror=alert(1)>.fr.txt at step read: cannot decode the file as UTF-8 or Windows-1252 <script>alert(1)</script>',
      ]);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('tr[data-slug="xss-article"] a').innerText()).toBe('Un titre <script>alert(1)</script> piégé');
      expect(await page.locator('tr[data-slug="astana-sommet-eau"] a').getAttribute('lang')).toBe('fr');
      await screenshot(page, 'run-index.png');
      expect(requests).toEqual([url]);
    });
  });

  it('links open the article pages from disk', async () => {
    await withIndex(async ({ page, requests }) => {
      await Promise.all([page.waitForURL('**/astana-sommet-eau/index.html'), page.locator('tr[data-slug="astana-sommet-eau"] a').click()]);
      expect(await page.locator('table.align tbody tr').count()).toBe(9);
      // Two documents, both files of the site; nothing else.
      expect(requests).toEqual([pathToFileURL(`${site}/index.html`).href, pathToFileURL(`${site}/astana-sommet-eau/index.html`).href]);
    });
  });
});
