import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultSchema, type Result } from '../../src/output/result-schema.ts';
import { cli, REPO, TINY_CONFIG } from '../integration/helpers.ts';
import { launchChromium, openFile, screenshot } from './launch.ts';

// The pages the real CLI writes for a seed-shaped article and a hostile article, opened from disk.
const dir = mkdtempSync(path.join(tmpdir(), 'audarma-cli-pages-'));
const out = path.join(dir, 'out');
const seed = path.resolve(REPO, 'tests', 'fixtures', 'articles', 'delegation.fr.txt');
const hostile = path.join(dir, 'piege.txt');
writeFileSync(hostile, 'Le président <script>alert(1)</script> a parlé\n\nLe ministre a visité <img src=x onerror=alert(1)> la capitale.\n');
const run = await cli(['translate', seed, hostile, '--config', TINY_CONFIG, '--out', out, '--cache-dir', path.join(dir, 'cache'), '--quiet']);
const result = (slug: string): Result => ResultSchema.parse(JSON.parse(readFileSync(path.join(out, slug, 'result.json'), 'utf8')));

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe('pages written by audarma translate', () => {
  it('the seed page aligns every edition with the 9 source blocks, with correct lang attributes', async () => {
    expect(run.code).toBe(0);
    const r = result('delegation-fr');
    const page = await openFile(browser, path.join(out, 'delegation-fr/index.html'));
    try {
      const rows = await page.page.$$eval('table.align tbody tr', (trs) =>
        trs.map((tr) =>
          [...tr.querySelectorAll('td')].map((td) => [td.getAttribute('data-col'), td.getAttribute('lang'), td.querySelector('.text')?.textContent]),
        ),
      );
      expect(rows).toHaveLength(9);
      const langs = { source: 'fr', en: 'en', kk: 'kk', ru: 'ru', zh: 'zh-Hans', 'kk-Latn': 'kk-Latn', 'zh-Hant': 'zh-Hant' };
      rows.forEach((cells, i) => {
        for (const [col, lang, text] of cells) {
          expect(lang).toBe(langs[col as keyof typeof langs]);
          const blocks = col === 'source' ? r.source.blocks : r.targets[col!].blocks;
          expect(text, `row ${i} ${col}`).toBe(blocks[i].text);
        }
      });
      await page.page.locator('input[data-toggle="ru"]').uncheck();
      expect(await page.page.$$eval('td[data-col="ru"]', (tds) => tds.every((td) => !td.checkVisibility()))).toBe(true);
      await screenshot(page.page, 'cli-seed-page.png', false);
      expect(page.consoleErrors).toEqual([]);
      expect(page.violations).toEqual([]);
      expect(page.dialogs).toEqual([]);
      expect(page.requests).toEqual([page.url]);
    } finally {
      await page.close();
    }
  });

  it('shows a hostile article as text and runs nothing', async () => {
    const page = await openFile(browser, path.join(out, 'piege/index.html'));
    try {
      await page.page.waitForTimeout(200);
      expect(page.dialogs).toEqual([]);
      expect(page.consoleErrors).toEqual([]);
      expect(page.violations).toEqual([]);
      expect(await page.page.locator('img').count()).toBe(0);
      const body = await page.page.locator('body').innerText();
      expect(body).toContain('<script>alert(1)</script>');
      expect(body).toContain('<img src=x onerror=alert(1)>');
      expect(page.requests).toEqual([page.url]);
    } finally {
      await page.close();
    }
  });

  it('the run index lists both articles and links to their pages', async () => {
    const page = await openFile(browser, path.join(out, 'index.html'));
    try {
      const links = await page.page.$$eval('a[href$="index.html"]', (as) => as.map((a) => a.getAttribute('href')));
      expect(links).toEqual(expect.arrayContaining(['delegation-fr/index.html', 'piege/index.html']));
      await screenshot(page.page, 'cli-run-index.png', false);
      expect(page.consoleErrors).toEqual([]);
      expect(page.violations).toEqual([]);
      expect(page.requests).toEqual([page.url]);
    } finally {
      await page.close();
    }
  });
});
