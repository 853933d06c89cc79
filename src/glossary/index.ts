export { defineGlossary, GlossaryEntrySchema, GlossarySchema, spellingFor, type Glossary, type GlossaryEntry } from './schema.ts';
export { glossaryMessages, loadGlossary, parseGlossary, validateGlossary } from './load.ts';
export { maskTerms, unmaskTerms, type Slot } from './mask.ts';
export { allowsSuffix, containsTerm, termKey, TermMatcher, type TermMatch } from './match.ts';
