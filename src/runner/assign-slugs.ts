import { createHash } from 'node:crypto';
import path from 'node:path';
import { slugOf } from './slug.ts';

/**
 * Slugs for a run's files, stable and collision-free: a slug shared by several inputs
 * (`a/article.txt`, `b/article.txt`) gets a short hash of each one's path, so no article
 * overwrites another and the same file keeps the same folder from run to run.
 */
export function assignSlugs(files: string[]): Map<string, string> {
  const byBase = new Map<string, string[]>();
  for (const f of files) {
    const s = slugOf(f);
    byBase.set(s, [...(byBase.get(s) ?? []), f]);
  }
  const out = new Map<string, string>();
  for (const [slug, group] of byBase) {
    for (const f of group) {
      const suffix = createHash('sha256').update(path.resolve(f)).digest('hex').slice(0, 8);
      out.set(f, group.length === 1 ? slug : `${slug}-${suffix}`);
    }
  }
  return out;
}
