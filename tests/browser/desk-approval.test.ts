// Approvals and the memory across two articles, in Chromium against a real `audarma serve` on the
// tiny models: approving an edition asks first and can be undone, and makes no correction of the
// model's output; the memory keeps who, when, which article and the machine text; the second
// article shows the shared sentence as a memory match from the first, not approved until confirmed
// there; the XLIFF and TMX say what happened.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/memory.ts';
import { writeTmx } from '../../src/memory/tmx.ts';
import { REPO, TINY_CONFIG } from '../integration/helpers.ts';
import { tmp } from '../integration/project.ts';
import { serve, type Served } from '../server/server.ts';
import { cellTexts, deskContext, seg, type DeskBrowser, signIn } from './desk-page.ts';
import { launchChromium, screenshot } from './launch.ts';

const ASTANA = path.join(REPO, 'tests/fixtures/desk/sommet-astana.fr.txt');
const dir = tmp('desk-approval');
const cache = path.join(dir, 'cache');
// The second article shares its second sentence with the first.
const VISIT = path.join(dir, 'visite.fr.txt');
writeFileSync(VISIT, 'Le ministre a visité Astana.\n\nLe président a visité la Chine.\n');
let server: Served;
let browser: Browser;
let d: DeskBrowser;

beforeAll(async () => {
  [server, browser] = await Promise.all([serve(['--config', TINY_CONFIG, '--cache-dir', cache, '--desk-dir', path.join(dir, 'desk')]), launchChromium()]);
  d = await deskContext(browser, server.url);
  await signIn(d.page, server.url);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function open(file: string, slug: string): Promise<void> {
  const { page } = d;
  await page.goto(server.url + '/');
  await page.setInputFiles('#files', file);
  const row = page.locator(`#articles tr[data-slug="${slug}"]`);
  await row.locator('.status-done').waitFor({ timeout: 60_000 });
  await row.getByRole('link', { name: 'Open' }).click();
  await page.waitForSelector('table.align');
}
const states = (lang: string) =>
  d.page
    .locator(`.seg[data-lang="${lang}"]`)
    .evaluateAll((els) => els.map((s) => `${s.getAttribute('data-origin') ?? 'machine'}${s.getAttribute('data-approved') ? ' approved' : ''}`));
const download = (slug: string, name: string) => d.page.evaluate((u) => fetch(u).then((r) => r.text()), `/desk/files/${slug}/${name}`);

describe('approvals and the memory across two articles', () => {
  it('a correction is stored with who, when, which article and the machine text it replaced', async () => {
    const { page } = d;
    await open(ASTANA, 'sommet-astana-fr');
    await seg(page, 'en', 1, 0).click();
    const area = page.getByLabel('Correction (en)');
    await area.fill('The president visited China.');
    await area.press('Enter');
    await page.locator('.seg[data-lang="en"][data-block="1"][data-seg="0"][data-origin="edited"]').waitFor();
    expect(await states('en')).toEqual(['machine', 'edited', 'machine', 'machine']);
    const memory = openMemory(cache);
    const [entry] = memory.all('en');
    memory.close();
    expect(entry).toMatchObject({
      source: 'Le président a visité la Chine.',
      text: 'The president visited China.',
      approved: false,
      editor: 'Aigerim Bekova',
      machine: 'The president has visited the China.',
      article: 'sommet-astana-fr',
    });
    expect(Math.abs(entry.updatedAt - Date.now())).toBeLessThan(10 * 60_000);
  });

  it('approving an edition asks first; cancelling changes nothing', async () => {
    const { page } = d;
    await page.click('button[data-approve="en"]');
    const dialog = page.getByRole('dialog');
    expect(await dialog.locator('#ask-question').textContent()).toBe('Approve 4 segments of the English edition as they read now?');
    expect(await dialog.locator('.note').textContent()).toBe('Approving does not make them corrections; you can undo it.');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-approve'))).toBe('en');
    expect(await states('en')).toEqual(['machine', 'edited', 'machine', 'machine']);
  });

  it('approves without making corrections, and Undo takes the approval back', async () => {
    const { page } = d;
    await page.click('button[data-approve="en"]');
    await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await page.locator('[data-approved-edition="en"]').waitFor();
    expect(await page.locator('#desk-notice').textContent()).toBe('4 segments approved. Undo');
    expect(await states('en')).toEqual(['machine approved', 'edited approved', 'machine approved', 'machine approved']);
    expect(await page.locator('th.colinfo[data-col="en"] .corrections').textContent()).toBe("1 editor's correction");
    // Focus is on Undo, so the keyboard takes it back at once.
    await page.keyboard.press('Enter');
    await page.locator('button[data-approve="en"]').waitFor();
    expect(await page.locator('#desk-notice').textContent()).toBe('Approval undone: 4 segments.');
    expect(await states('en')).toEqual(['machine', 'edited', 'machine', 'machine']);
    // Approved again for what follows; the memory still holds one entry.
    await page.click('button[data-approve="en"]');
    await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
    await page.locator('[data-approved-edition="en"]').waitFor();
    const memory = openMemory(cache);
    expect(memory.all().map((e) => [e.lang, e.text, e.approved])).toEqual([['en', 'The president visited China.', false]]);
    memory.close();
  });

  it("the XLIFF says what happened: the model's output approved, the correction approved", async () => {
    const xlf = await download('sommet-astana-fr', 'en.xlf');
    expect(xlf).toContain('<target state="final" state-qualifier="mt-suggestion">The summit to Astana</target>');
    expect(xlf).toContain('<note from="audarma">Machine output, approved (audarma): The summit to Astana</note>');
    expect(xlf).toContain('<target state="final">The president visited China.</target>');
    expect(xlf).not.toContain('Editor&apos;s correction, approved (audarma translation memory): The summit');
  });

  it('the second article shows the shared sentence as a memory match from the first, not approved there', async () => {
    const { page } = d;
    await open(VISIT, 'visite-fr');
    expect(await cellTexts(page, 'en')).toEqual(['The minister has visited Astana.', 'The president visited China.']);
    expect(await states('en')).toEqual(['machine', 'match']);
    const match = seg(page, 'en', 1, 0);
    const today = new Date().toISOString().slice(0, 10);
    expect(await match.getAttribute('data-from')).toBe(
      `Memory match: Aigerim Bekova, ${today}, article sommet-astana-fr. Not approved here until you confirm it.`,
    );
    expect(await page.locator('th.colinfo[data-col="en"] .matches').textContent()).toBe('1 memory match');
    expect(await page.locator('th.colinfo[data-col="en"] .corrections').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'The president visited China. (memory match, not yet confirmed here)' }).count()).toBe(1);
    const xlf = await download('visite-fr', 'en.xlf');
    expect(xlf).toContain('<target state="needs-review-translation" state-qualifier="exact-match">The president visited China.</target>');
  });

  it('confirming the match approves it in this article only, by keyboard', async () => {
    const { page } = d;
    await seg(page, 'en', 1, 0).focus();
    await page.keyboard.press('Enter');
    const form = page.locator('form.seg-edit');
    expect(await form.locator('.origin').textContent()).toContain('Memory match: Aigerim Bekova');
    await form.scrollIntoViewIfNeeded();
    await screenshot(page, 'desk-match.png', false);
    await page.getByLabel('Confirmed for this article (approved)').check();
    await page.getByLabel('Correction (en)').press('Enter');
    await page.locator('.seg[data-lang="en"][data-block="1"][data-seg="0"][data-approved="true"]').waitFor();
    expect(await states('en')).toEqual(['machine', 'match approved']);
    expect(await download('visite-fr', 'en.xlf')).toContain('<target state="final">The president visited China.</target>');
    // Confirming is no new correction: the entry still belongs to the first article.
    const memory = openMemory(cache);
    const entries = memory.all();
    memory.close();
    expect(entries.map((e) => [e.article, e.editor])).toEqual([['sommet-astana-fr', 'Aigerim Bekova']]);
    const tmx = writeTmx(entries, { sourceLang: 'fr', toolVersion: 'test', now: 0 });
    expect(tmx).toContain('<prop type="x-audarma-state">edited</prop>');
    expect(tmx).toContain('<prop type="x-audarma-machine">The president has visited the China.</prop>');
    expect(tmx).toContain('<prop type="x-audarma-article">sommet-astana-fr</prop>');
  });

  it('by keyboard: F and U go to the next flagged and not approved segment, Shift back; filters by state; Ctrl+Enter saves and opens the next', async () => {
    const { page } = d;
    const focused = () =>
      page.evaluate(() => {
        const s = document.activeElement;
        return s?.classList.contains('seg') ? `${s.getAttribute('data-lang')} ${s.getAttribute('data-block')}.${s.getAttribute('data-seg')}` : s?.tagName;
      });
    await page.locator('h1').click();
    await page.keyboard.press('u');
    expect(await focused()).toBe('en 0.0');
    await page.keyboard.press('u');
    expect(await focused()).toBe('kk 0.0');
    await page.keyboard.press('Shift+U');
    expect(await focused()).toBe('en 0.0');
    await page.keyboard.press('f');
    expect(await focused()).toBe('zh 0.0');
    const shown = () => page.locator('tr.row:not([hidden])').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-index')));
    await page.selectOption('#state-filter', 'match');
    expect(await shown()).toEqual(['1']);
    await page.selectOption('#state-filter', 'flagged');
    expect(await shown()).toEqual(['0']);
    await page.selectOption('#state-filter', '');
    expect(await shown()).toEqual(['0', '1']);
    // Ctrl+Enter on the first English segment: saved as it is, and the next one opens.
    await seg(page, 'en', 0, 0).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Correction (en)').press('Control+Enter');
    await page.locator('form.seg-edit .origin').waitFor();
    expect(await page.getByLabel('Correction (en)').inputValue()).toBe('The president visited China.');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.press('Escape');
    expect(await focused()).toBe('en 1.0');
    expect(d.consoleErrors).toEqual([]);
    expect(d.violations).toEqual([]);
  });
});
