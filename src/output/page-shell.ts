import { createHash } from 'node:crypto';
import { escapeHtml } from './html-escape.ts';
import { PAGE_STYLE } from './page-style.ts';

/** A CSP hash source for an inline element: sha256 of its exact text, as the browser hashes it. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The Content-Security-Policy of a page: nothing may be fetched (no fonts, images, frames,
 * connections), and only the page's own inline style and script run, named by their hashes, so
 * markup that got into the page some other way could not run a script or restyle it. No <base>,
 * no form submission, no plugins. The pages are opened from disk and shared as files, so this also
 * keeps an article's text from ever reaching the network.
 */
export function pageCsp(parts: { script?: string; style?: string }): string {
  return [
    "default-src 'none'",
    `script-src ${parts.script !== undefined ? cspHash(parts.script) : "'none'"}`,
    `style-src ${cspHash(parts.style ?? PAGE_STYLE)}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

export interface ShellParts {
  title: string;
  body: string;
  /** Inline script, run at the end of the body; omitted when the page needs none. */
  script?: string;
  /** JSON for the script, already made safe with `jsonForScript`. */
  data?: string;
}

/** A whole self-contained HTML document: the CSP comes first in <head>, before any style or script. */
export function renderShell(parts: ShellParts): string {
  const data = parts.data !== undefined ? `<script type="application/json" id="audarma-data">${parts.data}</script>\n` : '';
  const script = parts.script !== undefined ? `<script>${parts.script}</script>\n` : '';
  return (
    '<!doctype html>\n' +
    '<html lang="en">\n<head>\n' +
    '<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="${pageCsp({ script: parts.script })}">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="generator" content="audarma">\n' +
    `<title>${escapeHtml(parts.title)}</title>\n` +
    `<style>${PAGE_STYLE}</style>\n` +
    '</head>\n<body>\n' +
    parts.body +
    data +
    script +
    '</body>\n</html>\n'
  );
}
