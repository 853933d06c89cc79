import type { Config, ModelConfig } from './schema.ts';
import { messages, UserError } from '../diagnostics/messages.ts';

/** What a report shows of a model: its hub id and licence (`unknown` when the catalogue gives none). */
export interface ModelLicence {
  id: string;
  licence: string;
}

/** The licence of a catalogue model as reports show it. */
export const licenceOf = (m: ModelConfig): string => m.license ?? 'unknown';

/** Hub id and licence of each of these catalogue keys. */
export function modelLicences(config: Config, keys: readonly string[]): Record<string, ModelLicence> {
  return Object.fromEntries(keys.map((k) => [k, { id: config.catalogue[k].id, licence: licenceOf(config.catalogue[k]) }]));
}

/** Licence of every catalogue model by hub id, as review pages name the models. */
export function licencesById(config: Config): Record<string, string> {
  return Object.fromEntries(Object.values(config.catalogue).map((m) => [m.id, licenceOf(m)]));
}

/**
 * Under `models.allowLicenses`, every model about to be loaded must carry one of those SPDX ids;
 * a model whose licence the catalogue does not give is refused too, since nobody checked it. One
 * error names every refused model, before anything is downloaded or loaded.
 */
export function checkLicences(config: Config, keys: readonly string[]): void {
  const allowed = config.models.allowLicenses;
  if (!allowed) return;
  const refused = keys
    .filter((k) => !config.catalogue[k].license || !allowed.includes(config.catalogue[k].license!))
    .map((k) => messages.licenceNotAllowed(k, config.catalogue[k].id, config.catalogue[k].license, allowed).message);
  if (refused.length) throw new UserError('LICENCE_NOT_ALLOWED', refused.join('\naudarma: '));
}
