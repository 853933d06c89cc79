// POST /suggest: an editor's correction through the HTTP API goes into the translation memory,
// and every later translation of that sentence uses it: served, and `audarma translate` on the
// same cache folder. Exact outputs of the tiny models.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, TINY_CONFIG } from '../integration/helpers.ts';
import { tmp } from '../integration/project.ts';
import { get, post, serve } from './server.ts';

const dir = tmp('serve-suggest');
const cache = path.join(dir, 'cache');
const keysFile = path.join(dir, 'keys.yaml');
writeFileSync(keysFile, '- key: desk-0123456789abcdef\n  name: desk-ana\n');
const [server, keyed, off] = await Promise.all([
  serve(['--config', TINY_CONFIG, '--cache-dir', cache]),
  serve(['--config', TINY_CONFIG, '--cache-dir', path.join(dir, 'keyed-cache'), '--api-keys', keysFile]),
  serve(['--config', TINY_CONFIG, '--cache-dir', path.join(dir, 'off-cache'), '--no-suggestions']),
]);
afterAll(() => Promise.all([server.stop(), keyed.stop(), off.stop()]));

const q = 'Le président a visité la Chine.';
const translate = (body: Record<string, unknown>, at = server) => post(`${at.url}/translate`, { source: 'fr', ...body });
const suggest = (body: Record<string, unknown>, at = server) => post(`${at.url}/suggest`, { q, source: 'fr', target: 'en', ...body });

describe('POST /suggest', () => {
  it('stores the correction with its editor and the machine output it replaces; later requests get it, the pivot too', async () => {
    expect((await translate({ q, target: 'en' })).json).toEqual({ translatedText: 'The president has visited the China.' });
    expect((await translate({ q, target: 'zh' })).json).toEqual({ translatedText: '总统访问中国。' });

    const stored = await suggest({ s: '  The president  visited the capital of China. ', editor: 'Aïgerim', details: true });
    expect(stored.status).toBe(200);
    expect(stored.json).toEqual({
      success: true,
      audarma: {
        source: q,
        lang: 'en',
        text: 'The president visited the capital of China.',
        approved: false,
        editor: 'Aïgerim',
        updatedAt: expect.any(Number),
        machine: 'The president has visited the China.',
      },
    });

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

  it('approved (JSON true, or "true" in a form) marks the correction approved; a later suggestion replaces the earlier one, keeping the approval only for the same text', async () => {
    const s = 'Президент посетил Китай!';
    expect((await suggest({ s, target: 'ru', editor: 'Oleg', approved: true, details: 'true' })).json.audarma).toMatchObject({ lang: 'ru', text: s, approved: true, editor: 'Oleg' });
    expect((await translate({ q, target: 'ru' })).json).toEqual({ translatedText: s });
    const form = new URLSearchParams({ q, s: 'Президент посетил Китай.', source: 'fr', target: 'ru', editor: 'Oleg', approved: 'true', details: 'true' });
    const res = await fetch(`${server.url}/suggest`, { method: 'POST', body: form });
    expect((await res.json()).audarma).toMatchObject({ text: 'Президент посетил Китай.', approved: true });
    expect((await suggest({ s: 'Президент посетил Китай.', target: 'ru', editor: 'Oleg' })).json).toEqual({ success: true });
    expect((await suggest({ s: 'Президент посетил Китай.', target: 'ru', editor: 'Oleg', details: 1 })).json.audarma.approved).toBe(true);
    expect((await suggest({ s: 'Президент побывал в Китае.', target: 'ru', editor: 'Oleg', details: 1 })).json.audarma.approved).toBe(false);
    expect((await translate({ q, target: 'ru' })).json).toEqual({ translatedText: 'Президент побывал в Китае.' });
  });

  it.each([
    [{ s: undefined }, 'Invalid request: missing s parameter'],
    [{ q: '' }, 'Invalid request: missing q parameter'],
    [{ s: 'Hello.', target: 'de' }, 'de is not supported'],
    [{ s: 'Hello.' }, 'Invalid request: missing editor parameter'],
    [{ s: 'Hello.', editor: '   ' }, 'Invalid request: missing editor parameter'],
    [
      { s: 'Two. Sentences.', editor: 'Ana', q: 'La délégation a signé un accord. Le ministre a visité Astana.' },
      'Invalid suggestion: the source must be one sentence, as the memory keeps one entry per sentence; this one splits into 2: "La délégation a signé un accord.", "Le ministre a visité Astana."',
    ],
  ])('400 for %j', async (body, error) => {
    expect(await suggest(body)).toEqual({ status: 400, json: { error } });
  });

  it('with --api-keys needs a key, and the key\'s name is the editor when none is given', async () => {
    expect(await suggest({ s: 'The president visited China.' }, keyed)).toEqual({ status: 400, json: { error: 'Please contact the server operator to get an API key' } });
    const stored = await suggest({ s: 'The president visited China.', api_key: 'desk-0123456789abcdef', details: true }, keyed);
    expect(stored.json.audarma).toMatchObject({ editor: 'desk-ana', text: 'The president visited China.' });
    expect((await translate({ q, target: 'en', api_key: 'desk-0123456789abcdef' }, keyed)).json).toEqual({ translatedText: 'The president visited China.' });
  });

  it('with --no-suggestions answers 403 as LibreTranslate does, and translations stay the model\'s', async () => {
    expect(await suggest({ s: 'The president visited China.', editor: 'Ana' }, off)).toEqual({ status: 403, json: { error: 'Suggestions are disabled on this server.' } });
    expect((await get(`${off.url}/frontend/settings`)).json.suggestions).toBe(false);
    expect((await translate({ q, target: 'en' }, off)).json).toEqual({ translatedText: 'The president has visited the China.' });
  });
});
