import { hopFor } from '../config/routes.ts';
import type { Config } from '../config/schema.ts';
import { derivation } from '../derive/index.ts';
import { maskTerms } from './mask.ts';
import type { Glossary } from './schema.ts';

/**
 * The glossary spellings edition `lang` must contain for a source segment, as the model path
 * expects them: the entry's spelling for `lang` of every term in the segment, and for a derived
 * edition (kk-Latn) its parent's spellings converted. Used to check text that came from no
 * model (an editor's correction) the same way as model output.
 */
export function expectedTerms(config: Config, glossary: Glossary | undefined, source: string, lang: string): string[] {
  if (!glossary || lang === config.source || !Object.hasOwn(config.targets, lang)) return [];
  const hop = hopFor(config, lang);
  if (hop.kind === 'derive') {
    const derive = derivation(hop.derive);
    return expectedTerms(config, glossary, source, hop.from).map(derive);
  }
  return maskTerms(source, glossary, lang).slots.map((s) => s.target);
}
