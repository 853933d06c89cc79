// The pages' Content-Security-Policy as Chromium enforces it: the page's own script (allowed by
// its hash) runs, and anything else inline, such as markup that slipped into a page, does not.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderArticlePage } from '../../src/output/html-article.ts';
import { renderRunIndex } from '../../src/output/html-index.ts';
import { loadArticle, loadRunReport } from './fixtures.ts';
import { launchChromium, openFile, removeTempSite, writeTempSite, type WatchedPage } from './launch.ts';

let browser: Browser;
let site: string;
const page = renderArticlePage(loadArticle());
// What an injection would look like if some text ever reached a page unescaped.
const injected = page.replace('<main>', "<main><svg onload=\"alert('handler')\"></svg><script>alert('inline')</script>");
// The page's own script changed by one character: its hash no longer matches the CSP.
const tampered = page.replace("'use strict';", '"use strict";');

beforeAll(async () => {
  expect(injected).not.toBe(page);
  expect(tampered).not.toBe(page);
  site = writeTempSite({
    'page/index.html': page,
    'injected/index.html': injected,
    'tampered/index.html': tampered,
    'index.html': renderRunIndex(loadRunReport(), { sourceLang: 'fr' }),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  removeTempSite(site);
});

async function open(rel: string, run: (w: WatchedPage) => Promise<void>): Promise<void> {
  const w = await openFile(browser, `${site}/${rel}`);
  try {
    await run(w);
  } finally {
    await w.close();
  }
}

/** Whether the page script ran: unchecking the kk box hides the kk column only if it did. */
async function toggleWorks(w: WatchedPage): Promise<boolean> {
  await w.page.locator('input[data-toggle="kk"]').uncheck();
  return w.page.$$eval('td[data-col="kk"]', (tds) => tds.every((td) => !td.checkVisibility()));
}

describe('Content-Security-Policy in Chromium', () => {
  it('runs the article page script, allowed by its hash, with no violation', async () => {
    await open('page/index.html', async (w) => {
      const csp = await w.page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.getAttribute('content'));
      expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]{43}='/);
      expect(csp).not.toContain('unsafe-inline');
      expect(await toggleWorks(w)).toBe(true);
      expect(w.violations).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
    });
  });

  it("blocks inline script and event handlers that are not the page's own, and reports them", async () => {
    await open('injected/index.html', async (w) => {
      await expect.poll(() => w.violations.length).toBeGreaterThanOrEqual(2);
      expect(w.dialogs).toEqual([]);
      expect(new Set(w.violations)).toEqual(new Set(['script-src-elem: inline', 'script-src-attr: inline']));
      // The page's own script still runs beside the blocked ones.
      expect(await toggleWorks(w)).toBe(true);
    });
  });

  it('blocks the page script itself once its text no longer matches the hash (the check is real)', async () => {
    await open('tampered/index.html', async (w) => {
      await expect.poll(() => w.violations).toEqual(['script-src-elem: inline']);
      expect(await toggleWorks(w)).toBe(false);
    });
  });

  it('the run index has no script and reports no violation', async () => {
    await open('index.html', async (w) => {
      const csp = await w.page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.getAttribute('content'));
      expect(csp).toContain("script-src 'none'");
      expect(w.violations).toEqual([]);
      expect(w.consoleErrors).toEqual([]);
    });
  });
});
