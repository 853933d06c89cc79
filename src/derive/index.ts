// Editions derived from another edition's text by a deterministic function, with
// no model: Kazakh Latin from the Kazakh (Cyrillic) edition, Traditional Chinese
// from the Simplified one. Names are stable identifiers for configuration.
import { transliterateKazakh } from './kk-latn.ts';
import { toTraditional } from './zh-hant.ts';

export type Derivation = (text: string) => string;

export const DERIVATIONS = Object.freeze({
  'kk-latn-2021': transliterateKazakh,
  'opencc-cn-tw': toTraditional,
} satisfies Record<string, Derivation>);

export type DerivationName = keyof typeof DERIVATIONS;

/** Plain strings, so config checks can test an unchecked name with includes(). */
export function derivationNames(): string[] {
  return Object.keys(DERIVATIONS);
}

export function isDerivationName(name: string): name is DerivationName {
  return Object.hasOwn(DERIVATIONS, name);
}

/** The derivation a config names; the config check has already refused unknown names. */
export function derivation(name: string): Derivation {
  if (!isDerivationName(name)) throw new Error(`unknown derivation "${name}"`);
  return DERIVATIONS[name];
}
