// POST /suggest: a proposal through the HTTP API waits, unused, until an editor accepts it in the
// desk (or comes at once from an editor's key); then every later translation of that sentence
// uses it: served, and `audarma translate` on the same cache folder. Other sites' pages are
// refused. Exact outputs of the tiny models.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, TINY_CONFIG } from '../integration/helpers.ts';
import { tmp } from '../integration/project.ts';
import { get, post, serve } from './server.ts';

const dir = tmp('serve-suggest');
const cache = path.join(dir, 'cache');
const keysFile = path.join(dir, 'keys.yaml');
const EDITOR_KEY = 'desk-0123456789abcdef';
const CLIENT_KEY = 'site-0123456789abcdef';
writeFileSync(keysFile, `- key: ${EDITOR_KEY}\n  name: desk-ana\n  editor: true\n- key: ${CLIENT_KEY}\n  name: website\n`);
const [server, keyed, off, open] = await Promise.all([
  serve(['--config', TINY_CONFIG, '--cache-dir', cache]),
  serve(['--config', TINY_CONFIG, '--cache-dir', path.join(dir, 'keyed-cache'), '--api-keys', keysFile]),
  serve(['--config', TINY_CONFIG, '--cache-dir', path.join(dir, 'off-cache'), '--no-suggestions']),
  // Reached from the network without keys: suggestions are off unless asked for.
  serve(['--config', TINY_CONFIG, '--cache-dir', path.join(dir, 'open-cache'), '--host', '0.0.0.0']),
]);
afterAll(() => Promise.all([server.stop(), keyed.stop(), off.stop(), open.stop()]));

const q = 'Le président a visité la Chine.';
const translate = (body: Record<string, unknown>, at = server) => post(`${at.url}/translate`, { source: 'fr', ...body });
const suggest = (body: Record<string, unknown>, at = server) => post(`${at.url}/suggest`, { q, source: 'fr', target: 'en', ...body });
const pending = async (at = server) => (await get(`${at.url}/desk/api/suggestions`)).json as { id: number; text: string; lang: string }[];
const accept = async (id: number, editor: string, at = server) => post(`${at.url}/desk/api/suggestions/${id}/accept`, { editor });

describe('POST /suggest', () => {
  it("keeps a suggestion with LibreTranslate's fields alone as a proposal, unused until an editor accepts it in the desk; then later requests get it, the pivot too", async () => {
    expect((await translate({ q, target: 'en' })).json).toEqual({ translatedText: 'The president has visited the China.' });
    expect((await translate({ q, target: 'zh' })).json).toEqual({ translatedText: '总统访问中国。' });

    expect(await suggest({ s: 'PWNED' })).toEqual({ status: 200, json: { success: true } });
    const proposed = await suggest({ s: '  The president  visited the capital of China. ', editor: 'Aïgerim', details: true });
    expect(proposed.json).toEqual({
      success: true,
      audarma: {
        pending: true,
        id: 2,
        source: q,
        lang: 'en',
        text: 'The president visited the capital of China.',
        proposer: 'Aïgerim',
        createdAt: expect.any(Number),
        machine: 'The president has visited the China.',
      },
    });
    // Nothing changed for anyone yet.
    expect((await translate({ q, target: 'en' })).json).toEqual({ translatedText: 'The president has visited the China.' });
    expect((await pending()).map((p) => p.text)).toEqual(['PWNED', 'The president visited the capital of China.']);
    expect(await post(`${server.url}/desk/api/suggestions/1/reject`, {})).toEqual({ status: 200, json: { rejected: true } });
    expect(await accept(2, '')).toEqual({ status: 400, json: { error: "the editor's name is missing" } });
    const stored = await accept(2, 'Aïgerim');
    expect(stored).toEqual({
      status: 200,
      json: {
        source: q,
        lang: 'en',
        text: 'The president visited the capital of China.',
        approved: false,
        editor: 'Aïgerim',
        updatedAt: expect.any(Number),
        machine: 'The president has visited the China.',
      },
    });
    expect(await pending()).toEqual([]);
    expect(await accept(2, 'Aïgerim')).toEqual({ status: 404, json: { error: 'no such suggestion' } });

    expect((await translate({ q, target: 'en', details: true })).json).toMatchObject({
      translatedText: 'The president visited the capital of China.',
      audarma: { memory: 1, route: ['fr', 'en'] },
    });
    // Only the corrected sentence of a paragraph changes.
    expect((await translate({ q: `La délégation a signé un accord. ${q}`, target: 'en' })).json).toEqual({
      translatedText: 'The delegation has signed a agreement. The president visited the capital of China.',
    });
    // Chinese is translated from English: it follows the corrected English sentence.
    const zh = (await translate({ q, target: 'zh', details: true })).json;
    expect(zh.translatedText).toBe('总统访问首都中国。');
    expect(zh).toEqual({ translatedText: zh.translatedText, audarma: expect.objectContaining({ memory: 0, route: ['fr', 'en', 'zh'] }) });
    // Counted per edition: the English sentence of the zh request's pivot came from the memory too.
    expect((await get(`${server.url}/health?details=true`)).json.audarma.segments.memory).toEqual({ en: 3 });
    expect((await get(`${server.url}/frontend/settings`)).json.suggestions).toBe(true);
  });

  it('is used by `audarma translate` on the same cache folder, marked in result.json and kept with its editor in a TMX export', async () => {
    const article = path.join(dir, 'article.txt');
    writeFileSync(article, `Le sommet\n\n${q}\n`);
    const out = path.join(dir, 'out');
    const r = await cli(['translate', article, '--config', TINY_CONFIG, '--cache-dir', cache, '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(out, 'article', 'en.md'), 'utf8')).toContain('The president visited the capital of China.');
    const result = JSON.parse(readFileSync(path.join(out, 'article', 'result.json'), 'utf8'));
    const segment = result.targets.en.blocks.flatMap((b: { segments: { source: string }[] }) => b.segments).find((s: { source: string }) => s.source === q);
    expect(segment).toMatchObject({ text: 'The president visited the capital of China.', origin: 'memory' });

    const tmx = path.join(dir, 'memory.tmx');
    expect((await cli(['tm', 'export', '--format', 'tmx', '--out', tmx, '--config', TINY_CONFIG, '--cache-dir', cache])).code).toBe(0);
    expect(readFileSync(tmx, 'utf8')).toMatch(/changeid="Aïgerim"/);
  });

  it('from an editor\'s key is a correction at once: approved (JSON true, or "true" in a form) marks it approved; a later one replaces the earlier, keeping the approval only for the same text', async () => {
    const s = 'Президент посетил Китай!';
    const k = { api_key: EDITOR_KEY };
    expect((await suggest({ ...k, s, target: 'ru', editor: 'Oleg', approved: true, details: 'true' }, keyed)).json.audarma).toMatchObject({
      lang: 'ru',
      text: s,
      approved: true,
      editor: 'Oleg',
    });
    expect((await translate({ ...k, q, target: 'ru' }, keyed)).json).toEqual({ translatedText: s });
    const form = new URLSearchParams({ ...k, q, s: 'Президент посетил Китай.', source: 'fr', target: 'ru', editor: 'Oleg', approved: 'true', details: 'true' });
    const res = await fetch(`${keyed.url}/suggest`, { method: 'POST', body: form });
    expect((await res.json()).audarma).toMatchObject({ text: 'Президент посетил Китай.', approved: true });
    expect((await suggest({ ...k, s: 'Президент посетил Китай.', target: 'ru', editor: 'Oleg' }, keyed)).json).toEqual({ success: true });
    expect((await suggest({ ...k, s: 'Президент посетил Китай.', target: 'ru', editor: 'Oleg', details: 1 }, keyed)).json.audarma.approved).toBe(true);
    expect((await suggest({ ...k, s: 'Президент побывал в Китае.', target: 'ru', editor: 'Oleg', details: 1 }, keyed)).json.audarma.approved).toBe(false);
    expect((await translate({ ...k, q, target: 'ru' }, keyed)).json).toEqual({ translatedText: 'Президент побывал в Китае.' });
  });

  it.each([
    [{ s: undefined }, 'Invalid request: missing s parameter'],
    [{ q: '' }, 'Invalid request: missing q parameter'],
    [{ s: 'Hello.', target: 'de' }, 'de is not supported'],
    [
      { s: 'Two. Sentences.', editor: 'Ana', q: 'La délégation a signé un accord. Le ministre a visité Astana.' },
      'Invalid suggestion: the source must be one sentence, as the memory keeps one entry per sentence; this one splits into 2: "La délégation a signé un accord.", "Le ministre a visité Astana."',
    ],
  ])('400 for %j', async (body, error) => {
    expect(await suggest(body)).toEqual({ status: 400, json: { error } });
  });

  it("with --api-keys needs a key; a key that is not an editor's proposes, under the key's name", async () => {
    expect(await suggest({ s: 'The president visited China.' }, keyed)).toEqual({
      status: 400,
      json: { error: 'Please contact the server operator to get an API key' },
    });
    const proposed = await suggest({ s: 'The president visited China.', api_key: CLIENT_KEY, details: true }, keyed);
    expect(proposed.json.audarma).toMatchObject({ pending: true, proposer: 'website', text: 'The president visited China.' });
    expect((await translate({ q, target: 'en', api_key: CLIENT_KEY }, keyed)).json).toEqual({ translatedText: 'The president has visited the China.' });
    const stored = await suggest({ s: 'The president visited China.', api_key: EDITOR_KEY, details: true }, keyed);
    expect(stored.json.audarma).toMatchObject({ editor: 'desk-ana', text: 'The president visited China.' });
    expect((await translate({ q, target: 'en', api_key: CLIENT_KEY }, keyed)).json).toEqual({ translatedText: 'The president visited China.' });
  });

  it.each([[{ origin: 'http://evil.example' }], [{ origin: 'null' }], [{ 'sec-fetch-site': 'cross-site' }], [{ 'sec-fetch-site': 'same-site' }]])(
    "refuses a post sent for another site's page (%j) before reading it, on /suggest and the desk alike",
    async (headers) => {
      const body = new URLSearchParams({ q, s: 'PWNED', source: 'fr', target: 'en' });
      for (const route of ['/suggest', '/desk/api/suggestions/1/accept', '/desk/api/articles/x/retranslate']) {
        const res = await fetch(server.url + route, { method: 'POST', headers, body });
        expect([route, res.status, await res.json()]).toEqual([route, 403, { error: 'cross-site request refused' }]);
      }
      expect(await pending()).toEqual([]);
      // The page's own origin passes.
      const own = await fetch(server.url + '/suggest', {
        method: 'POST',
        headers: { origin: server.url, 'sec-fetch-site': 'same-origin' },
        body: new URLSearchParams({ q: 'Le sommet.', s: 'The summit.', source: 'fr', target: 'en' }),
      });
      expect(own.status).toBe(200);
      const [one] = await pending();
      expect(await post(`${server.url}/desk/api/suggestions/${one.id}/reject`, {})).toEqual({ status: 200, json: { rejected: true } });
    },
  );

  it('is off by default on a server reachable from the network without keys', async () => {
    expect(await suggest({ s: 'The president visited China.' }, open)).toEqual({ status: 403, json: { error: 'Suggestions are disabled on this server.' } });
    expect((await get(`${open.url}/frontend/settings`)).json.suggestions).toBe(false);
  });

  it("with --no-suggestions answers 403 as LibreTranslate does, and translations stay the model's", async () => {
    expect(await suggest({ s: 'The president visited China.', editor: 'Ana' }, off)).toEqual({
      status: 403,
      json: { error: 'Suggestions are disabled on this server.' },
    });
    expect((await get(`${off.url}/frontend/settings`)).json.suggestions).toBe(false);
    expect((await translate({ q, target: 'en' }, off)).json).toEqual({ translatedText: 'The president has visited the China.' });
  });
});
