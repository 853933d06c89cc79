import { describe, expect, it } from 'vitest';
import { canonicalJson, segmentKey, type SegmentKeyParts } from '../../src/store/segment-key.ts';

const base: SegmentKeyParts = {
  text: 'Le gouvernement a annoncé mardi une réforme.',
  model: 'Xenova/opus-mt-fr-en',
  dtype: 'q8',
  generation: { num_beams: 4, max_new_tokens: 256 },
  from: 'fr',
  to: 'en',
};

describe('segmentKey', () => {
  it('is a stable sha256 hex', () => {
    expect(segmentKey(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(segmentKey({ ...base })).toBe(segmentKey(base));
  });

  it('changes when any field changes', () => {
    const variants: SegmentKeyParts[] = [
      { ...base, text: base.text + ' ' },
      { ...base, model: 'Xenova/nllb-200-distilled-600M' },
      { ...base, revision: 'v2' },
      { ...base, dtype: 'fp32' },
      { ...base, generation: { num_beams: 5, max_new_tokens: 256 } },
      { ...base, generation: { num_beams: 4, max_new_tokens: 256, do_sample: false } },
      { ...base, from: 'en' },
      { ...base, to: 'ru' },
      { ...base, route: 'fr>en>kk' },
      { ...base, targetToken: '>>cmn_Hans<<' },
    ];
    const keys = new Set([segmentKey(base), ...variants.map(segmentKey)]);
    expect(keys.size).toBe(variants.length + 1);
  });

  it("treats a missing revision as 'main'", () => {
    expect(segmentKey({ ...base, revision: 'main' })).toBe(segmentKey(base));
  });

  it('ignores key order in generation options, at any depth', () => {
    const a = segmentKey({ ...base, generation: { num_beams: 4, max_new_tokens: 256, extra: { b: 1, a: 2 } } });
    const b = segmentKey({ ...base, generation: { extra: { a: 2, b: 1 }, max_new_tokens: 256, num_beams: 4 } });
    expect(a).toBe(b);
  });

  it('keeps the field boundaries unambiguous', () => {
    // Moving text between fields must not collide, which naive concatenation would allow.
    expect(segmentKey({ ...base, from: 'fr', to: 'en' })).not.toBe(segmentKey({ ...base, from: 'fre', to: 'n' }));
  });

  it('canonicalJson sorts keys and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: undefined }] })).toBe('{"a":[{"d":1}],"b":1}');
  });
});
