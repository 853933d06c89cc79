import { existsSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { formatOf } from '../document/formats/registry.ts';
import { OUTPUT_MARKER } from './output-folder.ts';
import type { DocumentFailure } from './run-document.ts';

export interface ExpandOptions {
  /** Folders never read: the run's own output and cache folders (they may not exist yet). */
  skip?: string[];
}

/** Why a folder cannot be read, in words: `permission denied (EACCES)`. */
function unreadable(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'folder vanished while it was being read';
  if (code === 'EACCES' || code === 'EPERM') return `cannot read this folder: permission denied (${code})`;
  return `cannot read this folder (${code ?? String(err)})`;
}

/**
 * Turns the user's inputs (files, folders, globs) into a sorted list of article files. Folders are
 * walked recursively, following symbolic links but never twice into the same real folder, so a
 * symlink loop is reported instead of walked forever. Output folders are never read back: the
 * run's own output and cache folders, and any folder holding the marker an audarma run leaves
 * (OUTPUT_MARKER), so `--out` inside an input folder does not feed editions back in as articles.
 * What cannot be read (no match, a folder without permission or gone mid-walk, a broken link)
 * is one named problem each; the rest is still returned.
 */
export async function expandInputs(inputs: string[], opts: ExpandOptions = {}): Promise<{ files: string[]; problems: DocumentFailure[] }> {
  // Keyed by absolute path: `in/a.txt` and `./in/a.txt` are one article, not two racing for one folder.
  const files = new Map<string, string>();
  const add = (file: string) => files.has(path.resolve(file)) || files.set(path.resolve(file), path.normalize(file));
  const problems: DocumentFailure[] = [];
  const seenDirs = new Set<string>();
  const skip = new Set(await Promise.all((opts.skip ?? []).map((d) => realpath(d).catch(() => path.resolve(d)))));
  const isOutputFolder = (dir: string, real: string) => skip.has(real) || existsSync(path.join(dir, OUTPUT_MARKER));

  const walk = async (dir: string, chain: string[]): Promise<void> => {
    let real: string;
    let entries;
    try {
      real = await realpath(dir);
      if (chain.includes(real)) {
        problems.push({ file: dir, reason: `folder symlink loop: ${dir} leads back to ${real}; not followed` });
        return;
      }
      if (seenDirs.has(real) || isOutputFolder(dir, real)) return;
      seenDirs.add(real);
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      problems.push({ file: dir, reason: unreadable(err) });
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      const p = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const s = await stat(p).catch((err: NodeJS.ErrnoException) => err);
        if (s instanceof Error) {
          problems.push({ file: p, reason: s.code === 'ENOENT' ? 'broken symbolic link' : `cannot follow this symbolic link (${s.code})` });
          continue;
        }
        isDir = s.isDirectory();
        isFile = s.isFile();
      }
      if (isDir) await walk(p, [...chain, real]);
      else if (isFile && formatOf(e.name)) add(p);
    }
  };

  // A glob match is skipped when any folder above it, up to where the pattern starts, is an output folder.
  const known = new Map<string, boolean>();
  const insideOutput = async (file: string): Promise<boolean> => {
    for (let dir = path.dirname(file); dir !== '.' && dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (!known.has(dir)) known.set(dir, isOutputFolder(dir, await realpath(dir).catch(() => path.resolve(dir))));
      if (known.get(dir)) return true;
    }
    return false;
  };

  for (const input of inputs) {
    if (isDynamicPattern(input) && !existsSync(input)) {
      // An absolute pattern gives absolute paths, as an absolute folder does: one article, one name.
      const matched = await glob(input, { onlyFiles: true, followSymbolicLinks: false, expandDirectories: false, absolute: path.isAbsolute(input) });
      if (matched.length === 0) problems.push({ file: input, reason: 'no file matches this pattern' });
      for (const m of matched) if (!(await insideOutput(m))) add(m);
      continue;
    }
    const s = await stat(input).catch((err: NodeJS.ErrnoException) => err);
    if (s instanceof Error) {
      problems.push({ file: input, reason: s.code === 'ENOENT' ? 'no such file or folder' : `cannot read (${s.code})` });
    } else if (s.isDirectory()) {
      const real = await realpath(input).catch(() => path.resolve(input));
      if (isOutputFolder(input, real))
        problems.push({
          file: input,
          reason: `is an output folder (it holds ${OUTPUT_MARKER}, or is this run's --out or cache folder); its files are editions, not articles`,
        });
      else await walk(input, []);
    } else {
      add(input);
    }
  }
  return { files: [...files.values()].sort(), problems };
}
