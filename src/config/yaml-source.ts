import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { codeFrame, type Problem } from '../diagnostics/problem.ts';
import { messages } from '../diagnostics/messages.ts';

/** A parsed YAML file that remembers where every node came from. */
export interface YamlSource {
  file: string;
  text: string;
  doc: Document;
  lineCounter: LineCounter;
  data: unknown;
}

/** Parses YAML keeping positions; syntax errors become located problems instead of exceptions. */
export function parseYaml(file: string, text: string): { source: YamlSource; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: Problem[] = doc.errors.map((err) => {
    const { line, col: column } = lineCounter.linePos(err.pos[0]);
    const { code, message } = messages.yamlSyntax(err.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, ''));
    return { code, file, line, column, message, frame: codeFrame(text, line, column) };
  });
  const data = problems.length === 0 ? doc.toJS() : undefined;
  return { source: { file, text, doc, lineCounter, data }, problems };
}

/** Reads and parses a YAML file; an unreadable file is a problem, not a crash. */
export async function readYaml(file: string): Promise<{ source: YamlSource; problems: Problem[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const { code, message } = messages.fileUnreadable((err as NodeJS.ErrnoException).code ?? String(err));
    return { source: { file, text: '', doc: parseDocument(''), lineCounter: new LineCounter(), data: undefined }, problems: [{ code, file, message }] };
  }
  return parseYaml(file, text);
}

/**
 * Line and column of the node at `path`, or of the nearest ancestor that exists.
 * With `key`, points at that key inside the map at `path` (for unknown keys).
 */
export function locate(source: YamlSource, path: readonly PropertyKey[], key?: string): { line: number; column: number } {
  let node: unknown = source.doc.contents;
  let offset = (node as { range?: [number] } | null)?.range?.[0] ?? 0;
  const segments = key === undefined ? path : [...path, key];
  for (const [i, seg] of segments.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const keyOffset = (pair.key as { range?: [number] }).range?.[0];
      const isLast = i === segments.length - 1;
      // An unknown key, or a key without a value, is best shown at the key itself.
      if (isLast && (key !== undefined || pair.value == null)) {
        offset = keyOffset ?? offset;
        break;
      }
      node = pair.value;
      offset = (node as { range?: [number] } | null)?.range?.[0] ?? keyOffset ?? offset;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
      node = node.items[seg];
      offset = (node as { range?: [number] }).range?.[0] ?? offset;
    } else break;
  }
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

/** A problem located at `path` in `source`, with its code frame. */
export function problemAt(
  source: YamlSource,
  path: readonly PropertyKey[],
  m: { code: string; message: string },
  pathText: string,
  key?: string,
): Problem {
  const { line, column } = locate(source, path, key);
  return { code: m.code, file: source.file, line, column, path: pathText, message: m.message, frame: codeFrame(source.text, line, column) };
}
