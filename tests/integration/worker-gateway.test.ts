import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerGateway } from '../../src/inference/worker-gateway.ts';
import type { Gateway } from '../../src/inference/gateway.ts';
import { tinyContext, textsOf } from './helpers.ts';

// The worker-process gateway must give exactly what the in-thread one gives, batch for batch.
let ctx: Awaited<ReturnType<typeof tinyContext>>;
let workers: Gateway;
beforeAll(async () => {
  ctx = await tinyContext();
  workers = createWorkerGateway({ modelsDir: ctx.loaded.modelsDir, catalogue: ctx.loaded.config.catalogue, workers: 2, intraOpThreads: 1 });
});
afterAll(async () => {
  await workers.dispose();
  await ctx.gateway.dispose();
});

const texts = Array.from({ length: 23 }, (_, i) => `Le président a visité la capitale ${i} fois avec ${'le ministre '.repeat(i % 4)}en ${2000 + i}.`);

describe('worker-process gateway', () => {
  it('translates a pooled request across two worker processes with the same output, in order', async () => {
    const expected = await ctx.gateway.translate('opus-mt-fr-en', texts, { from: 'fr', to: 'en' });
    // Scores come back with the texts: the tiny models are sure of every token.
    expect(await workers.translate('opus-mt-fr-en', texts, { from: 'fr', to: 'en' })).toEqual(expected);
    expect(expected[3]).toEqual({ confidence: 1, text: 'The president has visited the capital 3 fois with the minister the minister the minister in 2003.' });
    expect(workers.calls['opus-mt-fr-en']).toBe(23);
  });

  it('serves multilingual codes and summaries the same way', async () => {
    const kk = await textsOf(workers.translate('nllb-tiny', ['The president.', ''], { from: 'en', to: 'kk' }));
    expect(kk).toEqual(['Президент.', '']);
    expect(await textsOf(workers.summarize('bart-lead', ['The president spoke. The end.']))).toEqual(['The president spoke.']);
  });

  it('passes a model error back as an error of the call', async () => {
    const broken = createWorkerGateway({
      modelsDir: '/nonexistent',
      catalogue: ctx.loaded.config.catalogue,
      workers: 1,
    });
    await expect(broken.translate('opus-mt-fr-en', ['Le président.'], { from: 'fr', to: 'en' })).rejects.toThrow(
      'model audarma-tiny/opus-mt-fr-en is not in /nonexistent/audarma-tiny/opus-mt-fr-en; download it once with: npx audarma models pull audarma-tiny/opus-mt-fr-en',
    );
    await broken.dispose();
  });
});
