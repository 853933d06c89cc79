import { existsSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { DocumentFailure } from './run-document.ts';

const ARTICLE = /\.(txt|md|markdown|html?)$/i;

/**
 * Turns the user's inputs (files, folders, globs) into a sorted list of article files. Folders are
 * walked recursively, following symbolic links but never twice into the same real folder, so a
 * symlink loop is reported instead of walked forever. Inputs that match nothing are reported too.
 */
export async function expandInputs(inputs: string[]): Promise<{ files: string[]; problems: DocumentFailure[] }> {
  const files = new Set<string>();
  const problems: DocumentFailure[] = [];
  const seenDirs = new Set<string>();

  const walk = async (dir: string, chain: string[]): Promise<void> => {
    const real = await realpath(dir);
    if (chain.includes(real)) {
      problems.push({ file: dir, reason: `folder symlink loop: ${dir} leads back to ${real}; not followed` });
      return;
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const s = await stat(p).catch(() => undefined);
        if (!s) {
          problems.push({ file: p, reason: 'broken symbolic link' });
          continue;
        }
        isDir = s.isDirectory();
        isFile = s.isFile();
      }
      if (isDir) await walk(p, [...chain, real]);
      else if (isFile && ARTICLE.test(e.name)) files.add(p);
    }
  };

  for (const input of inputs) {
    if (isDynamicPattern(input) && !existsSync(input)) {
      const matched = await glob(input, { onlyFiles: true, followSymbolicLinks: false, expandDirectories: false });
      if (matched.length === 0) problems.push({ file: input, reason: 'no file matches this pattern' });
      for (const m of matched) files.add(path.normalize(m));
      continue;
    }
    const s = await stat(input).catch((err: NodeJS.ErrnoException) => err);
    if (s instanceof Error) {
      problems.push({ file: input, reason: s.code === 'ENOENT' ? 'no such file or folder' : `cannot read (${s.code})` });
    } else if (s.isDirectory()) {
      await walk(input, []);
    } else {
      files.add(path.normalize(input));
    }
  }
  return { files: [...files].sort(), problems };
}
