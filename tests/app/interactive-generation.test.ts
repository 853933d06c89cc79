import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRuntime } from '../../src/app/open-runtime.ts';
import { segmentKeyFor } from '../../src/inference/caching-gateway.ts';
import { tmp } from '../integration/project.ts';

// Beams at night, greedy for people waiting: `interactive.generation` goes over every model's
// generation options in a face that answers live (serve), and only there.
const dir = tmp('interactive');
const config = path.join(dir, 'config.yaml');
writeFileSync(
  config,
  [
    'catalogue:',
    '  fr-en: { id: Xenova/opus-mt-fr-en, task: translation, pairs: [{ from: fr, to: en }], generation: { num_beams: 4, max_new_tokens: 200 } }',
    'targets:',
    '  en: { model: fr-en }',
    'interactive: { generation: { num_beams: 1 } }',
  ].join('\n'),
);

describe('interactive generation settings', () => {
  it('apply over the model settings when the face answers live, and change the cache key', async () => {
    const night = await openRuntime({ config });
    const live = await openRuntime({ config, interactive: true });
    expect(night.loaded.config.catalogue['fr-en'].generation).toEqual({ num_beams: 4, max_new_tokens: 200 });
    expect(live.loaded.config.catalogue['fr-en'].generation).toEqual({ num_beams: 1, max_new_tokens: 200 });
    const key = (m: typeof night) => segmentKeyFor(m.loaded.config.catalogue['fr-en'], {}, 'Le président.', { from: 'fr', to: 'en' });
    expect(key(live)).not.toBe(key(night));
  });
});
