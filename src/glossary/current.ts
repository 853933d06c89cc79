import { stat } from 'node:fs/promises';
import { loadGlossary } from './load.ts';
import type { Glossary } from './schema.ts';

/**
 * The glossary file as it is now: read again whenever it changed since the last read (its inode,
 * size or modification time in nanoseconds), else the glossary already read. Every face reads the
 * glossary through this, so an edit reaches `/translate`, the desk, runs and queue workers alike
 * without a restart, and an unchanged file costs one stat. A file that no longer parses fails
 * every translation that needs it, with its ConfigError, until it is fixed.
 */
export function currentGlossary(file: string): () => Promise<Glossary> {
  let last: { version: string; glossary: Promise<Glossary> } | undefined;
  return async () => {
    const s = await stat(file, { bigint: true });
    const version = `${s.ino}:${s.size}:${s.mtimeNs}`;
    if (last?.version !== version) last = { version, glossary: loadGlossary(file) };
    return last.glossary;
  };
}
