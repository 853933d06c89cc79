// --api-keys and --req-limit: 400 without a key, 403 for a wrong one, 429 past the limit.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, TINY_CONFIG } from '../integration/helpers.ts';
import { tmp } from '../integration/project.ts';
import { get, post, serve } from './server.ts';

const dir = tmp('serve-keys');
const keysFile = path.join(dir, 'keys.yaml');
writeFileSync(
  keysFile,
  ['- key: cms-0123456789abcdef', '  name: cms', '- key: bot-0123456789abcdef', '  name: bot', '  reqLimit: 1', '- key: app-0123456789abcdef', ''].join('\n'),
);
const [keyed, open] = await Promise.all([
  serve(['--config', TINY_CONFIG, '--cache-dir', path.join(dir, 'cache'), '--api-keys', keysFile, '--req-limit', '3']),
  serve(['--config', TINY_CONFIG, '--cache-dir', path.join(dir, 'cache'), '--req-limit', '2', '--log-file', path.join(dir, 'serve.log')]),
]);
afterAll(() => Promise.all([keyed.stop(), open.stop()]));

const q = 'Le président a visité la Chine.';
const translate = (server: typeof keyed, extra: Record<string, unknown>) => post(`${server.url}/translate`, { q, source: 'fr', target: 'en', ...extra });

describe('with --api-keys', () => {
  it('400 without a key, 403 with a key not in the file', async () => {
    expect(await translate(keyed, {})).toEqual({ status: 400, json: { error: 'Please contact the server operator to get an API key' } });
    expect(await translate(keyed, { api_key: 'nope-0123456789abcdef' })).toEqual({ status: 403, json: { error: 'Invalid API key' } });
  });

  it('translates with a key from the file, sent in JSON or in a form, and logs who asked', async () => {
    expect(await translate(keyed, { api_key: 'cms-0123456789abcdef' })).toEqual({
      status: 200,
      json: { translatedText: 'The president has visited the China.' },
    });
    const form = new URLSearchParams({ q, source: 'fr', target: 'ru', api_key: 'cms-0123456789abcdef' });
    const res = await fetch(`${keyed.url}/translate`, { method: 'POST', body: form });
    expect([res.status, await res.json()]).toEqual([200, { translatedText: 'Президент посетил Китай.' }]);
    const line = await keyed.logLine((l) => l.path === '/translate' && l.status === 200);
    expect(line).toMatchObject({ msg: 'request', client: 'cms' });
    expect(JSON.stringify(keyed.logs())).not.toContain('cms-0123456789abcdef');
  });

  it('lists languages, settings and health without a key; the settings say a key is required', async () => {
    expect((await get(`${keyed.url}/languages`)).status).toBe(200);
    expect(await get(`${keyed.url}/health`)).toEqual({ status: 200, json: { status: 'ok' } });
    expect((await get(`${keyed.url}/frontend/settings`)).json).toMatchObject({ apiKeys: true, keyRequired: true });
  });

  it("429 past --req-limit per minute for a key, or past the key's own reqLimit", async () => {
    const app = { api_key: 'app-0123456789abcdef' };
    for (let i = 0; i < 3; i++) expect((await translate(keyed, app)).status).toBe(200);
    expect(await translate(keyed, app)).toEqual({ status: 429, json: { error: 'Slowdown: 3 per 1 minute' } });
    const bot = { api_key: 'bot-0123456789abcdef' };
    expect((await translate(keyed, bot)).status).toBe(200);
    expect(await translate(keyed, bot)).toEqual({ status: 429, json: { error: 'Slowdown: 1 per 1 minute' } });
  });
});

describe('without keys', () => {
  it('429 past --req-limit per minute per address; languages and health are never limited', async () => {
    expect((await translate(open, {})).status).toBe(200);
    expect((await translate(open, {})).status).toBe(200);
    expect(await translate(open, {})).toEqual({ status: 429, json: { error: 'Slowdown: 2 per 1 minute' } });
    expect((await get(`${open.url}/languages`)).status).toBe(200);
    expect((await get(`${open.url}/health`)).status).toBe(200);
  });

  it('writes its log lines to --log-file', async () => {
    await open.logLine((l) => l.status === 429);
    const lines = readFileSync(path.join(dir, 'serve.log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.msg === 'request' && l.path === '/translate').map((l) => l.status)).toEqual([200, 200, 429]);
  });
});

describe('bad settings stop serve before it listens: exit 2, the place named, no stack trace', () => {
  it.each([
    [
      '- key: short\n- key: cms-0123456789abcdef\n  reqLimit: 0\n',
      ['1:8 [0].key: Too small: expected string to have >=16 characters, got `short`', '3:13 [1].reqLimit: Too small: expected number to be >0, got `0`'],
    ],
    ['- key: cms-0123456789abcdef\n- key: cms-0123456789abcdef\n', ['2:8 [1].key: this key is listed twice; expected each key once']],
  ])('an --api-keys file with problems: %j', async (yaml, problems) => {
    const bad = path.join(tmp('keys'), 'keys.yaml');
    writeFileSync(bad, yaml);
    const r = await cli(['serve', '--config', TINY_CONFIG, '--api-keys', bad, '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.startsWith(bad))).toEqual(problems.map((p) => `${bad}:${p}`));
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('a port in use', async () => {
    const port = new URL(open.url).port;
    const r = await cli(['serve', '--config', TINY_CONFIG, '--cache-dir', path.join(dir, 'cache'), '--port', port]);
    expect(r.stderr).toContain(`audarma: cannot listen on 127.0.0.1:${port}: listen EADDRINUSE`);
    expect(r.code).toBe(2);
  });

  it.each([
    [['--port', 'web'], '--port: expected a whole number from 0 to 65535, got `web`'],
    [['--req-limit', '0'], '--req-limit: expected a whole number of 1 or more, got `0`'],
  ])('%j', async (args, message) => {
    const r = await cli(['serve', '--config', TINY_CONFIG, ...args]);
    expect(r.stderr).toBe(`audarma: ${message}\n`);
    expect(r.code).toBe(2);
  });
});
