import { describe, expect, it } from 'vitest';
import { ModelSchema, type ModelConfig } from '../../src/config/schema.ts';
import { segmentKeyFor } from '../../src/inference/caching-gateway.ts';
import { generationFor, type ModelLimits } from '../../src/inference/model-limits.ts';

// Every catalogue option that changes what a model writes must change the cache key of its
// segments; options that do not change what runs must not.
const model = (extra: Record<string, unknown> = {}): ModelConfig =>
  ModelSchema.parse({ id: 'Xenova/opus-mt-en-zh', task: 'translation', pairs: [{ from: 'en', to: 'zh' }], dtype: 'q8', ...extra });
const marian: ModelLimits = { positions: 512, inputTokens: 512 };
const text = 'The president visited Astana.';
const langs = { from: 'en', to: 'zh' };
const key = (m: ModelConfig, limits = marian, call?: Parameters<typeof segmentKeyFor>[4]) => segmentKeyFor(m, limits, text, langs, call);

describe('the cache key of a segment', () => {
  const base = key(model());

  it.each([
    ['targetToken', { targetToken: '>>cmn_Hans<<' }],
    ['another targetToken', { targetToken: '>>cmn_Hant<<' }],
    ['max_new_tokens', { generation: { max_new_tokens: 100 } }],
    ['min_length', { generation: { min_length: 0 } }],
    ['min_new_tokens', { generation: { min_new_tokens: 5 } }],
    ['repetition_penalty', { generation: { repetition_penalty: 1.2 } }],
    ['no_repeat_ngram_size', { generation: { no_repeat_ngram_size: 3 } }],
    ['num_beams', { generation: { num_beams: 1 } }],
    ['maxInputTokens (the default max_new_tokens follows it)', { maxInputTokens: 128 }],
    ['revision', { revision: 'v2' }],
    ['dtype', { dtype: 'fp32' }],
  ])('changes with %s', (_, extra) => {
    expect(key(model(extra))).not.toBe(base);
  });

  it('changes with the generation options of the call (summary settings, the loop retry)', () => {
    expect(key(model(), marian, { no_repeat_ngram_size: 3, repetition_penalty: 1.3 })).not.toBe(base);
  });

  it('changes when the model files change the effective max_new_tokens', () => {
    expect(key(model(), { positions: 256, inputTokens: 256 })).not.toBe(base);
    expect(key(model({ maxInputTokens: 100 }), { positions: 1024 })).not.toBe(key(model({ maxInputTokens: 100 }), { positions: 100 }));
  });

  it('holds the max_new_tokens the model runs with: any value past the decoder positions is the same run', () => {
    expect(generationFor(model(), marian).max_new_tokens).toBe(512);
    expect(generationFor(model({ maxInputTokens: 64 }), marian).max_new_tokens).toBe(Math.ceil(64 * 1.5) + 8);
    expect(key(model({ generation: { max_new_tokens: 600 } }))).toBe(key(model({ generation: { max_new_tokens: 2000 } })));
    expect(key(model({ generation: { max_new_tokens: 2000 } }))).toBe(base);
  });

  it('does not change with options that do not reach the model', () => {
    expect(key(model({ batchSize: 4, license: 'Apache-2.0', sizeMB: 140 }))).toBe(base);
  });
});
