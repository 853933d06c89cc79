import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Hidden folder inside an output folder where files are written before being renamed into place. */
export const STAGING_DIR = '.staging';

/**
 * Writes a file so that readers see the old content or the new, never half of it: the data goes
 * to a temporary file in the same folder, is flushed to disk, then renamed over the target.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: { tmpDir?: string } = {}): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // A staging folder (on the same file system, so rename is atomic) keeps a crash's leftovers
  // out of the output folders; the next run empties it.
  const tmpDir = opts.tmpDir ?? path.dirname(file);
  if (opts.tmpDir) await mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  await rename(tmp, file);
}
