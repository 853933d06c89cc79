// Cross-site request forgery against a keyless `audarma serve` on loopback (suggestions on): pages of
// another site (another origin on this machine) post to /suggest and the desk with an auto-submitted
// form, fetch and a sandboxed frame (Origin: null) in Chromium. Every one is refused; nothing waits
// in the desk and every translation stays the model's. The server's own page still may.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_CONFIG } from '../integration/helpers.ts';
import { tmp } from '../integration/project.ts';
import { get, post, serve, type Served } from '../server/server.ts';
import { launchChromium } from './launch.ts';

const q = 'Le président a visité la Chine.';
const dir = tmp('csrf');
let target: Served;
let browser: Browser;
let evil: Server;
let evilUrl: string;
const pages: Partial<Record<string, (to: string) => string>> = {
  form: (to) =>
    `<form id="f" method="post" action="${to}/suggest"><input name="q" value="${q}"><input name="s" value="PWNED by another site">` +
    `<input name="source" value="fr"><input name="target" value="en"><input name="editor" value="x"></form><script>document.getElementById('f').submit()</script>`,
  fetch: (to) =>
    `<script>
      const body = JSON.stringify({ q: ${JSON.stringify(q)}, s: 'PWNED by fetch', source: 'fr', target: 'en' });
      Promise.all([
        fetch('${to}/suggest', { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.status, (e) => 'error'),
        fetch('${to}/suggest', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body }).then((r) => r.type, (e) => 'error'),
        fetch('${to}/desk/api/suggestions/1/accept', { method: 'POST', mode: 'no-cors', body: 'editor=x' }).then((r) => r.type, (e) => 'error'),
      ]).then((r) => { document.title = 'done ' + r.join(' '); });
    </script>`,
  sandbox: (to) =>
    `<iframe sandbox="allow-forms allow-scripts" srcdoc="${`<form id=f method=post action='${to}/suggest'><input name=q value='${q}'><input name=s value='PWNED from null'><input name=source value=fr><input name=target value=en></form><script>document.getElementById('f').submit()</script>`.replace(/"/g, '&quot;')}"></iframe>`,
};

beforeAll(async () => {
  [target, browser] = await Promise.all([serve(['--config', TINY_CONFIG, '--cache-dir', path.join(dir, 'cache')]), launchChromium()]);
  evil = createServer((req, res) => {
    const page = pages[(req.url ?? '').slice(1)];
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page ? `<!doctype html><title>evil</title>${page(target.url)}` : '');
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  // localhost, not 127.0.0.1: another site, as a browser sees it, not only another port.
  evilUrl = `http://localhost:${(evil.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await target?.stop();
  await new Promise((resolve) => evil?.close(resolve));
});

const translated = async () => (await post(`${target.url}/translate`, { q, source: 'fr', target: 'en' })).json;

describe('a page of another site', () => {
  it('cannot store or accept a suggestion: form, fetch and a sandboxed frame (Origin: null) are refused', async () => {
    const before = await translated();
    expect(before).toEqual({ translatedText: 'The president has visited the China.' });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await Promise.all([page.waitForURL(`${target.url}/suggest`), page.goto(`${evilUrl}/form`)]);
      expect(JSON.parse((await page.textContent('body'))!)).toEqual({ error: 'cross-site request refused' });

      await page.goto(`${evilUrl}/fetch`);
      await page.waitForFunction(() => document.title.startsWith('done'));
      // The JSON post is answered 403 (the answer is readable: the API sends CORS headers); the others are opaque.
      expect(await page.title()).toBe('done 403 opaque opaque');

      await page.goto(`${evilUrl}/sandbox`);
      // The frame's form posted (with Origin: null) and the frame shows the refusal.
      const frame = () => page.frames().find((f) => f.url() === `${target.url}/suggest`);
      await expect
        .poll(() =>
          frame()
            ?.textContent('body')
            .catch(() => ''),
        )
        .toBe('{"error":"cross-site request refused"}');
      const posts = target.logs().filter((l) => l.msg === 'request' && l.method === 'POST' && l.path !== '/translate');
      expect(posts.map((l) => `${l.path} ${l.status}`).sort()).toEqual([
        '/desk/api/suggestions/1/accept 403',
        '/suggest 403',
        '/suggest 403',
        '/suggest 403',
        '/suggest 403',
      ]);
    } finally {
      await context.close();
    }
    expect((await get(`${target.url}/desk/api/suggestions`)).json).toEqual([]);
    expect(await translated()).toEqual(before);
  });

  it("while the server's own page may propose, and an editor accepts the proposal in the desk", async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${target.url}/languages`);
      const status = await page.evaluate(
        (text) =>
          fetch('/suggest', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ q: text, s: 'The president visited China.', source: 'fr', target: 'en' }),
          }).then((r) => r.status),
        q,
      );
      expect(status).toBe(200);
    } finally {
      await context.close();
    }
    expect((await get(`${target.url}/desk/api/suggestions`)).json).toMatchObject([{ text: 'The president visited China.', lang: 'en' }]);
    expect(await translated()).toEqual({ translatedText: 'The president has visited the China.' });

    const desk = await browser.newContext({ locale: 'en-GB' });
    try {
      const page = await desk.newPage();
      await page.goto(`${target.url}/`);
      expect(await page.locator('#suggestions tbody tr td').allTextContents()).toEqual([
        q,
        'en',
        'The president visited China.',
        'The president has visited the China.',
        '',
        'Accept Reject',
      ]);
      await page.fill('#editor-name', 'Aïgerim');
      await page.click('button[data-accept]');
      await expect.poll(() => page.locator('#announce').textContent()).toBe('Accepted: the translation memory uses it now.');
      expect(await page.locator('section.suggestions').isHidden()).toBe(true);
    } finally {
      await desk.close();
    }
    expect(await translated()).toEqual({ translatedText: 'The president visited China.' });
  });
});
