import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ResultShape } from '../memory/article-memory.ts';
import type { DocumentState } from '../store/store.ts';

/**
 * Was this article already finished, in THIS output folder, from the same input and settings?
 * The folder's own result.json says so by its `inputHash` (the last file an article gets, so its
 * presence means the article is complete). The store is shared by every output folder, so it
 * alone cannot say: a run to another folder, with other settings, may have recorded the newer
 * state. It only lists the files the article must have; when it knows nothing of this hash (a
 * crash between writing result.json and recording it, or another folder's state), the folder's
 * files are taken as they are and `recovered` says the state should be recorded.
 */
export function finishedBefore(
  outDir: string,
  slug: string,
  file: string,
  hash: string,
  prev: DocumentState | undefined,
): { outputs: string[]; recovered: boolean } | undefined {
  try {
    const result = JSON.parse(readFileSync(path.join(outDir, slug, 'result.json'), 'utf8')) as { inputHash?: string; file?: string };
    if (result.inputHash !== hash || result.file !== file) return undefined;
  } catch {
    return undefined;
  }
  if (prev?.status === 'done' && prev.inputHash === hash && prev.file === file) {
    return prev.outputs.every((o) => existsSync(path.join(outDir, o))) ? { outputs: prev.outputs, recovered: false } : undefined;
  }
  const outputs = readdirSync(path.join(outDir, slug)).map((f) => `${slug}/${f}`);
  return { outputs, recovered: true };
}

/**
 * The segments and editions of the article as this folder's result.json holds them, or nothing
 * when there is no readable one (never made, or from a version without those fields).
 */
export function previousResult(outDir: string, slug: string): ResultShape | undefined {
  try {
    const r = JSON.parse(readFileSync(path.join(outDir, slug, 'result.json'), 'utf8')) as Partial<ResultShape>;
    if (!Array.isArray(r.source?.blocks) || typeof r.targets !== 'object' || r.targets === null) return undefined;
    return r as ResultShape;
  } catch {
    return undefined;
  }
}
