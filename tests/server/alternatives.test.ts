// `alternatives` on POST /translate as LibreTranslate 1.9 takes it, and `confidence` in the
// details, on a tiny model made to be unsure of two words (tests/tiny/marian.ts): it would write
// "ministry" for "delegation" and "government" for "parliament" instead.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unsureProject } from '../integration/project.ts';
import { post, serve } from './server.ts';

const dir = unsureProject();
const server = await serve(['--config', path.join(dir, 'config.yaml'), '--cache-dir', path.join(dir, 'cache')]);
afterAll(() => server.stop());
const translate = (body: Record<string, unknown>) => post(`${server.url}/translate`, body);

const q = 'La délégation du parlement a visité la capitale.';

describe('alternatives', () => {
  it('gives `alternatives` from the n-best list: distinct texts, the translation itself excluded', async () => {
    expect(await translate({ q, source: 'fr', target: 'en', alternatives: 2 })).toEqual({
      status: 200,
      json: {
        translatedText: 'The delegation of the parliament has visited the capital.',
        alternatives: ['The delegation of the government has visited the capital.', 'The ministry of the parliament has visited the capital.'],
      },
    });
  });

  it('gives a list of them per text for a list of texts, and none asked none given', async () => {
    const r = await translate({ q: [q, 'La délégation.'], source: 'fr', target: 'en', alternatives: '1' });
    expect(r.json).toEqual({
      translatedText: ['The delegation of the parliament has visited the capital.', 'The delegation.'],
      alternatives: [['The delegation of the government has visited the capital.'], ['The ministry.']],
    });
    expect((await translate({ q, source: 'fr', target: 'en' })).json).toEqual({ translatedText: 'The delegation of the parliament has visited the capital.' });
  });

  it("answers a value that is not a number, or more than 3, with LibreTranslate's 400", async () => {
    expect(await translate({ q, source: 'fr', target: 'en', alternatives: 'abc' })).toEqual({
      status: 400,
      json: { error: 'Invalid request: alternatives parameter is not a number' },
    });
    expect(await translate({ q, source: 'fr', target: 'en', alternatives: [2] })).toEqual({
      status: 400,
      json: { error: 'Invalid request: alternatives parameter is not a number' },
    });
    expect(await translate({ q, source: 'fr', target: 'en', alternatives: 4 })).toEqual({
      status: 400,
      json: { error: 'Invalid request: alternatives parameter must be <= 3' },
    });
  });
});

describe('confidence in the details', () => {
  it("gives the text's confidence, its least sure sentence's, with the low-confidence flag below 0.5", async () => {
    const r = await translate({ q: ['La délégation.', 'Le président a visité la capitale.'], source: 'fr', target: 'en', details: true });
    expect(r.json.audarma.map((d: { confidence: number }) => d.confidence)).toEqual([0.473, 1]);
    expect(r.json.audarma[0].flags).toEqual([{ source: 'La délégation.', kind: 'low-confidence', reason: "the model's confidence in it is 0.47, below 0.5" }]);
  });
});
