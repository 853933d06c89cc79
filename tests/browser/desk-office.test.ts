// The desk with a correspondent's Word file, in Chromium: upload a .docx, and download the
// English edition as a .docx that is the source translated in place.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/document/formats/registry.ts';
import { REPO, TINY_CONFIG } from '../integration/helpers.ts';
import { tmp } from '../integration/project.ts';
import { serve, type Served } from '../server/server.ts';
import { deskContext, type DeskBrowser } from './desk-page.ts';
import { launchChromium } from './launch.ts';

const DOCX = path.join(REPO, 'tests/fixtures/office/article.docx');
const dir = tmp('desk-office');
let server: Served;
let browser: Browser;
let d: DeskBrowser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    serve(['--config', TINY_CONFIG, '--cache-dir', path.join(dir, 'cache'), '--desk-dir', path.join(dir, 'desk')]),
    launchChromium(),
  ]);
  d = await deskContext(browser, server.url);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the desk with a .docx', () => {
  it('uploads it, and downloads the English edition as a translated .docx', async () => {
    const { page } = d;
    await page.goto(server.url + '/');
    await page.setInputFiles('#files', DOCX);
    const row = page.locator('#articles tr[data-slug="article"]');
    await row.locator('.status-done').waitFor({ timeout: 60_000 });
    expect(await row.locator('td').nth(1).textContent()).toBe('Le gouvernement annonce un plan pour le climat');
    await row.getByRole('link', { name: 'Open' }).click();
    await page.waitForSelector('table.align');
    await page.locator('details.downloads summary').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[href="/desk/files/article/en.docx"]').click()]);
    expect(download.suggestedFilename()).toBe('article.en.docx');
    const saved = path.join(dir, 'article.en.docx');
    await download.saveAs(saved);
    const bytes = readFileSync(saved);
    expect((await FORMATS.docx.read(bytes, saved)).map((b) => `${b.type}: ${b.text}`)).toEqual([
      'title: The government annonce a plan for the climat',
      'kicker: Politique',
      'paragraph: The minister has presented the plan yesterday to Paris.',
      'heading: The mesures',
      'bullet: The gratuité of the transports.',
      'bullet: A chèque energy.',
      'paragraph: The region',
      'paragraph: The budget',
      'paragraph: The texte complet is on the site of the ministry.',
      'paragraph: The plan will be publié tomorrow.',
    ]);
    expect(d.consoleErrors).toEqual([]);
    expect(d.violations).toEqual([]);
  });
});
