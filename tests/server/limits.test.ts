// Limits a client cannot talk its way around, driven with bounded loops on loopback: body size over
// every multipart field (the key checked before the body), a trickled body, texts per request and
// per minute, wrong keys, deep markup, long names, cookies the desk cannot read.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TINY_CONFIG } from '../integration/helpers.ts';
import { tmp } from '../integration/project.ts';
import { rawRequest, rssMB } from './raw-http.ts';
import { post, serve } from './server.ts';

const dir = tmp('serve-limits');
const KEY = 'cms-0123456789abcdef';
writeFileSync(path.join(dir, 'keys.yaml'), `- key: ${KEY}\n  name: cms\n`);
const [plain, limited, keyed] = await Promise.all([
  serve(['--config', TINY_CONFIG, '--cache-dir', path.join(dir, 'cache'), '--batch-limit', '3', '--request-timeout', '1']),
  serve(['--config', TINY_CONFIG, '--cache-dir', path.join(dir, 'cache'), '--req-limit', '5']),
  serve(['--config', TINY_CONFIG, '--cache-dir', path.join(dir, 'cache'), '--api-keys', path.join(dir, 'keys.yaml')]),
]);
afterAll(() => Promise.all([plain.stop(), limited.stop(), keyed.stop()]));

const q = 'Le président a visité la Chine.';
const MB = Buffer.alloc(1024 * 1024, 'a');
const multipartHead = (url: string, length: number, extra = '') =>
  `POST ${url} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: multipart/form-data; boundary=XX\r\ncontent-length: ${length}${extra}`;

describe('request bodies', () => {
  it("refuses 990 MB of multipart form fields with 413 before reading them: the server's memory stays flat", async () => {
    const before = rssMB(plain.child.pid!);
    // The attack as sent: fields of 1 MB each, 990 of them, stopped as soon as the server answers.
    const field = Buffer.concat([Buffer.from('--XX\r\ncontent-disposition: form-data; name="f"\r\n\r\n'), MB, Buffer.from('\r\n')]);
    const r = await rawRequest(plain.url, multipartHead('/translate_file', 990 * field.length), field, 990);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toEqual({ error: `Request body is too large: ${990 * field.length} bytes, the limit is 2097152` });
    expect(r.sent).toBeLessThan(64 * field.length);
    const after = rssMB(plain.child.pid!);
    console.log(`990 MB multipart: answered ${r.status} after ${Math.round(r.sent / 1024 / 1024)} MB sent; server RSS ${before} MB before, ${after} MB after`);
    expect(after - before).toBeLessThan(50);
  });

  it("counts a form's fields together: 3 fields of 1 MB (under every field's own limit) are over the body limit", async () => {
    const form = new FormData();
    for (const name of ['a', 'b', 'c']) form.append(name, MB.toString());
    form.append('file', new Blob(['Bonjour.']), 'a.txt');
    const res = await fetch(`${plain.url}/translate_file`, { method: 'POST', body: form });
    expect(res.status).toBe(413);
    const desk = await fetch(`${plain.url}/desk/api/articles`, { method: 'POST', body: form });
    expect(desk.status).toBe(413);
  });

  it("wants a multipart body's length: one sent in chunks without it gets 411", async () => {
    const head = `POST /translate_file HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: multipart/form-data; boundary=XX\r\ntransfer-encoding: chunked`;
    const r = await rawRequest(plain.url, head, Buffer.from('5\r\naaaaa\r\n'), 1);
    expect([r.status, JSON.parse(r.body)]).toEqual([411, { error: 'A multipart body must have a Content-Length' }]);
  });

  it('with --api-keys refuses 500 MB without reading it, and a wrong key in the header before the body', async () => {
    const json = (extra: string) =>
      `POST /translate HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${500 * MB.length}${extra}`;
    const big = await rawRequest(keyed.url, json(''), MB, 500);
    expect(big.status).toBe(413);
    expect(big.sent).toBeLessThan(64 * MB.length);
    const small = `POST /translate HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${MB.length}\r\nauthorization: Bearer wrong-0123456789abcdef`;
    const wrong = await rawRequest(keyed.url, small, Buffer.alloc(0), 0);
    expect([wrong.status, JSON.parse(wrong.body)]).toEqual([403, { error: 'Invalid API key' }]);
  });

  it('ends a body trickled a byte at a time with 408 once the request timeout (--request-timeout 1) has passed', async () => {
    const head = `POST /translate HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000`;
    // At most 40 bytes, 250 ms apart: the timeout of 1 s (checked every second) ends it long before.
    const r = await rawRequest(plain.url, head, Buffer.from(' '), 40, 250);
    expect(r.status).toBe(408);
    expect(r.sent).toBeLessThan(40);
  });
});

describe('texts per request and per minute', () => {
  it('answers 400 above --batch-limit texts in a list q', async () => {
    expect(await post(`${plain.url}/translate`, { q: [q, q, q, q], source: 'fr', target: 'en' })).toEqual({
      status: 400,
      json: { error: 'Invalid request: request (4) exceeds text limit (3)' },
    });
    expect((await post(`${plain.url}/translate`, { q: [q, q, q], source: 'fr', target: 'en' })).status).toBe(200);
  });

  it('counts a list q as len(q) requests against --req-limit', async () => {
    const send = (n: number) => post(`${limited.url}/translate`, { q: n === 1 ? q : Array(n).fill(q), source: 'fr', target: 'en' });
    expect((await send(3)).status).toBe(200);
    expect(await send(3)).toEqual({ status: 429, json: { error: 'Slowdown: 5 per 1 minute' } });
    expect((await send(2)).status).toBe(200);
    expect((await send(1)).status).toBe(429);
  });
});

describe('markup, names and cookies', () => {
  const deep = '<p>' + '<span>'.repeat(150_000) + 'Bonjour.';

  it('refuses 150,000 nested tags with 400, in a text and in a file', async () => {
    const error = 'Invalid request: the markup nests deeper than 1000 elements';
    expect(await post(`${plain.url}/translate`, { q: deep, source: 'fr', target: 'en', format: 'html' })).toEqual({ status: 400, json: { error } });
    const form = new FormData();
    form.append('file', new Blob([deep]), 'deep.html');
    form.append('source', 'fr');
    form.append('target', 'en');
    const res = await fetch(`${plain.url}/translate_file`, { method: 'POST', body: form });
    expect([res.status, await res.json()]).toEqual([400, { error }]);
    // 900 levels are fine.
    const fine = await post(`${plain.url}/translate`, { q: '<p>' + '<span>'.repeat(900) + 'Bonjour.', source: 'fr', target: 'en', format: 'html' });
    expect(fine.status).toBe(200);
  });

  it('answers 400 for a file name over 200 bytes, on the API and the desk', async () => {
    const name = 'a'.repeat(250) + '.txt';
    const form = new FormData();
    form.append('file', new Blob(['Bonjour.']), name);
    form.append('source', 'fr');
    form.append('target', 'en');
    const api = await fetch(`${plain.url}/translate_file`, { method: 'POST', body: form });
    expect([api.status, await api.json()]).toEqual([400, { error: 'Invalid filename' }]);
    const desk = await fetch(`${plain.url}/desk/api/articles`, { method: 'POST', body: form });
    expect([desk.status, await desk.json()]).toEqual([400, { error: 'expected a file name of at most 200 bytes' }]);
  });

  it("ignores a cookie it cannot decode (another application's on the same host)", async () => {
    const res = await fetch(`${plain.url}/`, { headers: { cookie: 'other_app=100%; audarma_ui=fr' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<html lang="fr">');
    expect((await fetch(`${plain.url}/desk/api/articles`, { headers: { cookie: 'other_app=100%' } })).status).toBe(200);
  });
});

describe('wrong keys', () => {
  it(`are limited per address: after 10 in a minute, even the right key gets 429`, async () => {
    const send = (key: string) => post(`${keyed.url}/translate`, { q, source: 'fr', target: 'en', api_key: key });
    expect((await send(KEY)).status).toBe(200);
    const answers: number[] = [];
    for (let i = 0; i < 12; i++) answers.push((await send(`guess-${i}-0123456789abcdef`)).status);
    // The wrong key sent in a header above was the first of the 10.
    expect(answers).toEqual([...Array(9).fill(403), 429, 429, 429]);
    expect(await send(KEY)).toEqual({ status: 429, json: { error: 'Slowdown: 10 per 1 minute' } });
  });
});
