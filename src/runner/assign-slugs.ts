import { createHash } from 'node:crypto';
import path from 'node:path';
import { slugOf } from './slug.ts';

/**
 * Article folders (slugs) for a run's files, stable from run to run and collision-free. `owners`
 * are the folders the output folder already has (slug -> absolute input path): a file keeps
 * the folder it has, and no other file ever gets it. A new file gets its plain slug when that is
 * free and no other new file of this run wants it too; otherwise the slug with a short hash of
 * its path (`article-1a2b3c4d`), so a second `article.txt` arriving tomorrow never renames
 * today's `article/`. Returns each file's slug and the owners updated with the new ones.
 */
export function assignSlugs(files: string[], owners: ReadonlyMap<string, string> = new Map()): { slugs: Map<string, string>; owners: Map<string, string> } {
  const taken = new Map(owners);
  const slugOfFile = new Map<string, string>();
  for (const [slug, file] of owners) slugOfFile.set(file, slug);
  const slugs = new Map<string, string>();
  const byBase = new Map<string, string[]>();
  for (const f of files) {
    const kept = slugOfFile.get(path.resolve(f));
    if (kept) slugs.set(f, kept);
    else byBase.set(slugOf(f), [...(byBase.get(slugOf(f)) ?? []), f]);
  }
  for (const [base, group] of byBase) {
    for (const f of group) {
      const file = path.resolve(f);
      let slug = base;
      if (group.length > 1 || taken.has(slug)) {
        const hash = createHash('sha256').update(file).digest('hex');
        // Eight hex digits are unique in practice; longer ones only if that folder is taken.
        let n = 8;
        slug = `${base}-${hash.slice(0, n)}`;
        while (taken.has(slug) && n < hash.length) slug = `${base}-${hash.slice(0, (n += 4))}`;
      }
      taken.set(slug, file);
      slugs.set(f, slug);
    }
  }
  return { slugs, owners: taken };
}
