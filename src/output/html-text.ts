import { allowsSuffix, TermMatcher } from '../glossary/match.ts';
import { cssToken, escapeHtml } from './html-escape.ts';

/**
 * Turning one block's text into escaped HTML with its marks: glossary terms (`<mark class="term">`)
 * and flagged segments (`<mark class="flag flag-<kind>">`). Marks are found on the raw text and
 * every piece between them is escaped on its own, so a mark can never cut through an entity.
 */

interface Flag {
  kind: string;
  reason: string;
}

interface Segment {
  text: string;
  flags?: Flag[];
  /** `memory`: an editor's correction, marked as such. */
  origin?: string;
  approved?: boolean;
}

/** Glossary spellings as one edition's text is searched for them. */
export type Terms = TermMatcher<string>;

/**
 * The glossary's own matcher for these spellings in text of language `lang`, so a page marks
 * exactly what the glossary check finds: whole words, the first letter in either case, any
 * apostrophe, the longest spelling first, case endings after Cyrillic names and in languages that
 * glue them on (Астанада, Астананың), Han spellings anywhere.
 */
export function termMatcher(terms: readonly string[] | undefined, lang?: string): Terms | undefined {
  const unique = [...new Set((terms ?? []).map((t) => t.trim()).filter((t) => t.length > 0))];
  if (unique.length === 0) return undefined;
  return new TermMatcher(
    unique.map((term) => ({ term, value: term })),
    (t) => allowsSuffix(t, lang),
  );
}

/** Escaped text with every glossary term wrapped in `<mark class="term">`. */
export function markTerms(raw: string, terms: Terms | undefined): string {
  if (!terms || raw === '') return escapeHtml(raw);
  const text = raw.normalize('NFC');
  let html = '';
  let cursor = 0;
  for (const m of terms.find(text)) {
    html += escapeHtml(text.slice(cursor, m.start)) + `<mark class="term">${escapeHtml(m.text)}</mark>`;
    cursor = m.end;
  }
  return html + escapeHtml(text.slice(cursor));
}

function kindsOf(flags: readonly Flag[]): string[] {
  return [...new Set(flags.map((f) => f.kind))];
}

/** A flagged segment: the mark carries the reasons as a tooltip; the CSS draws the kinds as a badge. */
function flaggedSegment(seg: Segment, terms: Terms | undefined): string {
  const flags = seg.flags ?? [];
  const kinds = kindsOf(flags);
  const cls = ['flag', ...kinds.map((k) => `flag-${cssToken(k)}`)].join(' ');
  const title = flags.map((f) => `${f.kind}: ${f.reason}`).join('\n');
  // data-flags feeds the ::after badge, so the badge is visible but not part of the text a
  // reader selects or a test reads from textContent.
  return (
    `<mark class="${escapeHtml(cls)}" title="${escapeHtml(title)}" data-flags="${escapeHtml(kinds.join(' '))}">` +
    `${markTerms(seg.text, terms)}</mark>`
  );
}

/**
 * An editor's correction from the translation memory, wrapped so the reader sees the text is no
 * model's; the pen is drawn by the CSS (data-origin), so it is not part of the copied text.
 */
function correction(seg: Segment, html: string): string {
  if (seg.origin !== 'memory') return html;
  const title = seg.approved ? "Editor's correction, approved (translation memory)" : "Editor's correction (translation memory)";
  return `<span class="memory${seg.approved ? ' approved' : ''}" data-origin="memory" title="${escapeHtml(title)}">${html}</span>`;
}

/**
 * A text checked as one segment (a summary): escaped, with glossary terms marked and, when
 * flagged, wrapped in the same mark as a flagged segment. `notes` lists the reasons, for after it.
 */
export function renderCheckedText(text: string, flags: readonly Flag[] | undefined, terms: Terms | undefined): { html: string; notes: string } {
  if (!flags?.length) return { html: markTerms(text, terms), notes: '' };
  const seg = { text, flags: [...flags] };
  return { html: flaggedSegment(seg, terms), notes: flagNotes([seg], false) };
}

/** The reasons spelled out under the text, so they can be read without hovering. */
export function flagNotes(segments: readonly Segment[], withSegmentText: boolean): string {
  const items: string[] = [];
  for (const seg of segments) {
    for (const f of seg.flags ?? []) {
      const quote = withSegmentText ? ` <q>${escapeHtml(seg.text)}</q>` : '';
      items.push(
        `<li><span class="badge badge-${escapeHtml(cssToken(f.kind))}">${escapeHtml(f.kind)}</span> ` +
          `${escapeHtml(f.reason)}${quote}</li>`,
      );
    }
  }
  return items.length ? `<ul class="flag-notes">${items.join('')}</ul>` : '';
}

/** One segment with its marks: glossary terms, its flags, the pen of an editor's correction. */
export function renderSegment(seg: Segment, terms: Terms | undefined): string {
  return correction(seg, seg.flags?.length ? flaggedSegment(seg, terms) : markTerms(seg.text, terms));
}

/**
 * A block of an edition as cell content: `<div class="text">` holds exactly the block text (with
 * marks), followed by the list of flag reasons if any segment is flagged.
 *
 * Segments are found in the block text in order, whatever joined them (a space, nothing for
 * Chinese). If one cannot be found (a later step rewrote the text), the text is shown unmarked and
 * the notes quote the flagged segments instead, so no flag is ever dropped.
 */
export function renderBlockText(text: string, segments: readonly Segment[], terms: Terms | undefined): string {
  const flagged = segments.filter((s) => (s.flags ?? []).length > 0);
  if (flagged.length === 0 && !segments.some((s) => s.origin === 'memory')) return `<div class="text">${markTerms(text, terms)}</div>`;
  let html = '';
  let cursor = 0;
  for (const seg of segments) {
    const at = text.indexOf(seg.text, cursor);
    if (at < 0) return `<div class="text">${markTerms(text, terms)}</div>${flagNotes(flagged, true)}`;
    html += markTerms(text.slice(cursor, at), terms);
    html += renderSegment(seg, terms);
    cursor = at + seg.text.length;
  }
  html += markTerms(text.slice(cursor), terms);
  return `<div class="text">${html}</div>${flagNotes(flagged, false)}`;
}
