/** Where an upload goes: a new article, or the one already holding a file of that exact name. */
export type UploadSlot = { slug: string; existing: boolean };

/**
 * The folder for an uploaded file named `name` whose slug would be `base`: the first of `base`,
 * `base-2`, `base-3`… that is free or holds a file of the same name. Files whose names only share
 * a slug (`crue.md` and `crue.txt`) get folders of their own instead of replacing each other.
 */
export function uploadSlot(base: string, name: string, nameAt: (slug: string) => string | undefined): UploadSlot {
  for (let i = 1; ; i++) {
    const slug = i === 1 ? base : `${base}-${i}`;
    const there = nameAt(slug);
    if (there === undefined) return { slug, existing: false };
    if (there === name) return { slug, existing: true };
  }
}
