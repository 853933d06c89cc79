import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/**
 * What an article's outputs depend on: its bytes and the settings (config, pipeline, glossary
 * texts). Same hash and outputs present means the article is unchanged and costs nothing.
 */
export async function documentHash(file: string, settingsFingerprint: string): Promise<string> {
  const bytes = await readFile(file);
  return createHash('sha256').update(settingsFingerprint).update('\0').update(bytes).digest('hex');
}

export function fingerprint(parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}
