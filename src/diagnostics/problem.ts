/** A user-facing problem located in a file, in the manner of vfile-message. */
export interface Problem {
  /** Stable code from the message catalogue, e.g. `CONFIG_INVALID_TYPE`. */
  code: string;
  file: string;
  /** 1-based line and column; absent when the problem is about the file as a whole. */
  line?: number;
  column?: number;
  /** Key path inside the file, e.g. `steps[2].with.targets[1]`. */
  path?: string;
  message: string;
  /** A code frame showing the place, filled in when the file's text is known. */
  frame?: string;
}

/** Thrown when configuration problems stop a command before any work starts. */
export class ConfigError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => formatProblemLine(p)).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Formats a key path as users write it: `catalogue.nllb.languages`, `steps[2].with`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** `FILE:LINE:COL key.path: message` */
export function formatProblemLine(p: Problem): string {
  const where = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where}${p.path ? ` ${p.path}` : ''}: ${p.message}`;
}

/** The problem line followed by its code frame. */
export function formatProblem(p: Problem): string {
  return p.frame ? `${formatProblemLine(p)}\n${p.frame}` : formatProblemLine(p);
}

/** A few lines around `line` with a caret under `column`, as Rollup's getCodeFrame draws it. */
export function codeFrame(text: string, line: number, column: number, context = 2): string {
  const lines = text.split(/\r?\n/);
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const mark = n === line ? '>' : ' ';
    out.push(`${mark} ${String(n).padStart(width)} | ${lines[n - 1] ?? ''}`.trimEnd());
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out.join('\n');
}
