import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** The article file is larger than the read step accepts; found before it was read. */
export class TooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`file of ${bytes} bytes, over the limit of ${limit}`);
    this.name = 'TooLargeError';
  }
}

/**
 * What an article's outputs depend on: its bytes and the settings (config, pipeline, glossary
 * texts). Same hash and outputs present means the article is unchanged and costs nothing. The
 * size is checked before reading and the bytes are hashed in chunks, stopping past `maxBytes`
 * (the file may grow meanwhile): a multi-gigabyte file dropped among the articles never fills
 * memory.
 */
export async function documentHash(file: string, settingsFingerprint: string, maxBytes = Infinity): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw new TooLargeError(size, maxBytes);
    const hash = createHash('sha256').update(settingsFingerprint).update('\0');
    const chunk = Buffer.alloc(64 * 1024);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new TooLargeError(total, maxBytes);
      hash.update(chunk.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}

export function fingerprint(parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}
