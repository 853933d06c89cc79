/**
 * The one place HTML escaping happens. Every piece of article or report text goes through
 * `escapeHtml` before it reaches a page, whether it lands in element content or in a quoted
 * attribute value, so a title such as `<img src=x onerror=alert(1)>` is shown, never parsed.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and for single- or double-quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/**
 * JSON for an inline `<script type="application/json">` block. `<` is written as `\u003c` so that
 * neither `</script>` nor `<!--` in the data can end or confuse the script element; `>` and `&`
 * likewise for good measure, and U+2028/U+2029 because older JS parsers treat them as line ends.
 * JSON.parse gives back the exact original strings.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * A token safe to put in a class name or a `data-*` selector built by the page script: letters,
 * digits and hyphens only. Used for flag kinds and language tags, which come from result.json.
 */
export function cssToken(value: string): string {
  return value.replace(/[^A-Za-z0-9-]/g, '-');
}
