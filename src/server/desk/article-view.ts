import { formatOf } from '../../document/formats/registry.ts';
import { columns, type Column } from '../../output/html-article.ts';
import { cssToken, escapeHtml as esc } from '../../output/html-escape.ts';
import { htmlLang, languageName } from '../../output/html-lang.ts';
import { flagNotes, hasConfidence, markTerms, renderCheckedText, renderSegment, termMatcher, type Terms } from '../../output/html-text.ts';
import type { Result } from '../../output/result-schema.ts';
import type { DeskArticle } from './desk.ts';
import { fill, MESSAGES, type Messages, type UiLang } from './i18n.ts';
import { deskPage, statusText } from './pages.ts';
import type { Reviewer, SegmentReview } from './review.ts';

/**
 * The article on the desk: the review page's side-by-side table (its columns, marks and toggles,
 * from src/output), with every segment of an edition a control that opens the correction form.
 */

type Segment = Result['targets'][string]['blocks'][number]['segments'][number];

/** A language's name in the interface language (the review page's English names for English). */
function langName(tag: string, ui: UiLang): string {
  if (ui === 'en') return languageName(tag);
  try {
    return new Intl.DisplayNames([ui], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The date of a memory entry or an approval, as the desk shows it (ISO day, unambiguous in both languages). */
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Who made the segment's text and where, in words: the edit form and the label read it. */
function originText(r: SegmentReview, m: Messages): string {
  if (r.origin === 'machine' || !r.entry) return r.origin === 'machine' ? '' : m.fromMemory;
  const e = r.entry;
  return fill(r.origin === 'match' ? m.matchFrom : m.editedBy, { editor: e.editor, date: day(e.updatedAt), article: e.article ?? '' });
}

function segmentControl(s: Segment, col: Column, block: number, k: number, terms: Terms | undefined, m: Messages, r: SegmentReview): string {
  // The view's own idea of origin and approval (an entry reused from another article is a match, not approved here).
  const shown: Segment = { ...s, ...(r.origin === 'machine' ? { origin: undefined } : { origin: 'memory' as const }), approved: r.approved };
  const attrs = [
    r.origin !== 'machine' ? ` data-origin="${r.origin}"` : '',
    r.approved ? ' data-approved="true"' : '',
    s.flags?.length ? ` data-flags="${esc(s.flags.map((f) => f.kind).join(' '))}"` : '',
    // The key for "next least confident" and the row filter read it.
    s.confidence !== undefined ? ` data-confidence="${s.confidence}"` : '',
    r.origin !== 'machine' ? ` data-from="${esc(originText(r, m))}"` : '',
    ` data-version="${r.version}"`,
    r.approval ? ` data-approved-by="${esc(fill(m.approvedBy, { editor: r.approval.editor, date: day(r.approval.at) }))}"` : '',
  ].join('');
  const states = [r.origin === 'match' ? m.memoryMatch : r.origin === 'edited' ? m.fromMemory : '', r.approved ? m.approved.toLowerCase() : ''].filter(Boolean);
  const label = states.length ? ` aria-label="${esc(`${s.text} (${states.join(', ')})`)}"` : '';
  // The mark is drawn by the CSS from data-mark, so it is not part of the text copied or read.
  const match = r.origin === 'match' ? ` data-mark="${esc(m.matchMark)}" title="${esc(originText(r, m))}"` : '';
  return (
    `<span class="seg${r.origin === 'match' ? ' match' : ''}" role="button" tabindex="0" aria-describedby="edit-hint" data-lang="${esc(col.col)}" data-block="${block}" data-seg="${k}"${attrs}${label}${match}>` +
    `${renderSegment(shown, terms)}</span>`
  );
}

function cell(col: Column, i: number, separator: string, terms: Terms | undefined, m: Messages, review: Reviewer): string {
  const b = col.blocks[i];
  const attrs = `data-col="${esc(col.col)}" lang="${esc(htmlLang(col.lang))}"`;
  if (!b) return `<td class="cell missing" ${attrs}><div class="text"></div></td>`;
  const type = `class="cell type-${cssToken(b.type)}" ${attrs} data-type="${esc(b.type)}"`;
  if (col.source || b.segments.length === 0) return `<td ${type}><div class="text">${markTerms(b.text, terms)}</div></td>`;
  const segs = b.segments.map((s, k) => segmentControl(s as Segment, col, i, k, terms, m, review(col.col, s as Segment))).join(esc(separator));
  return `<td ${type}><div class="text">${segs}</div>${flagNotes(
    b.segments.filter((s) => s.flags?.length),
    false,
  )}</td>`;
}

function flagBadges(e: Result['targets'][string], m: Messages): string {
  const counts = Object.entries(e.flags ?? {}).filter(([, n]) => n > 0);
  if (counts.length === 0) return `<span class="ok">${esc(m.noFlags)}</span>`;
  return counts.map(([kind, n]) => `<span class="badge badge-${esc(cssToken(kind))}">${esc(kind)} <b>${n}</b></span>`).join(' ');
}

function columnHeads(cols: Column[], ui: UiLang, m: Messages, review: Reviewer): string {
  const names = cols.map((c) => {
    const segs = (c.blocks.flatMap((b) => b.segments) as Segment[]).filter((s) => s.source.trim());
    const approved = !c.source && segs.length > 0 && segs.every((s) => review(c.col, s).approved);
    const action = c.source
      ? ` <span class="muted">${esc(m.source)}</span>`
      : approved
        ? ` <span class="approved-edition" data-approved-edition="${esc(c.col)}">✓ ${esc(m.approvedEdition)}</span>`
        : ` <button type="button" class="approve" data-approve="${esc(c.col)}" data-lang-name="${esc(langName(c.lang, ui))}">${esc(m.approveEdition)}</button>`;
    return `<th scope="col" class="colhead" data-col="${esc(c.col)}"><div class="colname"><span>${esc(langName(c.lang, ui))} <code>${esc(c.lang)}</code></span>${action}</div></th>`;
  });
  const info = cols.map((c) => {
    const e = c.edition;
    if (!e) return `<th class="colinfo" data-col="source"></th>`;
    const origins = (c.blocks.flatMap((b) => b.segments) as Segment[]).map((s) => review(c.col, s).origin);
    const count = (o: string, one: string, many: string, cls: string) => {
      const n = origins.filter((x) => x === o).length;
      return n ? ` <span class="${cls}" data-${cls}="${n}">${esc(fill(n === 1 ? one : many, { n }))}</span>` : '';
    };
    const memory = count('edited', m.corrections, m.correctionsMany, 'corrections') + count('match', m.matches, m.matchesMany, 'matches');
    return (
      `<th class="colinfo" data-col="${esc(c.col)}"><div class="route">${e.route.map((t) => esc(t)).join(' → ')}</div>` +
      `<div class="models">${e.models.map((x) => esc(x)).join('<br>')}</div><div class="counts">${flagBadges(e, m)}${memory}</div></th>`
    );
  });
  return `<tr class="names"><th scope="col" class="rowhead">${esc(m.block)}</th>${names.join('')}</tr>\n<tr class="info"><th class="rowhead"></th>${info.join('')}</tr>`;
}

function summaries(cols: Column[], terms: (lang: string) => Terms | undefined, ui: UiLang, m: Messages): string {
  const cards = cols
    .filter((c) => c.edition?.summary !== undefined)
    .map((c) => {
      const text = renderCheckedText(c.edition!.summary ?? '', c.edition!.summaryFlags, terms(c.lang));
      return `<article class="summary" data-col="${esc(c.col)}"><h3>${esc(langName(c.lang, ui))} <code>${esc(c.col)}</code></h3><p lang="${esc(htmlLang(c.lang))}">${text.html}</p>${text.notes}</article>`;
    });
  return cards.length ? `<section class="summaries"><h2>${esc(m.summaries)}</h2><div class="summary-grid">${cards.join('')}</div></section>\n` : '';
}

/** The part of the page the script replaces after a correction: toggles, summaries and the table. */
export function articleBody(result: Result, ui: UiLang, separators: Record<string, string>, glossaryTerms: string[], review: Reviewer): string {
  const m = MESSAGES[ui];
  const byLang = new Map<string, Terms | undefined>();
  const terms = (lang: string) => {
    if (!byLang.has(lang)) byLang.set(lang, termMatcher(glossaryTerms, lang));
    return byLang.get(lang);
  };
  const cols = columns(result);
  const toggles = cols.map(
    (c) => `<label class="toggle"><input type="checkbox" checked data-toggle="${esc(c.col)}"> ${esc(langName(c.lang, ui))} <code>${esc(c.lang)}</code></label>`,
  );
  const rows = result.source.blocks.map(
    (b, i) =>
      `<tr class="row type-${cssToken(b.type)}" data-index="${i}" data-type="${esc(b.type)}"><th scope="row" class="rowhead"><span class="n">${i + 1}</span> <span class="kind">${esc(b.type)}</span></th>` +
      cols.map((c) => cell(c, i, separators[c.col] ?? ' ', terms(c.lang), m, review)).join('') +
      '</tr>\n',
  );
  return (
    `<nav class="controls" aria-label="${esc(m.show)}"><span class="controls-label">${esc(m.show)}</span> ${toggles.join(' ')}</nav>\n` +
    summaries(cols, terms, ui, m) +
    `<table class="align"><thead>${columnHeads(cols, ui, m, review)}</thead>\n<tbody>\n${rows.join('')}</tbody></table>\n`
  );
}

/** The legend of the confidence marks and the filter of rows by confidence. */
function confidenceControls(m: Messages): string {
  const option = (v: string, label: string) => `<option value="${v}">${esc(label)}</option>`;
  return (
    `<p class="legend" id="confidence-legend">${esc(m.confidenceLegend)}</p>` +
    `<p class="conf-filter"><label>${esc(m.confidenceFilter)} <select id="confidence-filter">` +
    option('', m.filterAll) +
    option('0.8', fill(m.filterBelow, { pct: '80%' })) +
    option('0.5', fill(m.filterBelow, { pct: '50%' })) +
    `</select></label></p>`
  );
}

/** The filter of rows by what their segments are: flagged, approved or not, and where their text came from. */
function stateFilter(m: Messages): string {
  const options: [string, string][] = [
    ['', m.filterAll],
    ['flagged', m.stateFlagged],
    ['unapproved', m.stateUnapproved],
    ['approved', m.stateApproved],
    ['edited', m.stateEdited],
    ['match', m.stateMatch],
    ['machine', m.stateMachine],
  ];
  // A label beside the select, not around it: the options' words are not part of its name.
  return `<p class="conf-filter"><label for="state-filter">${esc(m.stateFilterLabel)}</label> <select id="state-filter">${options.map(([v, l]) => `<option value="${v}">${esc(l)}</option>`).join('')}</select></p>`;
}

/** `/desk/articles/<slug>`: downloads, re-translation, and the editable side-by-side table. */
export function articlePage(
  result: Result,
  state: DeskArticle,
  ui: UiLang,
  separators: Record<string, string>,
  glossaryTerms: string[],
  review: Reviewer,
): string {
  const m = MESSAGES[ui];
  const slug = esc(result.slug);
  const title = result.source.blocks.find((b) => b.type === 'title')?.text || result.slug;
  const file = (name: string, label: string) => `<a href="/desk/files/${slug}/${esc(name)}" download>${esc(label)}</a>`;
  // An office source's editions are downloaded in its own format too.
  const source = formatOf(result.file);
  const ownFormat = source && !source.text ? source.extensions[0] : undefined;
  const downloads = Object.keys(result.targets).map(
    (lang) =>
      `<li><span lang="${esc(htmlLang(lang))}">${esc(langName(lang, ui))}</span> <code>${esc(lang)}</code>: ${file(`${lang}.md`, 'Markdown')} · ${file(`${lang}.html`, 'HTML')} · ${file(`${lang}.xlf`, 'XLIFF 1.2')}` +
      (ownFormat ? ` · ${file(`${lang}${ownFormat}`, ownFormat)}` : '') +
      '</li>',
  );
  const main =
    `<header class="page-head" data-slug="${slug}"><p class="crumbs"><a href="/">${esc(m.back)}</a></p>` +
    `<h1 lang="${esc(htmlLang(result.source.lang))}">${esc(title)}</h1>` +
    `<p class="muted"><code>${esc(state.name)}</code> · <span class="status status-${state.status}" id="article-status">${esc(statusText(state, m))}</span> ` +
    `<button type="button" class="retranslate" data-slug="${slug}" title="${esc(m.retranslateHelp)}">${esc(m.retranslate)}</button></p>` +
    (state.notSource ? `<p class="warning" role="note">${esc(m.notFrench)}</p>` : '') +
    `<details class="downloads"><summary>${esc(m.downloads)}</summary><ul>${downloads.join('')}<li>${file('run-report.json', m.report)}</li></ul></details>` +
    `<p id="edit-hint" class="muted">${esc(m.editHint)} ${esc(m.nextHint)} ${esc(m.legend)}</p>` +
    (hasConfidence(Object.values(result.targets).flatMap((e) => e.blocks)) ? confidenceControls(m) : '') +
    stateFilter(m) +
    `</header>\n` +
    `<div id="article-body" data-slug="${slug}">${articleBody(result, ui, separators, glossaryTerms, review)}</div>\n`;
  return deskPage(ui, `${title} · ${m.title}`, main);
}
