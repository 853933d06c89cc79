import { escapeHtml } from './html-escape.ts';
import { PAGE_STYLE } from './page-style.ts';

/**
 * The Content-Security-Policy of every page: nothing may be fetched (no fonts, images, frames,
 * connections), only the page's own inline style and script run. The pages are opened from disk
 * and shared as files, so this also keeps an article's text from ever reaching the network.
 */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

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
    `<meta http-equiv="Content-Security-Policy" content="${PAGE_CSP}">\n` +
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
