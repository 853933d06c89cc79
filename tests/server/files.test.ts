// POST /translate_file and GET /download_file: every format of the table, as LibreTranslate serves them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/document/formats/registry.ts';
import { badOfficeFiles } from '../document/formats/bad-office.ts';
import { TINY_CONFIG } from '../integration/helpers.ts';
import { tmp } from '../integration/project.ts';
import { serve } from './server.ts';

const server = await serve(['--config', TINY_CONFIG, '--cache-dir', tmp('serve-files')]);
afterAll(() => server.stop());

async function translateFile(name: string, content: string | Uint8Array, fields: Record<string, string> = { source: 'fr', target: 'en' }) {
  const form = new FormData();
  form.set('file', new Blob([typeof content === 'string' ? content : Buffer.from(content)]), name);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await fetch(`${server.url}/translate_file`, { method: 'POST', body: form });
  return { status: res.status, json: await res.json() };
}

async function download(url: string) {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), text: await res.text() };
}

describe('POST /translate_file', () => {
  it('translates a .txt file line by line into {translatedFileUrl}, served by GET /download_file', async () => {
    const r = await translateFile('sommet.fr.txt', 'Le sommet\n\nLe président a visité la Chine.\n');
    expect(r.status).toBe(200);
    expect(r.json.translatedFileUrl).toMatch(new RegExp(`^${server.url}/download_file/[0-9a-f-]{36}\\.sommet\\.en\\.txt$`));
    expect(await download(r.json.translatedFileUrl)).toEqual({
      status: 200,
      type: 'text/plain; charset=utf-8',
      disposition: 'attachment; filename="sommet.en.txt"',
      text: 'The summit\n\nThe president has visited the China.\n',
    });
  });

  it('keeps Markdown: headings, lists, tables, inline marks, links and code as written', async () => {
    const md = [
      '# Le sommet',
      '',
      'Le président a **visité** la [Chine](https://example.cn "Chine").',
      '',
      '```',
      'Le code reste.',
      '```',
      '- La délégation a signé `un` accord.',
      '',
      '| Le président | la Chine |',
      '|---|---|',
      '',
    ].join('\n');
    const r = await translateFile('note.md', md, { source: 'fr', target: 'en' });
    expect((await download(r.json.translatedFileUrl)).text).toBe(
      [
        '# The summit',
        '',
        'The president has **visited** the [China](https://example.cn "Chine").',
        '',
        '```',
        'Le code reste.',
        '```',
        '- The delegation has signed `un` agreement.',
        '',
        '| The president | the China |',
        '|---|---|',
        '',
      ].join('\n'),
    );
  });

  it('translates an .html file into zh through the pivot, tags kept', async () => {
    const r = await translateFile('page.html', '<h1>Le sommet</h1><p>Le président a <b>visité</b> la Chine.</p>', { source: 'auto', target: 'zh' });
    const file = await download(r.json.translatedFileUrl);
    expect(file.type).toBe('text/html; charset=utf-8');
    expect(file.disposition).toBe('attachment; filename="page.zh.html"');
    expect(file.text).toBe('<h1>峰会</h1><p>总统<b>访问</b>中国。</p>');
  });

  it.each([
    ['a .pdf file', 'report.pdf', 'x', { source: 'fr', target: 'en' }, 'Invalid request: file format not supported'],
    ['an empty file', 'empty.txt', '', { source: 'fr', target: 'en' }, 'Invalid request: empty file'],
    ['no source', 'a.txt', 'Bonjour', { target: 'en' }, 'Invalid request: missing source parameter'],
    ['an unknown target', 'a.txt', 'Bonjour', { source: 'fr', target: 'de' }, 'de is not supported'],
  ])('400 for %s', async (_what, name, content, fields, error) => {
    expect(await translateFile(name, content, fields)).toEqual({ status: 400, json: { error } });
  });

  it('400 without a file', async () => {
    const form = new FormData();
    form.set('source', 'fr');
    form.set('target', 'en');
    const res = await fetch(`${server.url}/translate_file`, { method: 'POST', body: form });
    expect([res.status, await res.json()]).toEqual([400, { error: 'Invalid request: missing file parameter' }]);
  });
});

describe('POST /translate_file with office files', () => {
  const OFFICE = path.resolve(import.meta.dirname, '..', 'fixtures', 'office');

  it.each(['docx', 'odt'] as const)('translates a .%s in place and serves it back as that format', async (ext) => {
    const r = await translateFile(`article.${ext}`, readFileSync(path.join(OFFICE, `article.${ext}`)), { source: 'fr', target: 'en' });
    expect(r.status).toBe(200);
    const res = await fetch(r.json.translatedFileUrl);
    expect([res.status, res.headers.get('content-type'), res.headers.get('content-disposition')]).toEqual([
      200,
      FORMATS[ext].contentType,
      `attachment; filename="article.en.${ext}"`,
    ]);
    const blocks = await FORMATS[ext].read(new Uint8Array(await res.arrayBuffer()), `article.en.${ext}`);
    expect(blocks.map((b) => `${b.type}: ${b.text}`)).toEqual([
      'title: The government annonce a plan for the climat',
      'kicker: Politique',
      'paragraph: The minister has presented the plan yesterday to Paris.',
      'heading: The mesures',
      'bullet: The gratuité of the transports.',
      'bullet: A chèque energy.',
      'paragraph: The region',
      'paragraph: The budget',
      'paragraph: The texte complet is on the site of the ministry.',
      'paragraph: Inscrivez-vous to our newsletter',
      'paragraph: The plan will be publié tomorrow.',
    ]);
  });

  it('answers 400 naming the file for an office file it cannot read', async () => {
    for (const bad of badOfficeFiles()) {
      const r = await translateFile(bad.name, bad.bytes);
      expect(r.status, bad.what).toBe(400);
      // An empty upload gets LibreTranslate's own message, as for any format.
      expect(r.json.error.replace(/^Invalid request: /, ''), bad.what).toMatch(bad.what === 'empty' ? /^empty file$/ : bad.message);
    }
  });
});

describe('POST /translate_file with news items', () => {
  it('translates an NITF .xml in place and serves it back as an item in the target language', async () => {
    const file = path.resolve(import.meta.dirname, '..', 'fixtures', 'nitf', 'article-fr.xml');
    const r = await translateFile('depeche.xml', readFileSync(file), { source: 'fr', target: 'en' });
    expect(r.status).toBe(200);
    const res = await fetch(r.json.translatedFileUrl);
    expect([res.status, res.headers.get('content-type'), res.headers.get('content-disposition')]).toEqual([
      200,
      'application/xml',
      'attachment; filename="depeche.en.xml"',
    ]);
    const text = await res.text();
    expect(text).toContain('<doc-id id-string="audarma-2026-climat-en"/>');
    expect(text).toMatch(/<nitf [^>]*xml:lang="en"/);
    expect((await FORMATS.xml.read(Buffer.from(text), 'depeche.en.xml')).slice(0, 3).map((b) => `${b.type}: ${b.text}`)).toEqual([
      'title: The government annonce a plan for the climat',
      'kicker: Politique',
      'paragraph: The minister has presented the plan yesterday to Paris.',
    ]);
  });
});

describe('GET /download_file', () => {
  it('400 for a name that is not one it gave, 404 for one it does not have', async () => {
    expect(await download(`${server.url}/download_file/..%2F..%2Fetc%2Fpasswd`)).toMatchObject({ status: 400, text: '{"error":"Invalid filename"}' });
    expect(await download(`${server.url}/download_file/00000000-0000-0000-0000-000000000000.a.txt`)).toMatchObject({
      status: 404,
      text: '{"error":"File not found"}',
    });
  });
});
