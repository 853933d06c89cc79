// The desk behind --api-keys (a key entered once per browser), its French interface, and its
// refusals: cross-site posts, a correction without a name, an unknown article.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_CONFIG } from '../integration/helpers.ts';
import { tmp } from '../integration/project.ts';
import { serve, type Served } from '../server/server.ts';
import { deskContext } from './desk-page.ts';
import { launchChromium } from './launch.ts';

const KEY = 'desk-0123456789abcdef';
const dir = tmp('desk-keys');
const keysFile = path.join(dir, 'keys.yaml');
writeFileSync(keysFile, `- key: ${KEY}\n  name: desk\n`);
let keyed: Served;
let open: Served;
let browser: Browser;

beforeAll(async () => {
  [keyed, open, browser] = await Promise.all([
    serve(['--config', TINY_CONFIG, '--cache-dir', path.join(dir, 'cache'), '--api-keys', keysFile]),
    serve(['--config', TINY_CONFIG, '--cache-dir', path.join(dir, 'cache'), '--desk-dir', path.join(dir, 'desk-open')]),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([keyed?.stop(), open?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('with --api-keys', () => {
  it('answers 401 without a key: the page asks for one, the API and the event stream refuse', async () => {
    const page = await fetch(keyed.url + '/');
    expect(page.status).toBe(401);
    expect(await page.text()).toContain('<form method="post" action="/desk/key">');
    for (const url of ['/desk/api/articles', '/desk/events', '/desk/files/x/en.md']) expect((await fetch(keyed.url + url)).status, url).toBe(401);
    const wrong = await fetch(keyed.url + '/desk/api/articles', { headers: { cookie: 'audarma_key=nope-0123456789abcdef' } });
    expect(wrong.status).toBe(401);
    // The LibreTranslate API keeps its own rules: a key in the request.
    expect((await fetch(keyed.url + '/translate', { method: 'POST' })).status).toBe(400);
  });

  it('takes the key once per browser: refused when wrong, remembered after a reload, asked again in a new browser', async () => {
    const d = await deskContext(browser, keyed.url);
    try {
      await d.page.goto(keyed.url + '/');
      await d.page.fill('#api-key', 'wrong-0123456789abcdef');
      await d.page.click('form[action="/desk/key"] button');
      expect(await d.page.locator('[role="alert"]').textContent()).toBe('This key is not valid.');
      await d.page.fill('#api-key', KEY);
      await d.page.click('form[action="/desk/key"] button');
      await d.page.waitForSelector('#upload-h');
      await d.page.reload();
      expect(await d.page.locator('#upload-h').textContent()).toBe('Add articles');
      expect(await d.page.evaluate(() => fetch('/desk/api/articles').then((r) => r.status))).toBe(200);
      expect(d.requests.filter((u) => !u.startsWith(keyed.url + '/'))).toEqual([]);
      expect(d.violations).toEqual([]);
    } finally {
      await d.close();
    }
    const fresh = await deskContext(browser, keyed.url);
    try {
      await fresh.page.goto(keyed.url + '/');
      expect(await fresh.page.locator('#api-key').count()).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});

describe('the interface language', () => {
  it('is French for a French browser (Accept-Language), and the switch turns it to English and back', async () => {
    const d = await deskContext(browser, open.url, { locale: 'fr-FR' });
    try {
      await d.page.goto(open.url + '/');
      expect(await d.page.locator('html').getAttribute('lang')).toBe('fr');
      expect(await d.page.locator('#upload-h').textContent()).toBe('Ajouter des articles');
      await d.page.click('a.lang-switch');
      expect(await d.page.locator('#upload-h').textContent()).toBe('Add articles');
      await d.page.reload();
      expect(await d.page.locator('html').getAttribute('lang')).toBe('en');
      await d.page.click('a.lang-switch');
      expect(await d.page.locator('#upload-h').textContent()).toBe('Ajouter des articles');
      expect(d.consoleErrors).toEqual([]);
      expect(d.violations).toEqual([]);
    } finally {
      await d.close();
    }
  });
});

describe('refusals', () => {
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(open.url + url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('refuses a post from another site (403) and sends a strict CSP without CORS on the desk', async () => {
    const res = await post('/desk/api/articles/x/retranslate', {}, { origin: 'http://evil.example' });
    expect([res.status, await res.json()]).toEqual([403, { error: 'cross-site request refused' }]);
    const page = await fetch(open.url + '/');
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 404 for an unknown article and 400 for a file of another type', async () => {
    expect(await post('/desk/api/articles/nothing-here/corrections', { lang: 'en', block: 0, seg: 0, text: 'x', editor: 'A' }).then((r) => r.status)).toBe(404);
    const form = new FormData();
    form.append('file', new Blob(['x']), 'photo.png');
    const res = await fetch(open.url + '/desk/api/articles', { method: 'POST', body: form });
    expect([res.status, await res.json()]).toEqual([400, { error: 'photo.png: expected a .txt, .md, .html, .docx, .odt or .xml file' }]);
  });

  it('streams article states as server-sent events; a stream its client left is no longer in flight', async () => {
    const stop = new AbortController();
    const res = await fetch(open.url + '/desk/events', { signal: stop.signal });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/event-stream; charset=utf-8']);
    const health = async () => (await (await fetch(open.url + '/health?details=true')).json()).audarma.inFlight;
    expect(await health()).toBe(1);
    stop.abort();
    await expect.poll(health).toBe(0);
  });
});
