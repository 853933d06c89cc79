import path from 'node:path';

/** A stable, file-system-safe folder name from an article's file name: `Élections 2024.fr.txt` -> `elections-2024-fr`. */
export function slugOf(file: string): string {
  const base = path.basename(file).replace(/\.(txt|md|markdown|html?)$/i, '');
  const slug = base
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'article';
}
