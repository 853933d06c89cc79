// Confidence in the desk, driven in Chromium against a real `audarma serve` whose English model is
// the tiny one made unsure of "delegation" and "parliament" (tests/tiny/marian.ts): the marks and
// their legend, N for the next least confident segment, the row filter, and the model's other
// candidates offered when a segment is opened, Alt+1 taking the first.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsureProject } from '../integration/project.ts';
import { serve, type Served } from '../server/server.ts';
import { cellTexts, deskContext, seg, type DeskBrowser, signIn } from './desk-page.ts';
import { launchChromium, screenshot } from './launch.ts';

const dir = unsureProject();
const article = path.join(dir, 'delegation.fr.txt');
writeFileSync(
  article,
  'Le président a visité la capitale\n\nLa délégation du parlement a visité la capitale. Le ministre a visité la Chine.\n\nLa délégation.\n',
);
let server: Served;
let browser: Browser;
let d: DeskBrowser;

beforeAll(async () => {
  const args = ['--config', path.join(dir, 'config.yaml'), '--cache-dir', path.join(dir, 'cache'), '--desk-dir', path.join(dir, 'desk')];
  [server, browser] = await Promise.all([serve(args), launchChromium()]);
  d = await deskContext(browser, server.url);
  await signIn(d.page, server.url);
  await d.page.setInputFiles('#files', article);
  const row = d.page.locator('#articles tr[data-slug="delegation-fr"]');
  await row.locator('.status-done').waitFor({ timeout: 60_000 });
  await row.getByRole('link', { name: 'Open' }).click();
  await d.page.waitForSelector('table.align');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const focused = () =>
  d.page.evaluate(() => {
    const s = document.activeElement;
    return s ? [s.getAttribute('data-block'), s.getAttribute('data-seg')].join('.') : '';
  });

describe('confidence in the desk', () => {
  it('marks each segment with its confidence and the unsure words, with a legend', async () => {
    const { page } = d;
    expect(await cellTexts(page, 'en')).toEqual([
      'The president has visited the capital',
      'The delegation of the parliament has visited the capital. The minister has visited the China.',
      'The delegation.',
    ]);
    const marks = await page
      .locator('.seg[data-lang="en"]')
      .evaluateAll((els) =>
        els.map((s) => [
          s.getAttribute('data-confidence'),
          s.querySelector('.conf')?.className,
          getComputedStyle(s.querySelector('.conf')!, '::after').content,
        ]),
      );
    expect(marks).toEqual([
      ['1', 'conf conf-high', '"100%"'],
      ['0.549', 'conf conf-mid', '"55%"'],
      ['1', 'conf conf-high', '"100%"'],
      ['0.473', 'conf conf-low', '"47%"'],
    ]);
    expect(await page.locator('.seg[data-lang="en"] mark.unsure').allTextContents()).toEqual(['delegation', 'parliament', 'delegation']);
    const legend = page.locator('#confidence-legend');
    expect(await legend.isVisible()).toBe(true);
    expect(await legend.textContent()).toContain('hold a token the model gave a probability below 0.5');
    // The marks are drawn: opening a segment puts its bare text in the form.
    expect(await seg(page, 'en', 1, 1).textContent()).toBe('The minister has visited the China.');
  });

  it('N goes to the least confident segment, then the next one, ties in page order', async () => {
    const { page } = d;
    await page.locator('h1').click();
    const walk: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('n');
      walk.push(await focused());
    }
    expect(walk).toEqual(['2.0', '1.0', '0.0', '1.1', '2.0']);
    expect(await page.locator('#announce').textContent()).toBe('confidence 47%: The delegation.');
  });

  it('filters the rows to those with a segment below 80 % or 50 %', async () => {
    const { page } = d;
    const shown = () => page.locator('tr.row:not([hidden])').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-index')));
    await page.selectOption('#confidence-filter', '0.5');
    expect(await shown()).toEqual(['2']);
    await page.selectOption('#confidence-filter', '0.8');
    expect(await shown()).toEqual(['1', '2']);
    // N walks only what is shown.
    await page.locator('h1').click();
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    await page.keyboard.press('n');
    expect(await focused()).toBe('2.0');
    await page.selectOption('#confidence-filter', '');
    expect(await shown()).toEqual(['0', '1', '2']);
  });

  it("offers the model's other candidates when a segment is opened; Alt+1 takes the first", async () => {
    const { page } = d;
    await seg(page, 'en', 1, 0).click();
    const alternatives = page.locator('form.seg-edit .alternatives button.alternative');
    await alternatives.first().waitFor();
    expect(await alternatives.allTextContents()).toEqual([
      'Alt+1 The delegation of the government has visited the capital.',
      'Alt+2 The ministry of the parliament has visited the capital.',
      'Alt+3 The ministry of the government has visited the capital.',
    ]);
    const area = page.getByLabel('Correction (en)');
    expect(await area.inputValue()).toBe('The delegation of the parliament has visited the capital.');
    await area.press('Alt+1');
    expect(await area.inputValue()).toBe('The delegation of the government has visited the capital.');
    await screenshot(page, 'desk-confidence.png', false);
    await area.press('Escape');
    expect(d.consoleErrors).toEqual([]);
    expect(d.violations).toEqual([]);
  });
});
