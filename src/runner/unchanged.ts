import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DocumentState } from '../store/store.ts';

/**
 * Was this article already finished from the same input and settings? The store says so after a
 * normal run. After a crash between writing an article's result.json (always its last file) and
 * recording it, the result.json itself says so by its `inputHash`; the state is then recorded.
 * Either way its outputs must still be there.
 */
export function finishedBefore(
  outDir: string,
  slug: string,
  file: string,
  hash: string,
  prev: DocumentState | undefined,
): { outputs: string[]; recovered: boolean } | undefined {
  if (prev?.status === 'done' && prev.inputHash === hash && prev.file === file) {
    return prev.outputs.every((o) => existsSync(path.join(outDir, o))) ? { outputs: prev.outputs, recovered: false } : undefined;
  }
  const resultFile = path.join(outDir, slug, 'result.json');
  try {
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as { inputHash?: string; file?: string };
    if (result.inputHash !== hash || result.file !== file) return undefined;
  } catch {
    return undefined;
  }
  const outputs = readdirSync(path.join(outDir, slug)).map((f) => `${slug}/${f}`);
  return { outputs, recovered: true };
}
