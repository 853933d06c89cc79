import { cssToken, escapeHtml, jsonForScript } from './html-escape.ts';
import { htmlLang, languageName } from './html-lang.ts';
import { confidenceLegend, hasConfidence, markTerms, renderBlockText, renderCheckedText, termMatcher, type Terms } from './html-text.ts';
import { PAGE_SCRIPT } from './page-script.ts';
import { modelsLine, pageModels } from './html-licences.ts';
import { renderShell } from './page-shell.ts';
import type { Result } from './result-schema.ts';

export { htmlLang } from './html-lang.ts';

export interface ArticlePageOptions {
  /** Strings to highlight with `<mark class="term">` wherever they occur in the source or an edition. */
  glossaryTerms?: string[];
  /** Licence of each model by hub id, shown in the footer: whoever publishes an edition must know what its models allow. */
  licences?: Record<string, string>;
}

type Edition = Result['targets'][string];

/** One column of the side-by-side table: the source or an edition. */
export interface Column {
  /** Value of `data-col` on every element of the column (cells, header, summary, toggle). */
  col: string;
  lang: string;
  name: string;
  source: boolean;
  blocks: {
    type: string;
    text: string;
    segments: {
      text: string;
      flags?: { kind: string; reason: string }[];
      origin?: string;
      approved?: boolean;
      confidence?: number;
      lowWords?: [number, number][];
    }[];
  }[];
  edition?: Edition;
}

const esc = escapeHtml;

/** The column key of an edition; the source is always `source`, which no language tag can be. */
export function columns(result: Result): Column[] {
  const source: Column = {
    col: 'source',
    lang: result.source.lang,
    name: languageName(result.source.lang),
    source: true,
    // Source blocks have plain sentences and no flags; as segments they take the same path.
    blocks: result.source.blocks.map((b) => ({ type: b.type, text: b.text, segments: [] })),
  };
  const editions = Object.entries(result.targets).map(
    ([key, e]): Column => ({
      col: key,
      lang: e.lang || key,
      name: languageName(e.lang || key),
      source: false,
      blocks: e.blocks,
      edition: e,
    }),
  );
  return [source, ...editions];
}

/** What the copy button puts on the clipboard: the blocks separated by blank lines, then the summary. */
export function editionPlainText(blocks: readonly { text: string }[], summary?: string): string {
  const parts = blocks.map((b) => b.text).filter((t) => t.trim() !== '');
  if (summary && summary.trim() !== '') parts.push(summary);
  return parts.join('\n\n');
}

function flagCounts(e: Edition | undefined): [string, number][] {
  if (!e) return [];
  if (e.flags) return Object.entries(e.flags).filter(([, n]) => n > 0);
  // Older results without the counts: count the segments' flags ourselves.
  const counts: Record<string, number> = {};
  for (const b of e.blocks) for (const s of b.segments) for (const f of s.flags ?? []) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  for (const f of e.summaryFlags ?? []) counts[f.kind] = (counts[f.kind] ?? 0) + 1;
  return Object.entries(counts);
}

function badges(counts: [string, number][]): string {
  if (counts.length === 0) return '<span class="ok">no flags</span>';
  return counts.map(([kind, n]) => `<span class="badge badge-${esc(cssToken(kind))}">${esc(kind)} <b>${n}</b></span>`).join(' ');
}

/** The column's name and copy button: the sticky header row that stays in view while scrolling. */
function columnName(c: Column): string {
  const label = c.source ? ' <span class="muted">source</span>' : '';
  return (
    `<th scope="col" class="colhead" data-col="${esc(c.col)}"><div class="colname">` +
    `<span>${esc(c.name)} <code>${esc(c.lang)}</code>${label}</span>` +
    `<button type="button" class="copy" data-copy="${esc(c.col)}" data-label="Copy">Copy</button></div></th>`
  );
}

/** How the column was made: route, models, flag counts. Scrolls away with the page. */
function columnInfo(c: Column): string {
  const e = c.edition;
  const route = e ? e.route.map((t) => esc(t)).join(' → ') : 'the article as read and cleaned';
  const models = e && e.models.length ? `<div class="models">${e.models.map((m) => esc(m)).join('<br>')}</div>` : '';
  const corrected = e ? e.blocks.reduce((n, b) => n + b.segments.filter((s) => s.origin === 'memory').length, 0) : 0;
  const memory = corrected
    ? ` <span class="corrections" data-corrections="${corrected}">${corrected} editor's correction${corrected === 1 ? '' : 's'}</span>`
    : '';
  const counts = c.source ? '' : `<div class="counts">${badges(flagCounts(e))}${memory}</div>`;
  return `<th class="colinfo" data-col="${esc(c.col)}"><div class="route">${route}</div>${models}${counts}</th>`;
}

function toggles(cols: Column[]): string {
  const boxes = cols.map(
    (c) =>
      `<label class="toggle"><input type="checkbox" checked data-toggle="${esc(c.col)}"> ` +
      `${esc(c.name)} <code>${esc(c.lang)}</code>${c.source ? ' <span class="muted">source</span>' : ''}</label>`,
  );
  return `<nav class="controls" aria-label="Columns"><span class="controls-label">Show:</span> ${boxes.join(' ')}</nav>\n`;
}

function summaries(result: Result, cols: Column[], terms: (lang: string) => Terms | undefined): string {
  const cards = cols
    .filter((c) => c.edition?.summary !== undefined)
    .map((c) => {
      const e = c.edition!;
      const text = renderCheckedText(e.summary ?? '', e.summaryFlags, terms(c.lang));
      const via = e.summaryModels?.length ? `<div class="models">${e.summaryModels.map((m) => esc(m)).join(' → ')}</div>` : '';
      return (
        `<article class="summary" data-col="${esc(c.col)}">` +
        `<h3>${esc(c.name)} <code>${esc(c.col)}</code></h3>` +
        `<p lang="${esc(htmlLang(c.lang))}">${text.html}</p>${text.notes}${via}</article>`
      );
    });
  if (cards.length === 0) return '';
  const s = result.summary;
  const how = s
    ? `<p class="muted">Summarized in <code>${esc(s.language)}</code> by ${esc(s.model)} from ` +
      `${s.inputSegments} of ${s.totalSegments} segments, then translated into each edition.</p>`
    : '';
  return `<section class="summaries"><h2>Summaries</h2>${how}<div class="summary-grid">${cards.join('')}</div></section>\n`;
}

/**
 * A list item's cell holds a one-item list (`<ul>`, or `<ol start>` numbered as in the source's
 * run of items), so the page shows each edition's lists as lists, row by row.
 */
function asListItem(type: string, number: number, html: string): string {
  if (type === 'bullet') return `<ul class="list"><li>${html}</li></ul>`;
  return type === 'numbered' ? `<ol class="list" start="${number}"><li>${html}</li></ol>` : html;
}

function rows(cols: Column[], count: number, terms: (lang: string) => Terms | undefined): string {
  const out: string[] = [];
  let number = 0;
  for (let i = 0; i < count; i++) {
    const type = cols[0].blocks[i].type;
    number = type === 'numbered' && cols[0].blocks[i - 1]?.type === 'numbered' ? number + 1 : 1;
    const cells = cols.map((c) => {
      const b = c.blocks[i];
      const attrs = `data-col="${esc(c.col)}" lang="${esc(htmlLang(c.lang))}"`;
      // An edition shorter than the source is a bug upstream; show the gap rather than shift rows.
      if (!b) return `<td class="cell missing" ${attrs} data-type=""><div class="text"></div><em>missing block</em></td>`;
      const t = cssToken(b.type);
      return `<td class="cell type-${t}" ${attrs} data-type="${esc(b.type)}">${asListItem(type, number, renderBlockText(b.text, b.segments, terms(c.lang)))}</td>`;
    });
    out.push(
      `<tr class="row type-${cssToken(type)}" data-index="${i}" data-type="${esc(type)}">` +
        `<th scope="row" class="rowhead"><span class="n">${i + 1}</span> <span class="kind">${esc(type)}</span></th>` +
        `${cells.join('')}</tr>\n`,
    );
  }
  return out.join('');
}

function dropped(result: Result): string {
  const d = result.source.dropped;
  if (d.length === 0) return '';
  const items = d.map((b) => `<li><span class="kind">${esc(b.type)}</span> <span lang="${esc(htmlLang(result.source.lang))}">${esc(b.text)}</span></li>`);
  return `<details class="dropped"><summary>Removed by the clean step (${d.length})</summary><ul>${items.join('')}</ul></details>\n`;
}

/**
 * `OUT/<slug>/index.html`: the source and every edition side by side, one table row per source
 * block, summaries on top, flags on the segments they concern. Depends on result.json data only,
 * so it can be rendered again from any finished run.
 */
export function renderArticlePage(result: Result, opts: ArticlePageOptions = {}): string {
  // One matcher per language: whether a spelling may take a case ending depends on it.
  const byLang = new Map<string, Terms | undefined>();
  const terms = (lang: string) => {
    if (!byLang.has(lang)) byLang.set(lang, termMatcher(opts.glossaryTerms, lang));
    return byLang.get(lang);
  };
  const cols = columns(result);
  const title = result.source.blocks.find((b) => b.type === 'title')?.text || result.slug;
  const copy: Record<string, string> = {};
  for (const c of cols) copy[c.col] = editionPlainText(c.blocks, c.edition?.summary);
  const sourceLang = esc(htmlLang(result.source.lang));

  const body =
    `<header class="page-head"><p class="crumbs"><a href="../index.html">← Run index</a></p>` +
    `<h1 lang="${sourceLang}">${markTerms(title, terms(result.source.lang))}</h1>` +
    `<p class="muted"><code>${esc(result.file)}</code> · pipeline <code>${esc(result.pipeline)}</code> · ` +
    `${result.source.blocks.length} blocks · ${cols.length - 1} editions</p></header>\n` +
    toggles(cols) +
    (cols.some((c) => hasConfidence(c.blocks)) ? confidenceLegend() : '') +
    summaries(result, cols, terms) +
    '<main><table class="align">\n<thead>' +
    `<tr class="names"><th scope="col" class="rowhead">Block</th>${cols.map(columnName).join('')}</tr>\n` +
    `<tr class="info"><th class="rowhead"></th>${cols.map(columnInfo).join('')}</tr></thead>\n` +
    `<tbody>\n${rows(cols, result.source.blocks.length, terms)}</tbody>\n</table></main>\n` +
    dropped(result) +
    `<footer class="muted">Made by audarma from <code>result.json</code>. Marked segments carry quality flags; ` +
    `hover a mark for its reason. Segments with a pen are editors' corrections from the translation memory.` +
    `${modelsLine(pageModels(result, opts.licences ?? {}))}</footer>\n`;

  return renderShell({ title: `${title} · audarma`, body, script: PAGE_SCRIPT, data: jsonForScript({ copy }) });
}
