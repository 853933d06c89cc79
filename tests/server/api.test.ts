// LibreTranslate 1.9's API as `audarma serve` answers it, on the tiny models (exact outputs).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Translate } from 'translate';
import { afterAll, describe, expect, it } from 'vitest';
import { RunReportSchema } from '../../src/output/report-schema.ts';
import { cli, TINY_CONFIG } from '../integration/helpers.ts';
import { tmp } from '../integration/project.ts';
import { get, post, serve } from './server.ts';

const cache = tmp('serve-cache');
const server = await serve(['--config', TINY_CONFIG, '--cache-dir', cache]);
afterAll(() => server.stop());
const translate = (body: Record<string, unknown>) => post(`${server.url}/translate`, body);
const stats = async () => (await get(`${server.url}/health?details=true`)).json.audarma;

describe('POST /translate', () => {
  it('translates a string fr→en into {translatedText}', async () => {
    expect(await translate({ q: 'Le président a visité la Chine.', source: 'fr', target: 'en' })).toEqual({
      status: 200,
      json: { translatedText: 'The president has visited the China.' },
    });
  });

  it('translates a list into a list, in order, keeping line breaks and blank lines', async () => {
    const r = await translate({ q: ['La délégation a signé un accord.', 'Le sommet\n\n  Le ministre a visité Astana.'], source: 'fr', target: 'en' });
    expect(r).toEqual({
      status: 200,
      json: { translatedText: ['The delegation has signed a agreement.', 'The summit\n\n  The minister has visited Astana.'] },
    });
  });

  it('takes a form body as LibreTranslate does', async () => {
    const body = new URLSearchParams({ q: 'Le président a visité la Chine.', source: 'fr', target: 'ru' });
    const res = await fetch(`${server.url}/translate`, { method: 'POST', body });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ translatedText: 'Президент посетил Китай.' });
  });

  it('goes through the pivot for zh (fr→en→zh) and derives zh-Hant and kk-Latn', async () => {
    const q = 'Le président a visité la Chine.';
    expect((await translate({ q, source: 'fr', target: 'zh' })).json).toEqual({ translatedText: '总统访问中国。' });
    expect((await translate({ q, source: 'fr', target: 'zh-Hant' })).json).toEqual({ translatedText: '總統訪問中國。' });
    expect((await translate({ q, source: 'fr', target: 'kk-latn' })).json).toEqual({ translatedText: 'Prezident bardy Qytai.' });
  });

  it('answers source auto with detectedLanguage when the text is French, a list of them for a list', async () => {
    expect((await translate({ q: 'Le président a visité la Chine.', source: 'auto', target: 'en' })).json).toEqual({
      translatedText: 'The president has visited the China.',
      detectedLanguage: { confidence: 100, language: 'fr' },
    });
    const list = await translate({ q: ['Le président a visité la Chine.', 'Astana'], source: 'auto', target: 'en' });
    expect(list.json.detectedLanguage).toEqual([
      { confidence: 100, language: 'fr' },
      { confidence: 100, language: 'fr' },
    ]);
  });

  it('refuses source auto with 400 when the text is not French', async () => {
    expect(await translate({ q: 'The president visited China.', source: 'auto', target: 'en' })).toEqual({
      status: 400,
      json: { error: 'auto is not supported: the text does not read as French, the only source language of this server' },
    });
  });

  it('keeps the glossary spellings, and gives flags, terms, route and models under `audarma` only with details=true', async () => {
    const q = 'Yerlan Koshanov a rencontré Zhao Leji à Astana.';
    expect((await translate({ q, source: 'fr', target: 'zh' })).json).toEqual({ translatedText: '叶尔兰·科沙诺夫 会见 赵乐际 Astana。' });
    expect((await translate({ q, source: 'fr', target: 'zh', details: true })).json.audarma).toEqual({
      flags: [],
      glossaryTerms: ['叶尔兰·科沙诺夫', '赵乐际'],
      route: ['fr', 'en', 'zh'],
      models: ['audarma-tiny/opus-mt-fr-en', 'audarma-tiny/opus-mt-en-zh'],
      memory: 0,
      // The tiny models are sure of every token (see tests/server/alternatives.test.ts for an unsure one).
      confidence: 1,
    });
    const flagged = await translate({ q: ['Le sommet numérique à Astana.'], source: 'fr', target: 'ru', details: 'true' });
    expect(flagged.json).toEqual({
      translatedText: ['Саммит numérique в Astana.'],
      audarma: [
        {
          flags: [{ source: 'Le sommet numérique à Astana.', kind: 'script', reason: 'expected Cyrillic script for ru, found mostly Latin (68% of letters)' }],
          glossaryTerms: [],
          route: ['fr', 'ru'],
          models: ['audarma-tiny/opus-mt-fr-ru'],
          memory: 0,
          confidence: 1,
        },
      ],
    });
  });
});

describe('format html', () => {
  const html = (q: string) => translate({ q, source: 'fr', target: 'en', format: 'html' }).then((r) => r.json.translatedText);

  it('translates the sentence whole and keeps an inline tag around the words it marked: <p>…<b>…</b>…</p>', async () => {
    expect(await html('<p>Le président a <b>visité</b> la Chine.</p>')).toBe('<p>The president has <b>visited</b> the China.</p>');
  });

  it('keeps attributes as written, nested inline tags in place, and code untouched', async () => {
    expect(
      await html(
        '<ul><li class="x">La délégation <a href="/accord" title="Le président">a <em>signé</em></a> un accord.</li><li>Le code <code>la Chine</code> reste.</li></ul>',
      ),
    ).toBe(
      '<ul><li class="x">The delegation <a href="/accord" title="Le président">has <em>signed</em></a> a agreement.</li><li>The code <code>la Chine</code> reste.</li></ul>',
    );
  });

  it('keeps a whole document a whole document', async () => {
    expect(await html('<!DOCTYPE html><html lang="fr"><head><title>Le sommet</title></head><body><h1>Le sommet</h1></body></html>')).toBe(
      '<!DOCTYPE html><html lang="fr"><head><title>The summit</title></head><body><h1>The summit</h1></body></html>',
    );
  });
});

describe('errors as LibreTranslate gives them', () => {
  it.each([
    [{ source: 'fr', target: 'en' }, 'Invalid request: missing q parameter'],
    [{ q: '', source: 'fr', target: 'en' }, 'Invalid request: missing q parameter'],
    [{ q: 'Bonjour', target: 'en' }, 'Invalid request: missing source parameter'],
    [{ q: 'Bonjour', source: 'fr' }, 'Invalid request: missing target parameter'],
    [{ q: 'Bonjour', source: 'xx', target: 'en' }, 'xx is not supported'],
    [{ q: 'Bonjour', source: 'fr', target: 'de' }, 'de is not supported'],
    [{ q: 'Bonjour', source: 'en', target: 'zh' }, 'Chinese (zh) is not available as a target language from English (en)'],
    [{ q: 'Bonjour', source: 'fr', target: 'fr' }, 'French (fr) is not available as a target language from French (fr)'],
    [{ q: 'Bonjour', source: 'fr', target: 'en', format: 'xml' }, 'xml format is not supported'],
    [{ q: [1, 2], source: 'fr', target: 'en' }, 'Invalid request: q must be a string or a list of strings'],
  ])('400 for %j', async (body, error) => {
    expect(await translate(body)).toEqual({ status: 400, json: { error } });
  });

  it('400 Invalid JSON format for a body that is not a JSON object', async () => {
    for (const body of ['{"q": ', '["Bonjour"]']) {
      const res = await fetch(`${server.url}/translate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect([res.status, await res.json()]).toEqual([400, { error: 'Invalid JSON format' }]);
    }
  });

  it('404 as JSON for an unknown route', async () => {
    expect(await get(`${server.url}/nope`)).toEqual({ status: 404, json: { error: 'Not Found' } });
  });
});

describe('the other routes', () => {
  it('GET /languages lists the source with every target of config.yaml, derived editions included', async () => {
    const targets = ['en', 'kk', 'ru', 'zh', 'kk-Latn', 'zh-Hant'];
    expect(await get(`${server.url}/languages`)).toEqual({
      status: 200,
      json: [
        { code: 'fr', name: 'French', targets },
        { code: 'en', name: 'English', targets: [] },
        { code: 'kk', name: 'Kazakh', targets: [] },
        { code: 'ru', name: 'Russian', targets: [] },
        { code: 'zh', name: 'Chinese', targets: [] },
        { code: 'kk-Latn', name: 'Kazakh (Latin)', targets: [] },
        { code: 'zh-Hant', name: 'Chinese (Traditional)', targets: [] },
      ],
    });
  });

  it('GET /frontend/settings', async () => {
    expect(await get(`${server.url}/frontend/settings`)).toEqual({
      status: 200,
      json: {
        charLimit: -1,
        frontendTimeout: 500,
        apiKeys: false,
        keyRequired: false,
        suggestions: true,
        filesTranslation: true,
        supportedFilesFormat: ['.txt', '.md', '.markdown', '.html', '.htm', '.docx', '.odt', '.xml'],
        language: { source: { code: 'fr', name: 'French' }, target: { code: 'en', name: 'English' } },
      },
    });
  });

  it('GET /health, with audarma counters only when asked', async () => {
    expect(await get(`${server.url}/health`)).toEqual({ status: 200, json: { status: 'ok' } });
    const details = (await get(`${server.url}/health?details=true`)).json;
    expect(details.status).toBe('ok');
    expect(Object.keys(details.audarma.models)).toEqual(['opus-mt-fr-en', 'opus-mt-fr-ru', 'opus-mt-en-zh', 'nllb-tiny', 'bart-lead']);
  });

  it('sends the CORS headers LibreTranslate sends, and answers a preflight', async () => {
    const res = await fetch(`${server.url}/languages`);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST');
    const preflight = await fetch(`${server.url}/translate`, {
      method: 'OPTIONS',
      headers: { origin: 'https://cms.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
  });
});

describe('the `translate` npm package with its libre engine', () => {
  const libre = Translate({ engine: 'libre', from: 'fr', url: `${server.url}/translate` } as Parameters<typeof Translate>[0]);

  it('translates fr→en and fr→zh with ISO 639-1 codes and language names', async () => {
    expect(await libre('La délégation a signé un accord.', 'en')).toBe('The delegation has signed a agreement.');
    expect(await libre('Le président a visité la Chine.', { from: 'French', to: 'Chinese' })).toBe('总统访问中国。');
  });

  it('shows the server error for a target the server does not have', async () => {
    await expect(libre('Bonjour', 'de')).rejects.toThrow('de is not supported');
  });
});

describe('batches, cache and logs', () => {
  it('two requests at once share one model batch (counted in /health details)', async () => {
    // Warm: the model and tokenizer are loaded, so both requests reach the queue at once.
    await translate({ q: 'Le ministre.', source: 'fr', target: 'en' });
    const before = (await stats()).models['opus-mt-fr-en'];
    const both = await Promise.all([
      translate({ q: "La délégation a signé l'accord hier.", source: 'fr', target: 'en' }),
      translate({ q: 'Le ministre a visité Astana hier.', source: 'fr', target: 'en' }),
    ]);
    expect(both.map((r) => r.json.translatedText)).toEqual([
      'The delegation has signed the agreement yesterday.',
      'The minister has visited Astana yesterday.',
    ]);
    const after = (await stats()).models['opus-mt-fr-en'];
    expect(after.texts - before.texts).toBe(2);
    expect(after.batches - before.batches).toBe(1);
  });

  it('answers a sentence it translated before from the cache', async () => {
    const q = 'La délégation chinoise a rencontré le ministre.';
    await translate({ q, source: 'fr', target: 'en' });
    const before = (await stats()).segments;
    expect((await translate({ q, source: 'fr', target: 'en' })).json.translatedText).toBe('The delegation chinoise has met the minister.');
    const after = (await stats()).segments;
    expect(after.translated.en).toBe(before.translated.en);
    expect(after.cached.en).toBe((before.cached.en ?? 0) + 1);
  });

  it('logs one JSON line per request with its status and time', async () => {
    await get(`${server.url}/nope-logged`);
    const line = await server.logLine((l) => l.path === '/nope-logged');
    expect(line).toMatchObject({ level: 30, msg: 'request', method: 'GET', status: 404, ip: '127.0.0.1' });
    expect(typeof line!.ms).toBe('number');
    expect(typeof line!.time).toBe('number');
  });
});

describe('serve and a nightly run on one cache at the same time', () => {
  it('the run takes its locks and finishes while the server is up, and each answers from what the other translated', async () => {
    await translate({ q: 'Le ministre a présenté le projet.', source: 'fr', target: 'en' });
    const dir = tmp('serve-run');
    const article = path.join(dir, 'projet.fr.txt');
    writeFileSync(article, 'Le grand sommet\n\nLe ministre a présenté le projet.\n');
    const out = path.join(dir, 'out');
    const run = await cli(['run', '--input', article, '--out', out, '--config', TINY_CONFIG, '--cache-dir', cache]);
    expect(run.stderr).toContain('1 done, 0 failed');
    expect(run.code).toBe(0);
    // Of the two English segments, the one the server had translated came from the cache.
    const report = RunReportSchema.parse(JSON.parse(readFileSync(path.join(out, 'run-report.json'), 'utf8')));
    expect(report.targets.en).toMatchObject({ translated: 1, cached: 1 });
    // And the title the run translated is answered from the cache by the server.
    const before = (await stats()).segments;
    expect((await translate({ q: 'Le grand sommet', source: 'fr', target: 'en' })).json.translatedText).toBe('The great summit');
    const after = (await stats()).segments;
    expect(after.cached.en).toBe(before.cached.en + 1);
    expect(after.translated.en).toBe(before.translated.en);
  });
});
