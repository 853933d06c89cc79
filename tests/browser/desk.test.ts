// The desk at `/` of a real `audarma serve` on the tiny models, driven in Chromium: upload, live
// state, correct and approve in place, reload, then the CLI finds the correction in the same memory.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, REPO, TINY_CONFIG } from '../integration/helpers.ts';
import { tmp } from '../integration/project.ts';
import { serve, type Served } from '../server/server.ts';
import { cellTexts, deskContext, seg, type DeskBrowser } from './desk-page.ts';
import { launchChromium, screenshot } from './launch.ts';

const ARTICLE = path.join(REPO, 'tests/fixtures/desk/sommet-astana.fr.txt');
const HOSTILE = path.join(REPO, 'tests/fixtures/desk/hostile.fr.txt');
const dir = tmp('desk');
const cache = path.join(dir, 'cache');
const deskDir = path.join(dir, 'desk');
let server: Served;
let browser: Browser;
let d: DeskBrowser;

beforeAll(async () => {
  [server, browser] = await Promise.all([serve(['--config', TINY_CONFIG, '--cache-dir', cache, '--desk-dir', deskDir]), launchChromium()]);
  d = await deskContext(browser, server.url);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The browser stayed on the server, quiet, within its CSP and without dialogs. */
function assertClean(w: DeskBrowser): void {
  expect(
    w.requests.filter((u) => !u.startsWith(server.url + '/')),
    'requests that left the server',
  ).toEqual([]);
  expect(w.consoleErrors).toEqual([]);
  expect(w.violations).toEqual([]);
  expect(w.dialogs).toEqual([]);
}

const row = (slug: string) => d.page.locator(`#articles tr[data-slug="${slug}"]`);

describe('the desk', () => {
  it('uploads an article, shows it running then done (server-sent events), with its title', async () => {
    const { page } = d;
    await page.goto(server.url + '/');
    await expect(page.locator('h2#upload-h').textContent()).resolves.toBe('Add articles');
    await page.fill('#editor-name', 'Aigerim Bekova');
    await page.click('#editor-form button');
    await page.setInputFiles('#files', ARTICLE);
    await row('sommet-astana-fr').locator('.status-done').waitFor({ timeout: 60_000 });
    expect(await row('sommet-astana-fr').locator('td').allTextContents()).toEqual([
      'sommet-astana.fr.txt',
      'Le sommet à Astana',
      'done',
      'Open Translate again Delete',
    ]);
    assertClean(d);
  });

  it('opens the article side by side: the source and every edition, exact tiny-model outputs', async () => {
    const { page } = d;
    await row('sommet-astana-fr').getByRole('link', { name: 'Open' }).click();
    await page.waitForSelector('table.align');
    expect(await cellTexts(page, 'source')).toEqual([
      'Le sommet à Astana',
      'Le président a visité la Chine. La délégation a signé un accord.',
      'Le ministre a visité Astana.',
    ]);
    expect(await cellTexts(page, 'en')).toEqual([
      'The summit to Astana',
      'The president has visited the China. The delegation has signed a agreement.',
      'The minister has visited Astana.',
    ]);
    expect(await cellTexts(page, 'ru')).toEqual(['Саммит в Astana', 'Президент посетил Китай. Делегация подписал соглашение.', 'Министр посетил Astana.']);
    expect(await cellTexts(page, 'zh')).toEqual(['峰会 Astana', '总统访问中国。代表团签署协议。', '部长访问 Astana。']);
    expect(await cellTexts(page, 'kk-Latn')).toEqual(['Sammit Astana', 'Prezident bardy Qytai. Delegatsiia qol qoidy kelısım.', 'Ministr bardy Astana.']);
    expect(await page.locator('.seg[data-origin]').count()).toBe(0);
    assertClean(d);
  });

  it('Escape cancels an edit and gives the focus back to the segment', async () => {
    const { page } = d;
    await seg(page, 'en', 2, 0).focus();
    await page.keyboard.press('Enter');
    const area = page.locator('form.seg-edit textarea');
    await expect(area.inputValue()).resolves.toBe('The minister has visited Astana.');
    await area.fill('Something else');
    await area.press('Escape');
    expect(await page.locator('form.seg-edit').count()).toBe(0);
    expect(await seg(page, 'en', 2, 0).evaluate((e) => e === document.activeElement)).toBe(true);
    expect(await cellTexts(page, 'en')).toContain('The minister has visited Astana.');
  });

  it('corrects a segment in place (Enter saves), approved, marked as from the memory; the pivot follows', async () => {
    const { page } = d;
    await seg(page, 'en', 1, 0).click();
    // Found by their labels, as a screen reader announces them.
    const area = page.getByLabel('Correction (en)');
    await expect(area.inputValue()).resolves.toBe('The president has visited the China.');
    await area.fill('The president visited China.');
    await page.getByLabel('Approved').check();
    await area.press('Enter');
    await page.locator('.seg[data-lang="en"][data-block="1"][data-seg="0"][data-origin="edited"][data-approved="true"]').waitFor();
    expect((await cellTexts(page, 'en'))[1]).toBe('The president visited China. The delegation has signed a agreement.');
    expect(await page.locator('th.colinfo[data-col="en"] .corrections').textContent()).toBe("1 editor's correction");
    // The corrected English is what the Chinese pivot now translates; this one reads the same.
    expect((await cellTexts(page, 'zh'))[1]).toBe('总统访问中国。代表团签署协议。');
    assertClean(d);
  });

  it('approves a whole edition, and a reload shows the edit and the approvals', async () => {
    const { page } = d;
    await page.click('button[data-approve="ru"]');
    await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await page.locator('[data-approved-edition="ru"]').waitFor();
    await page.reload();
    await page.waitForSelector('table.align');
    expect((await cellTexts(page, 'en'))[1]).toBe('The president visited China. The delegation has signed a agreement.');
    expect(await seg(page, 'en', 1, 0).getAttribute('data-approved')).toBe('true');
    await expect(page.getByRole('button', { name: 'The president visited China. (from the translation memory, approved)' }).count()).resolves.toBe(1);
    expect(await page.locator('.seg[data-lang="ru"]:not([data-approved="true"])').count()).toBe(0);
    expect(await cellTexts(page, 'ru')).toEqual(['Саммит в Astana', 'Президент посетил Китай. Делегация подписал соглашение.', 'Министр посетил Astana.']);
    expect(await page.locator('[data-approved-edition]').evaluateAll((els) => els.map((e) => e.getAttribute('data-approved-edition')))).toEqual(['ru']);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'desk-article.png', false);
    assertClean(d);
  });

  it('downloads the Markdown, the edition as HTML, the XLIFF and the run report', async () => {
    const { page } = d;
    const text = (name: string) => page.evaluate((u) => fetch(u).then((r) => r.text()), `/desk/files/sommet-astana-fr/${name}`);
    expect(await text('en.md')).toBe(readFileSync(path.join(deskDir, 'sommet-astana-fr/en.md'), 'utf8'));
    expect(await text('en.md')).toContain('The president visited China. The delegation has signed a agreement.');
    expect(await text('zh.html')).toContain('<p>总统访问中国。代表团签署协议。</p>');
    const xlf = await text('en.xlf');
    expect(xlf).toContain('<trans-unit id="s37b161faadcab5fd" approved="yes">');
    expect(xlf).toContain('<target state="final">The president visited China.</target>');
    const report = JSON.parse(await text('run-report.json'));
    expect(report.documents).toEqual({ total: 1, done: 1, failed: 0, unchanged: 0 });
    // Approving ru made no correction of its segments: the memory answers only the en correction.
    expect(report.targets.ru.memory).toBe(0);
    expect(report.targets.en.memory).toBe(1);
    expect(report.segments.memory).toBe(1);
  });

  it('`audarma translate` on the same article with the same cache finds the edit in en.md', async () => {
    const out = path.join(dir, 'cli-out');
    const r = await cli(['translate', ARTICLE, '--config', TINY_CONFIG, '--cache-dir', cache, '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(out, 'sommet-astana-fr/en.md'), 'utf8')).toBe(
      '# The summit to Astana\n\nThe president visited China. The delegation has signed a agreement.\n\nThe minister has visited Astana.\n\n---\n\n**Summary:** The president visited China.\n',
    );
  });

  it('shows a hostile article as text: no script runs, no image loads', async () => {
    const { page } = d;
    await page.goto(server.url + '/');
    await page.setInputFiles('#files', HOSTILE);
    await row('hostile-fr').locator('.status-done').waitFor({ timeout: 60_000 });
    expect(await row('hostile-fr').locator('td.title').textContent()).toBe('Le sommet <script>alert(1)</script> à Astana');
    await row('hostile-fr').getByRole('link', { name: 'Open' }).click();
    await page.waitForSelector('table.align');
    expect(await page.locator('h1').textContent()).toBe('Le sommet <script>alert(1)</script> à Astana');
    expect((await cellTexts(page, 'source'))[1]).toBe('Le président <img src=x onerror=alert(2)> a visité la Chine.');
    expect(await page.locator('main img, main script').count()).toBe(0);
    await screenshot(page, 'desk-hostile.png', false);
    assertClean(d);
  });

  it('looks right in every script (screenshot of the list for a person)', async () => {
    await d.page.goto(server.url + '/');
    await d.page.locator('#articles tbody tr').nth(1).waitFor();
    await screenshot(d.page, 'desk-list.png', false);
    assertClean(d);
  });
});
