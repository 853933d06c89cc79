// Data flows one way between the folders of src/ (DESIGN.md): no folder imports, even for a type,
// from a folder that imports it back, directly or through others. Biome's noImportCycles checks
// files; this checks the folders they make up.
import { expect, it } from 'vitest';
import { importsOf, sourceFiles } from './imports.ts';

const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '.');

/** Each folder's imports of other folders, with one file that makes each. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles()) {
    const from = folderOf(file);
    for (const target of importsOf(file)) {
      const to = folderOf(target);
      if (to === from || to === '.' || from === '.') continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, `${file} -> ${target}`);
    }
  }
  return graph;
}

/** The folder cycles, each as its chain of imports. */
function cycles(graph: Map<string, Map<string, string>>): string[] {
  const found = new Set<string>();
  const walk = (start: string, at: string, path: string[]) => {
    for (const [next, via] of graph.get(at) ?? []) {
      if (next === start) found.add([...path, via].sort().join('; '));
      else if (!path.some((p) => p.startsWith(`${next}/`)) && path.length < graph.size) walk(start, next, [...path, via]);
    }
  };
  for (const folder of graph.keys()) walk(folder, folder, []);
  return [...found].sort();
}

it('has no import cycles between the folders of src/', () => {
  const graph = folderGraph();
  expect(graph.get('runner')?.has('output')).toBe(true);
  expect(cycles(graph)).toEqual([]);
});
