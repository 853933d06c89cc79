import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** How long a translated file can be downloaded. */
export const KEEP_MS = 30 * 60 * 1000;
const NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[\w.-]+$/;

/**
 * Translated files waiting to be fetched from `GET /download_file/<name>`, in a folder of their
 * own that goes with the server. Names are a random UUID and the file's name, so they cannot be
 * guessed, and nothing outside the folder can be named.
 */
export class Downloads {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'audarma-serve-'));
  private readonly timer = setInterval(() => void this.purge(), KEEP_MS / 6).unref();

  /** Stores `content` as `name`; returns the name to download it by. */
  async save(name: string, content: string | Uint8Array): Promise<string> {
    const stored = `${randomUUID()}.${name.replace(/[^\w.-]/g, '_')}`;
    await writeFile(path.join(this.dir, stored), content);
    return stored;
  }

  /** The file's content and its name without the UUID; undefined when absent; throws on a bad name. */
  async read(stored: string): Promise<{ name: string; content: Buffer } | undefined> {
    if (!NAME.test(stored)) throw new RangeError('invalid download name');
    const content = await readFile(path.join(this.dir, stored)).catch(() => undefined);
    return content && { name: stored.slice(37), content };
  }

  /** Removes the files older than KEEP_MS. */
  async purge(now = Date.now()): Promise<void> {
    for (const name of await readdir(this.dir).catch(() => [])) {
      const file = path.join(this.dir, name);
      const s = await stat(file).catch(() => undefined);
      if (s && now - s.mtimeMs > KEEP_MS) await rm(file, { force: true });
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await rm(this.dir, { recursive: true, force: true });
  }
}
