// The article page in a real browser, opened from disk as a person would open OUT/<slug>/index.html.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlLang, renderArticlePage } from '../../src/output/html-article.ts';
import type { Result } from '../../src/output/result-schema.ts';
import { expectedCopy, GLOSSARY, loadArticle, loadXssArticle } from './fixtures.ts';
import { launchChromium, openFile, removeTempSite, screenshot, writeTempSite, type WatchedPage } from './launch.ts';

let browser: Browser;
let site: string;
let article: Result;
let xss: Result;

beforeAll(async () => {
  article = loadArticle();
  xss = loadXssArticle();
  site = writeTempSite({
    [`${article.slug}/index.html`]: renderArticlePage(article, { glossaryTerms: GLOSSARY }),
    [`${xss.slug}/index.html`]: renderArticlePage(xss, { glossaryTerms: ['<script>', 'alert(1)'] }),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  removeTempSite(site);
});

/** Opens a page, runs the checks, then asserts the page stayed offline, quiet and dialog-free. */
async function withPage(slug: string, run: (w: WatchedPage) => Promise<void>): Promise<void> {
  const w = await openFile(browser, `${site}/${slug}/index.html`);
  try {
    await run(w);
    expect(w.requests, 'only the page itself may load').toEqual([w.url]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.violations, 'the page broke its own CSP').toEqual([]);
    expect(w.dialogs).toEqual([]);
  } finally {
    await w.close();
  }
}

/** Columns in page order: the source, then the editions as result.json lists them. */
function columns(r: Result): { col: string; lang: string; blocks: { type: string; text: string }[]; summary?: string }[] {
  return [
    { col: 'source', lang: r.source.lang, blocks: r.source.blocks },
    ...Object.entries(r.targets).map(([col, e]) => ({ col, lang: e.lang, blocks: e.blocks, summary: e.summary })),
  ];
}

describe('article page', () => {
  it('has one row per source block, each holding that block of every edition', async () => {
    await withPage(article.slug, async ({ page }) => {
      const rows = await page.$$eval('table.align tbody tr', (trs) =>
        trs.map((tr) => ({
          type: tr.getAttribute('data-type'),
          cells: [...tr.querySelectorAll('td')].map((td) => ({
            col: td.getAttribute('data-col'),
            lang: td.getAttribute('lang'),
            type: td.getAttribute('data-type'),
            text: td.querySelector('.text')?.textContent ?? null,
          })),
        })),
      );
      const cols = columns(article);
      expect(article.source.blocks).toHaveLength(9);
      expect(rows).toHaveLength(article.source.blocks.length);
      rows.forEach((row, i) => {
        expect(row.type).toBe(article.source.blocks[i].type);
        expect(row.cells.map((c) => c.col)).toEqual(cols.map((c) => c.col));
        row.cells.forEach((cell, k) => {
          expect(cell.type, `row ${i} ${cell.col}`).toBe(article.source.blocks[i].type);
          expect(cell.text, `row ${i} ${cell.col}`).toBe(cols[k].blocks[i].text);
          expect(cell.lang).toBe(htmlLang(cols[k].lang));
        });
      });
      expect(rows.map((r) => r.type)).toEqual(['title', 'kicker', 'paragraph', 'heading', 'paragraph', 'paragraph', 'heading', 'paragraph', 'paragraph']);
    });
  });

  it('puts the summaries on top, with their lang, and the right lang on every cell', async () => {
    await withPage(article.slug, async ({ page }) => {
      const summaries = await page.$$eval('.summaries .summary', (els) =>
        els.map((el) => ({ col: el.getAttribute('data-col'), lang: el.querySelector('p')?.getAttribute('lang'), text: el.querySelector('p')?.textContent })),
      );
      const withSummary = columns(article).filter((c) => c.summary);
      expect(summaries).toEqual(withSummary.map((c) => ({ col: c.col, lang: htmlLang(c.lang), text: c.summary })));
      // The summaries come before the aligned table.
      expect(
        await page.$eval('.summaries', (s) => !!(s.compareDocumentPosition(document.querySelector('table.align')!) & Node.DOCUMENT_POSITION_FOLLOWING)),
      ).toBe(true);
      const langs = await page.$$eval('td[data-col]', (tds) => [...new Set(tds.map((td) => td.getAttribute('lang')))]);
      expect(langs).toEqual(['fr', 'en', 'kk', 'kk-Latn', 'ru', 'zh-Hans', 'zh-Hant']);
      expect(await page.$eval('h1', (h) => h.getAttribute('lang'))).toBe('fr');
    });
  });

  it('shows each flag on its segment, with its reason', async () => {
    await withPage(article.slug, async ({ page }) => {
      const marks = await page.$$eval('mark.flag', (els) =>
        els.map((m) => ({
          col: m.closest('td')?.getAttribute('data-col'),
          row: Number(m.closest('tr')?.getAttribute('data-index')),
          text: m.textContent,
          title: m.getAttribute('title'),
          badge: getComputedStyle(m, '::after').content,
          notes: m.closest('td')?.querySelector('.flag-notes')?.textContent,
          visible: m.checkVisibility(),
        })),
      );
      const expected = Object.entries(article.targets).flatMap(([col, e]) =>
        e.blocks.flatMap((b, row) => b.segments.filter((s) => s.flags?.length).map((s) => ({ col, row, s }))),
      );
      expect(expected).toHaveLength(3);
      expect(marks).toHaveLength(expected.length);
      for (const { col, row, s } of expected) {
        const m = marks.find((x) => x.col === col && x.row === row)!;
        expect(m, `${col} row ${row}`).toBeDefined();
        expect(m.text).toBe(s.text);
        expect(m.visible).toBe(true);
        for (const f of s.flags!) {
          expect(m.title).toContain(f.reason);
          expect(m.badge).toContain(f.kind);
          expect(m.notes).toContain(f.reason);
        }
      }
      // The kk heading carries two flags on one segment: both kinds show.
      expect(await page.$eval('td[data-col="kk"] mark.flag', (m) => m.className)).toBe('flag flag-untranslated flag-script');
    });
  });

  it("marks editors' corrections with a drawn pen and counts them under their edition, the text unchanged", async () => {
    await withPage(article.slug, async ({ page }) => {
      const marks = await page.$$eval('span.memory', (els) =>
        els.map((el) => ({
          col: el.closest('td')?.getAttribute('data-col'),
          text: el.textContent,
          approved: el.classList.contains('approved'),
          pen: getComputedStyle(el, '::before').content,
          shown: el.getBoundingClientRect().width > 0,
        })),
      );
      expect(marks).toEqual([
        { col: 'en', text: 'Astana hosts a regional summit on water management', approved: true, pen: '"\u270E"', shown: true },
        { col: 'kk', text: 'Бес елдің мемлекет басшылары сейсенбі күні Астанада бас қосты.', approved: false, pen: '"\u270E"', shown: true },
      ]);
      const counts = await page.$$eval('.corrections', (els) => els.map((el) => [el.closest('th')?.getAttribute('data-col'), el.textContent]));
      expect(counts).toEqual([
        ['en', "1 editor's correction"],
        ['kk', "1 editor's correction"],
      ]);
    });
  });

  it('marks glossary terms in every edition, inflected Kazakh forms included', async () => {
    await withPage(article.slug, async ({ page }) => {
      const terms = await page.$$eval('mark.term', (els) => els.map((m) => `${m.closest('[data-col]')?.getAttribute('data-col')}:${m.textContent}`));
      expect(terms).toContain('en:Astana');
      expect(terms).toContain('en:Asian Development Bank');
      expect(terms).toContain('kk:Астана'); // inside "Астанада"
      expect(terms).toContain('kk:Азия даму банкі');
      expect(terms).toContain('ru:Астана');
      expect(terms).toContain('zh:阿斯塔纳');
      expect(terms).toContain('source:Astana');
      // A mark never changes the text itself.
      const title = await page.$eval('tr[data-index="0"] td[data-col="kk"] .text', (el) => el.textContent);
      expect(title).toBe(article.targets.kk.blocks[0].text);
    });
  });

  it('hides and shows an edition with its checkbox', async () => {
    await withPage(article.slug, async ({ page }) => {
      const visibility = (col: string) =>
        page.$$eval(`[data-col="${col}"]`, (els) => els.map((el) => getComputedStyle(el).display !== 'none' && el.checkVisibility()));
      const kkCount = (await visibility('kk')).length;
      expect(kkCount).toBe(9 + 2 + 1); // cells, the two header cells (name, details), summary card
      expect(await visibility('kk')).toEqual(Array(kkCount).fill(true));

      await page.locator('input[data-toggle="kk"]').uncheck();
      expect(await visibility('kk')).toEqual(Array(kkCount).fill(false));
      for (const other of ['source', 'en', 'kk-Latn', 'ru', 'zh', 'zh-Hant']) expect((await visibility(other)).every(Boolean), other).toBe(true);
      await screenshot(page, 'article-page-kk-hidden.png', false);

      await page.locator('input[data-toggle="kk"]').check();
      expect(await visibility('kk')).toEqual(Array(kkCount).fill(true));
    });
  });

  it("copies an edition's full text, then its summary, and says Copied", async () => {
    await withPage(article.slug, async ({ page }) => {
      const button = page.locator('button[data-copy="kk"]');
      await button.click();
      await expect.poll(() => button.textContent()).toBe('Copied');
      const kk = article.targets.kk;
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expectedCopy(kk.blocks, kk.summary));

      // Where navigator.clipboard refuses, the textarea + execCommand fallback still copies.
      await page.evaluate(() => {
        Object.defineProperty(navigator.clipboard, 'writeText', { value: () => Promise.reject(new Error('denied')) });
      });
      await page.locator('button[data-copy="zh-Hant"]').click();
      await expect.poll(() => page.locator('button[data-copy="zh-Hant"]').textContent()).toBe('Copied');
      const hant = article.targets['zh-Hant'];
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expectedCopy(hant.blocks, hant.summary));
    });
  });

  it('looks right (screenshot for a person)', async () => {
    await withPage(article.slug, async ({ page }) => {
      await screenshot(page, 'article-page.png');
      // The font stack reaches the cells (cjk-font.test.ts checks that Han glyphs are really drawn).
      const font = await page.$eval('td[data-col="kk"]', (td) => getComputedStyle(td).fontFamily);
      expect(font).toContain('Noto Sans');
      expect(await page.$eval('td[data-col="zh-Hant"]', (td) => getComputedStyle(td).fontFamily)).toContain('Noto Sans CJK TC');
      // The table fits a 1600 px screen with all seven columns.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1600);

      // Scrolled down, the row of column names stays at the top of the window.
      await page.locator('tr[data-index="7"]').scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, 300));
      const top = await page.$eval('tr.names th[data-col="en"]', (th) => th.getBoundingClientRect().top);
      expect(top).toBe(0);
      await screenshot(page, 'article-page-scrolled.png', false);
    });
  });
});

describe('article page with hostile text', () => {
  it('shows markup as text, runs nothing, and copies it unchanged', async () => {
    await withPage(xss.slug, async ({ page }) => {
      // Only the page's own two script elements (data + code); no <img>, no javascript: link.
      expect(await page.$$eval('script', (s) => s.map((x) => x.getAttribute('type') ?? 'code'))).toEqual(['application/json', 'code']);
      expect(await page.locator('img').count()).toBe(0);
      expect(await page.locator('a[href^="javascript"]').count()).toBe(0);

      const body = await page.locator('body').innerText();
      expect(body).toContain('<script>alert(1)</script>');
      expect(body).toContain('<img src=x onerror=alert(1)>');
      expect(body).toContain('<a href="javascript:alert(1)">cliquez</a>');
      expect(await page.title()).toBe('Un titre <script>alert(1)</script> piégé · audarma');
      const title = page.locator('tr[data-index="0"] td[data-col="en"] .text');
      await expect.poll(() => title.isVisible()).toBe(true);
      expect(await title.textContent()).toBe(xss.targets.en.blocks[0].text);

      // A flag reason with quotes and tags stays inside its title attribute.
      const mark = page.locator('td[data-col="en"] mark.flag');
      expect(await mark.getAttribute('title')).toBe(`length: ${xss.targets.en.blocks[1].segments[0].flags![0].reason}`);

      await page.locator('button[data-copy="en"]').click();
      await expect.poll(() => page.locator('button[data-copy="en"]').textContent()).toBe('Copied');
      const en = xss.targets.en;
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expectedCopy(en.blocks, en.summary));
      await screenshot(page, 'article-page-xss.png');
    });
  });
});
