import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { STAGING_DIR, writeFileAtomic } from '../output/atomic-write.ts';

/**
 * The file every audarma run leaves in its output folder. It marks the folder as audarma's (so
 * a later run never reads its editions back as articles) and remembers which input file each
 * article folder belongs to (so a folder, once given, stays with its file).
 */
export const OUTPUT_MARKER = '.audarma-output';

interface Marker {
  about: string;
  /** Article folder (slug) -> absolute path of the input file it was made from. */
  slugs: Record<string, string>;
}

/**
 * Which input file each article folder of `outDir` belongs to, from its marker. A folder that is
 * no longer there (deleted by hand, or never written because its article failed) frees its name.
 */
export function readSlugOwners(outDir: string): Map<string, string> {
  const file = path.join(outDir, OUTPUT_MARKER);
  if (existsSync(file)) {
    try {
      const marker = JSON.parse(readFileSync(file, 'utf8')) as Partial<Marker>;
      if (marker.slugs && typeof marker.slugs === 'object') {
        return new Map(Object.entries(marker.slugs).filter((e): e is [string, string] => typeof e[1] === 'string' && existsSync(path.join(outDir, e[0]))));
      }
    } catch {
      // A damaged marker is rebuilt from the articles' result.json files, as for an older folder.
    }
  }
  return ownersFromResults(outDir);
}

/**
 * An output folder written before the marker existed (or with a damaged one): its articles'
 * result.json files name their input file, relative to where that run was started; the best
 * guess is the current folder, the one a nightly job keeps.
 */
function ownersFromResults(outDir: string): Map<string, string> {
  const owners = new Map<string, string>();
  let entries: string[];
  try {
    entries = readdirSync(outDir);
  } catch {
    return owners;
  }
  for (const slug of entries.sort()) {
    try {
      const result = JSON.parse(readFileSync(path.join(outDir, slug, 'result.json'), 'utf8')) as { file?: unknown };
      if (typeof result.file === 'string') owners.set(slug, path.resolve(result.file));
    } catch {
      // not an article folder
    }
  }
  return owners;
}

/** Writes the marker with every article folder this folder has ever had (written atomically). */
export async function writeOutputMarker(outDir: string, owners: ReadonlyMap<string, string>): Promise<void> {
  const marker: Marker = {
    about: 'This folder holds editions written by audarma. audarma never reads it as input; "slugs" keeps each article in its folder from run to run.',
    slugs: Object.fromEntries([...owners].sort(([a], [b]) => a.localeCompare(b))),
  };
  await writeFileAtomic(path.join(outDir, OUTPUT_MARKER), JSON.stringify(marker, null, 2) + '\n', { tmpDir: path.join(outDir, STAGING_DIR) });
}
