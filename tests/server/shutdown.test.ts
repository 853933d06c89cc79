// A real fault is a 500 with its cause logged; SIGTERM and SIGINT stop the server gracefully.
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { TINY_CONFIG } from '../integration/helpers.ts';
import { addUnknownToDecoder, copyTinyModel, modelsDir, slowDown } from '../integration/model-variants.ts';
import { project, running, sleep, tmp, workerPids } from '../integration/project.ts';
import { get, post, serve } from './server.ts';

// en: a decoder slow enough for a request to be caught in flight; ru: a token the decoder cannot
// look up ("Kaboom"), so a batch holding it fails in onnxruntime. One model worker process.
const models = modelsDir();
slowDown(copyTinyModel(models, 'opus-mt-fr-en', 'slow-fr-en'), 700);
addUnknownToDecoder(copyTinyModel(models, 'opus-mt-fr-ru', 'kaboom-fr-ru'), 'Kaboom');
const dir = project([
  `models: { dir: ${models} }`,
  'catalogue:',
  '  fr-en: { id: audarma-test/slow-fr-en, task: translation, pairs: [{ from: fr, to: en }] }',
  '  fr-ru: { id: audarma-test/kaboom-fr-ru, task: translation, pairs: [{ from: fr, to: ru }] }',
  'targets:',
  '  en: { model: fr-en, script: Latn }',
  '  ru: { model: fr-ru, script: Cyrl }',
  'inference: { workers: 1, intraOpThreads: 1 }',
]);
const [server, idle] = await Promise.all([serve(['--cache-dir', tmp('serve-stop')], dir), serve(['--config', TINY_CONFIG, '--cache-dir', tmp('serve-idle')])]);

// The tests below stop both; when only some of them run (-t), they are stopped here.
afterAll(() => Promise.all([server.stop(), idle.stop()]));

/** A request on a connection of its own (fetch would reuse an open one). */
const freshConnection = (url: string) =>
  new Promise<number>((resolve, reject) =>
    request(url, { agent: false }, (res) => resolve(res.statusCode!))
      .on('error', reject)
      .end(),
  );

describe('a real fault', () => {
  it('is a 500 with the cause in the answer and in the log; the server goes on', async () => {
    const q = 'La délégation a signé Kaboom à Astana.';
    const r = await post(`${server.url}/translate`, { q, source: 'fr', target: 'ru' });
    expect(r.status).toBe(500);
    expect(r.json.error).toMatch(
      /^Cannot translate text: could not translate "La délégation a signé Kaboom à Astana\.": Non-zero status code returned while running Gather node\./,
    );
    const logged = await server.logLine((l) => l.msg === 'request failed');
    expect(logged).toMatchObject({ level: 50, path: '/translate' });
    expect((logged!.err as { message: string; stack: string }).stack).toContain('Gather');
    expect(await post(`${server.url}/translate`, { q: 'Le président a visité la Chine.', source: 'fr', target: 'ru' })).toEqual({
      status: 200,
      json: { translatedText: 'Президент посетил Китай.' },
    });
  });
});

describe('SIGTERM', () => {
  it('finishes the request in flight, refuses new connections, stops the model worker and exits 0', async () => {
    const workers = workerPids(server.child.pid!);
    expect(workers).toHaveLength(1);
    const inFlight = post(`${server.url}/translate`, {
      q: 'La délégation du Kazakhstan a signé un nouvel accord de coopération avec la Chine.',
      source: 'fr',
      target: 'en',
    });
    let answered = false;
    void inFlight.finally(() => (answered = true));
    while (!answered && (await get(`${server.url}/health?details=true`)).json.audarma.inFlight === 0) await sleep(20);
    expect(answered).toBe(false);
    server.child.kill('SIGTERM');
    await server.logLine((l) => String(l.msg).startsWith('stopping'));
    await expect(freshConnection(`${server.url}/health`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await inFlight).toEqual({
      status: 200,
      json: { translatedText: 'The delegation of the Kazakhstan has signed a nouvel agreement of cooperation with the China.' },
    });
    const ended = await server.ended;
    expect([ended.code, ended.signal]).toEqual([0, null]);
    const msgs = server.logs().map((l) => l.msg);
    expect(msgs.indexOf('stopped')).toBeGreaterThan(msgs.lastIndexOf('request'));
    expect(workers.filter(running)).toEqual([]);
  });
});

describe('SIGINT', () => {
  it("stops an idle server the same way, exit 0, ending the desk's event streams (one still open, one its client just left)", async () => {
    const left = new AbortController();
    await fetch(`${idle.url}/desk/events`, { signal: left.signal });
    const open = await fetch(`${idle.url}/desk/events`);
    left.abort();
    idle.child.kill('SIGINT');
    // The open stream ends when the server stops: reading it to the end returns.
    expect(await open.text()).toMatch(/^retry: 2000\n\n/);
    // Well before the keep-alive timeout (72 s) a stream's connection could otherwise hold the close for.
    const ended = await Promise.race([idle.ended, sleep(20_000).then(() => ({ code: 'still running after 20 s', signal: null }))]);
    expect([ended.code, ended.signal]).toEqual([0, null]);
    expect(
      idle
        .logs()
        .map((l) => l.msg)
        .filter((m) => m !== 'request')
        .slice(-2),
    ).toEqual(['stopping: no new requests; finishing those in flight', 'stopped']);
  });
});
