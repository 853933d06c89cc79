// "Translate again" after the glossary file changed: the desk reads the glossary anew for the run.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPO, tinyConfigWith } from '../integration/helpers.ts';
import { tmp } from '../integration/project.ts';
import { serve, type Served } from '../server/server.ts';
import { cellTexts, deskContext } from './desk-page.ts';
import { launchChromium } from './launch.ts';

const dir = tmp('desk-glossary');
const glossary = path.join(dir, 'glossary.yaml');
const config = path.join(dir, 'config.yaml');
// The tiny config, with its folders made absolute and a glossary of this test's own.
writeFileSync(config, tinyConfigWith(glossary));
writeFileSync(glossary, '- source: Yerlan Koshanov\n  keep: true\n');
let server: Served;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([serve(['--config', config, '--cache-dir', path.join(dir, 'cache')]), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('translates an article again with the glossary as it is now', async () => {
  const d = await deskContext(browser, server.url);
  try {
    const { page } = d;
    await page.goto(server.url + '/');
    await page.setInputFiles('#files', path.join(REPO, 'tests/fixtures/desk/sommet-astana.fr.txt'));
    const row = page.locator('#articles tr[data-slug="sommet-astana-fr"]');
    await row.locator('.status-done').waitFor({ timeout: 60_000 });
    await row.getByRole('link', { name: 'Open' }).click();
    await page.waitForSelector('table.align');
    expect((await cellTexts(page, 'ru'))[2]).toBe('Министр посетил Astana.');

    writeFileSync(glossary, '- source: Astana\n  targets: { en: Astana, kk: Астана, ru: Астана, zh: 阿斯塔纳 }\n');
    // The run may be over before the page shows it running (most of it comes from the cache):
    // wait for the request to be taken, then for the refreshed table.
    const taken = page.waitForResponse((r) => r.url().endsWith('/retranslate') && r.status() === 202);
    await page.click('button.retranslate');
    await taken;
    // The page refreshes its table once the run is written.
    await expect
      .poll(() => cellTexts(page, 'ru'), { timeout: 60_000 })
      .toEqual(['Саммит в Астана', 'Президент посетил Китай. Делегация подписал соглашение.', 'Министр посетил Астана.']);
    expect(await page.locator('#article-status').getAttribute('class')).toMatch(/status-done/);
    expect(await cellTexts(page, 'zh')).toEqual(['峰会 阿斯塔纳', '总统访问中国。代表团签署协议。', '部长访问 阿斯塔纳。']);
    expect(d.consoleErrors).toEqual([]);
    expect(d.requests.filter((u) => !u.startsWith(server.url + '/'))).toEqual([]);
  } finally {
    await d.close();
  }
});
