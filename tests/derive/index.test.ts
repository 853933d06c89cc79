import { describe, expect, it } from 'vitest';
import { DERIVATIONS, derivationNames, isDerivationName } from '../../src/derive/index.ts';

describe('DERIVATIONS', () => {
  it('names the two derivations', () => {
    expect(derivationNames()).toEqual(['kk-latn-2021', 'opencc-cn-tw']);
    expect(isDerivationName('kk-latn-2021')).toBe(true);
    expect(isDerivationName('toString')).toBe(false);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(DERIVATIONS)).toBe(true);
  });

  it('runs each derivation', () => {
    expect(DERIVATIONS['kk-latn-2021']('Қазақстан')).toBe('Qazaqstan');
    expect(DERIVATIONS['opencc-cn-tw']('发展')).toBe('發展');
  });
});
