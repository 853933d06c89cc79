import { readFile } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
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
  const at = (offset: number, m: { code: string; message: string }, path?: string): Problem => {
    const { line, col: column } = lineCounter.linePos(offset);
    return { code: m.code, file, line, column, path, message: m.message, frame: codeFrame(text, line, column) };
  };
  if (problems.length === 0) problems.push(...reservedKeys(doc).map(({ offset, key }) => at(offset, messages.yamlReservedKey(key))));
  let data: unknown;
  if (problems.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      // yaml refuses aliases that expand too much (a "billion laughs" file) with a ReferenceError.
      if (!(err instanceof ReferenceError)) throw err;
      problems.push(at(nestedAliasOffset(doc), messages.yamlAliasLimit(MAX_ALIAS_COUNT)));
    }
  }
  return { source: { file, text, doc, lineCounter, data }, problems };
}

/** yaml's own default: how many nodes aliases may expand to, counted per anchor. */
const MAX_ALIAS_COUNT = 100;

/**
 * Map keys that would set an object's prototype instead of a key (`__proto__`): a schema never
 * sees them, so they are refused here, where their place is known.
 */
function reservedKeys(doc: Document): { offset: number; key: string }[] {
  const found: { offset: number; key: string }[] = [];
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === '__proto__') found.push({ offset: pair.key.range?.[0] ?? 0, key: '__proto__' });
    },
  });
  return found;
}

/** Where an alias bomb starts: the first alias of a node that itself holds aliases (else the first alias). */
function nestedAliasOffset(doc: Document): number {
  const anchored = new Map<string, Node>();
  let first: number | undefined;
  let nested: number | undefined;
  visit(doc, {
    Node(_, node) {
      if (node.anchor) anchored.set(node.anchor, node as Node);
    },
    Alias(_, alias) {
      first ??= alias.range?.[0];
      const target = anchored.get(alias.source);
      let holdsAliases = false;
      if (target) visit(target, { Alias: () => ((holdsAliases = true), visit.BREAK) });
      if (holdsAliases) {
        nested = alias.range?.[0];
        return visit.BREAK;
      }
    },
  });
  return nested ?? first ?? 0;
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
export function problemAt(source: YamlSource, path: readonly PropertyKey[], m: { code: string; message: string }, pathText: string, key?: string): Problem {
  const { line, column } = locate(source, path, key);
  return { code: m.code, file: source.file, line, column, path: pathText, message: m.message, frame: codeFrame(source.text, line, column) };
}
