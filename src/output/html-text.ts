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
  /** The model's confidence in the text, 0–1 (result.json `confidence`). */
  confidence?: number;
  /** Spans of the words holding a token of probability below 0.5 (result.json `lowWords`). */
  lowWords?: [number, number][];
}

/** What a marked word means, as its tooltip and in the legend. */
export const UNSURE_WORD_TITLE = 'The model gave this word a probability below 0.5';

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

/**
 * The segment's text with its low-probability words in `<mark class="unsure">` and glossary terms
 * marked between them. Spans that do not fit the text (a result edited by hand) are left out.
 */
function markedText(seg: Segment, terms: Terms | undefined): string {
  let html = '';
  let at = 0;
  for (const [s, e] of seg.lowWords ?? []) {
    if (!(s >= at && e > s && e <= seg.text.length)) continue;
    html +=
      markTerms(seg.text.slice(at, s), terms) + `<mark class="unsure" title="${escapeHtml(UNSURE_WORD_TITLE)}">${escapeHtml(seg.text.slice(s, e))}</mark>`;
    at = e;
  }
  return html + markTerms(seg.text.slice(at), terms);
}

/** Band of a confidence for its colour: below 0.5 the model's typical token was more likely wrong than right. */
export function confidenceBand(c: number): 'high' | 'mid' | 'low' {
  return c >= 0.8 ? 'high' : c >= 0.5 ? 'mid' : 'low';
}

/**
 * The segment wrapped with its confidence: the percentage is drawn by the CSS from data-pct (a
 * badge that is not part of the copied text), coloured by band; the exact value is in data-confidence.
 */
function withConfidence(seg: Segment, html: string): string {
  if (seg.confidence === undefined) return html;
  const pct = `${Math.round(seg.confidence * 100)}%`;
  const title = `Model confidence ${pct}: the geometric mean of the probabilities the model gave its tokens`;
  return `<span class="conf conf-${confidenceBand(seg.confidence)}" data-confidence="${seg.confidence}" data-pct="${pct}" title="${escapeHtml(title)}">${html}</span>`;
}

/** The legend of the confidence marks, for a page that shows them. */
export function confidenceLegend(): string {
  return (
    `<aside class="legend" id="confidence-legend"><b>Model confidence.</b> ` +
    `<span class="conf conf-high" data-pct="92%">A segment</span> ends with the model's confidence in it: the geometric mean of the ` +
    `probabilities it gave the tokens it chose (100% = no doubt; <span class="conf conf-mid" data-pct="60%">amber</span> below 80%, ` +
    `<span class="conf conf-low" data-pct="40%">red</span> below 50%). ` +
    `<mark class="unsure">Dotted red words</mark> hold a token the model gave a probability below 0.5, as Firefox Translations highlights them. ` +
    `It is the model's own certainty, not a check of meaning: read low ones first, but a confident sentence can still be wrong.</aside>\n`
  );
}

/** Whether any segment of the blocks has a confidence, so the page shows the legend. */
export function hasConfidence(blocks: readonly { segments: readonly Segment[] }[]): boolean {
  return blocks.some((b) => b.segments.some((s) => s.confidence !== undefined));
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
  return `<mark class="${escapeHtml(cls)}" title="${escapeHtml(title)}" data-flags="${escapeHtml(kinds.join(' '))}">` + `${markedText(seg, terms)}</mark>`;
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
      items.push(`<li><span class="badge badge-${escapeHtml(cssToken(f.kind))}">${escapeHtml(f.kind)}</span> ` + `${escapeHtml(f.reason)}${quote}</li>`);
    }
  }
  return items.length ? `<ul class="flag-notes">${items.join('')}</ul>` : '';
}

/** One segment with its marks: glossary terms, unsure words, its flags, its confidence, the pen of an editor's correction. */
export function renderSegment(seg: Segment, terms: Terms | undefined): string {
  return correction(seg, withConfidence(seg, seg.flags?.length ? flaggedSegment(seg, terms) : markedText(seg, terms)));
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
  const plain = !segments.some((s) => s.origin === 'memory' || s.confidence !== undefined || s.lowWords?.length);
  if (flagged.length === 0 && plain) return `<div class="text">${markTerms(text, terms)}</div>`;
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
