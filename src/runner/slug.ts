import path from 'node:path';
import { formatOf } from '../document/formats/registry.ts';

/** A stable, file-system-safe folder name from an article's file name: `Élections 2024.fr.txt` -> `elections-2024-fr`. */
export function slugOf(file: string): string {
  const name = path.basename(file);
  // The format's extension goes; any other stays part of the name.
  const base = formatOf(name) ? name.slice(0, -path.extname(name).length) : name;
  const slug = base
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'article';
}
