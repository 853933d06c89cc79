// The relative imports of the source files, for tests of how the folders depend on each other.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../integration/helpers.ts';

export const SRC = path.join(REPO, 'src');

/** Every TypeScript file under src/, as a path relative to src/ ('server/desk/desk.ts'). */
export function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

/** The src/ files one file imports (static, dynamic and re-exports alike), relative to src/. */
export function importsOf(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'";]*?from\s*'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]);
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) =>
      path
        .relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), s))
        .split(path.sep)
        .join('/'),
    );
}
