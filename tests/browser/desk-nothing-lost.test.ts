// Nothing lost on the desk, in Chromium against a real `audarma serve` on the tiny models: files
// whose names share a slug keep their own articles, the very same name asks before replacing, two
// editors saving one segment get a conflict, an unsaved edit asks before the page goes, an empty
// file fails in plain words, an English text is flagged as not French, and a deleted article's
// corrections stay in the memory.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/memory.ts';
import { TINY_CONFIG } from '../integration/helpers.ts';
import { tmp } from '../integration/project.ts';
import { serve, type Served } from '../server/server.ts';
import { deskContext, seg, type DeskBrowser, signIn } from './desk-page.ts';
import { launchChromium } from './launch.ts';

const dir = tmp('desk-lost');
const cache = path.join(dir, 'cache');
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
const CRUE_MD = file('crue.md', '# Le sommet à Astana\n\nLe président a visité la Chine.\n');
const CRUE_TXT = file('crue.txt', 'Le ministre a visité Astana.\n');
const ENGLISH = file('english.txt', 'The president visited China. The delegation signed an agreement with the government of the country.\n');
const EMPTY = file('vide.txt', '');
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

const row = (slug: string) => d.page.locator(`#articles tr[data-slug="${slug}"]`);
const names = () =>
  d.page.locator('#articles tbody tr').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-slug')} ${r.querySelector('code')?.textContent}`).sort());

describe('nothing lost on the desk', () => {
  it('files whose names share a slug get articles of their own', async () => {
    await d.page.setInputFiles('#files', [CRUE_MD, CRUE_TXT]);
    await row('crue').locator('.status-done').waitFor({ timeout: 60_000 });
    await row('crue-2').locator('.status-done').waitFor({ timeout: 60_000 });
    const got = await names();
    expect(got.map((n) => n.split(' ')[1]).sort()).toEqual(['crue.md', 'crue.txt']);
    expect(got.map((n) => n.split(' ')[0])).toEqual(['crue', 'crue-2']);
  });

  it('the very same name asks before replacing; Cancel keeps the article, Replace runs it again', async () => {
    const { page } = d;
    const md = (await names()).find((n) => n.endsWith('crue.md'))!.split(' ')[0];
    await page.setInputFiles('#files', CRUE_MD);
    const dialog = page.getByRole('dialog');
    expect(await dialog.locator('#ask-question').textContent()).toBe('crue.md is already on the desk. Replace it (its editions are made again)?');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await names()).toHaveLength(2);
    await page.setInputFiles('#files', CRUE_MD);
    await page.getByRole('dialog').getByRole('button', { name: 'Replace' }).click();
    await row(md).locator('.status-done').waitFor({ timeout: 60_000 });
    expect(await names()).toHaveLength(2);
  });

  it('an empty file fails in plain words, without the server’s paths; an English text is flagged as not French', async () => {
    const { page } = d;
    await page.setInputFiles('#files', [EMPTY, ENGLISH]);
    await row('vide').locator('.status-failed').waitFor({ timeout: 60_000 });
    const reason = (await row('vide').locator('.reason').textContent()) ?? '';
    expect(reason).toContain('vide.txt');
    expect(reason).not.toContain(dir);
    expect(reason).not.toContain('.sources');
    await row('english').locator('.status-done').waitFor({ timeout: 60_000 });
    expect(await row('english').locator('.reason.warning').textContent()).toBe(
      ' This text does not read as French: check the file before relying on its editions.',
    );
    expect(await row('crue-2').locator('.reason').count()).toBe(0);
  });

  it('two editors saving one segment: the second gets a conflict showing the first one’s text, and may save over it', async () => {
    const slug = (await names()).find((n) => n.endsWith('crue.md'))!.split(' ')[0];
    const other = await deskContext(browser, server.url);
    const pages = [d.page, other.page];
    for (const p of pages) {
      await p.goto(`${server.url}/desk/articles/${slug}`);
      await p.evaluate(() => localStorage.setItem('audarma.editor', 'Oleg Petrov'));
      await seg(p, 'en', 1, 0).click();
    }
    const areas = pages.map((p) => p.getByLabel('Correction (en)'));
    await areas[0].fill('The president visited China.');
    await areas[0].press('Enter');
    await d.page.locator('.seg[data-lang="en"][data-block="1"][data-seg="0"][data-origin="edited"]').waitFor();
    await areas[1].fill('The president went to China.');
    await areas[1].press('Enter');
    const error = other.page.locator('form.seg-edit .error');
    await error.filter({ hasText: 'Someone else' }).waitFor();
    expect(await error.textContent()).toBe(
      'Someone else saved this segment since you opened it. It now reads: “The president visited China.”. Save again to replace it with yours, or Cancel to keep theirs.',
    );
    await areas[1].press('Enter');
    await other.page
      .locator('.seg[data-lang="en"][data-block="1"][data-seg="0"][data-origin="edited"]')
      .filter({ hasText: 'The president went to China.' })
      .waitFor();
    // An unsaved edit: leaving asks first.
    await seg(other.page, 'en', 1, 0).click();
    await other.page.getByLabel('Correction (en)').fill('Half-typed');
    await other.page.close({ runBeforeUnload: true });
    await expect.poll(() => other.dialogs).toEqual(['beforeunload: ']);
    await other.close();
  });

  it('deletes an article after asking; its corrections stay in the memory', async () => {
    const { page } = d;
    await page.goto(server.url + '/');
    const slug = (await names()).find((n) => n.endsWith('crue.md'))!.split(' ')[0];
    await row(slug).getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.locator('#ask-question').textContent()).toBe('Delete crue.md and its editions from the desk?');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await row(slug).waitFor({ state: 'detached' });
    expect(await page.locator('#desk-notice').textContent()).toBe('crue.md deleted.');
    await page.reload();
    expect((await names()).some((n) => n.endsWith('crue.md'))).toBe(false);
    const memory = openMemory(cache);
    expect(memory.all('en').map((e) => [e.text, e.article])).toEqual([['The president went to China.', slug]]);
    memory.close();
    // The browser logs the 409 answers (the replace question, the conflict); nothing else went wrong.
    expect(d.consoleErrors.filter((e) => !e.includes('status of 409 (Conflict)'))).toEqual([]);
  });
});
