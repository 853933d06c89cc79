import type { RunReport } from './report-schema.ts';
import { cssToken, escapeHtml } from './html-escape.ts';
import { htmlLang, languageName } from './html-lang.ts';
import { modelsLine } from './html-licences.ts';
import { confidenceBand } from './html-text.ts';
import { renderShell } from './page-shell.ts';

export interface RunIndexOptions {
  /** Language of the articles (the config's `source`), for the `lang` of their titles; unknown if omitted. */
  sourceLang?: string;
}

const esc = escapeHtml;
type Counts = Record<string, number>;
type ArticleRow = RunReport['articles'][number];

/**
 * Relative link from `OUT/index.html` to an article page. The slug is URL-encoded as one path
 * segment, so whatever it holds it cannot point outside `OUT/<slug>/`.
 */
export function articleHref(slug: string): string | undefined {
  if (slug === '' || slug === '.' || slug === '..') return undefined;
  return `${encodeURIComponent(slug)}/index.html`;
}

function total(counts: Counts | undefined): number {
  return Object.values(counts ?? {}).reduce((a, n) => a + n, 0);
}

function badges(counts: Counts | undefined): string {
  const entries = Object.entries(counts ?? {}).filter(([, n]) => n > 0);
  if (entries.length === 0) return '<span class="ok">0</span>';
  return entries.map(([k, n]) => `<span class="badge badge-${esc(cssToken(k))}" title="${esc(k)}">${esc(k)} <b>${n}</b></span>`).join(' ');
}

/** Editions in the order the report lists them, then any only an article mentions. */
function editionKeys(report: RunReport): string[] {
  const keys = Object.keys(report.targets);
  for (const a of report.articles) for (const k of Object.keys(a.flags)) if (!keys.includes(k)) keys.push(k);
  return keys;
}

function stat(value: string | number, label: string): string {
  return `<div class="stat"><b>${esc(String(value))}</b><span>${esc(label)}</span></div>`;
}

function articleRow(a: ArticleRow, i: number, keys: string[], titleLang: string): string {
  const href = a.status === 'failed' ? undefined : articleHref(a.slug);
  const title = esc(a.title || a.slug);
  const name = href ? `<a href="${esc(href)}" lang="${titleLang}">${title}</a>` : `<span lang="${titleLang}">${title}</span>`;
  // "0": the edition was made and is clean; "—": this article has no such edition (or failed).
  const cell = (k: string): string => (a.status === 'failed' ? '' : k in a.flags ? badges(a.flags[k]) : '<span class="none">—</span>');
  const flagCells = keys.map((k) => `<td class="num" data-edition="${esc(k)}">${cell(k)}</td>`);
  const reason = a.reason ? `<span class="reason">${esc(a.reason)}</span>` : '';
  return (
    `<tr data-slug="${esc(a.slug)}" data-status="${esc(a.status)}"><td class="num">${i + 1}</td>` +
    `<td>${name}<div class="models"><code>${esc(a.file)}</code></div></td>` +
    `<td><span class="status status-${esc(cssToken(a.status))}">${esc(a.status)}</span></td>` +
    `${flagCells.join('')}<td>${reason}</td></tr>\n`
  );
}

function editionsTable(report: RunReport): string {
  const rows = Object.entries(report.targets).map(
    ([k, t]) =>
      `<tr><td>${esc(languageName(k))} <code>${esc(k)}</code></td><td class="num">${t.translated}</td>` +
      `<td class="num">${t.cached}</td><td class="num">${t.memory ?? 0}</td><td>${badges(t.flags)}</td></tr>`,
  );
  if (rows.length === 0) return '';
  return (
    '<section class="runs-wrap"><h2>Editions</h2><table class="runs editions"><thead><tr><th>Edition</th>' +
    `<th>Translated</th><th>Cached</th><th>Corrections</th><th>Flags</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>\n`
  );
}

function failures(report: RunReport): string {
  if (report.failures.length === 0) return '';
  const items = report.failures.map(
    (f) => `<li><code>${esc(f.file)}</code>${f.step ? ` at step <code>${esc(f.step)}</code>` : ''}: ` + `<span class="reason">${esc(f.reason)}</span></li>`,
  );
  return `<section class="failures"><h2>Failed documents (${report.failures.length})</h2><ul>${items.join('')}</ul></section>\n`;
}

/** The run's least confident segments (the report's `lowestConfidence`), each linking to its article. */
function leastConfident(report: RunReport): string {
  const low = report.lowestConfidence ?? [];
  if (low.length === 0) return '';
  const rows = low.map((l) => {
    const href = articleHref(l.slug);
    const where = `${esc(l.slug)} · block ${l.block + 1}`;
    const pct = `${Math.round(l.confidence * 100)}%`;
    return (
      `<tr data-slug="${esc(l.slug)}"><td class="num"><span class="conf conf-${confidenceBand(l.confidence)}" data-confidence="${l.confidence}">${pct}</span></td>` +
      `<td><code>${esc(l.lang)}</code></td><td lang="${esc(htmlLang(l.lang))}">${esc(l.text)}</td>` +
      `<td>${href ? `<a href="${esc(href)}">${where}</a>` : where}</td></tr>`
    );
  });
  return (
    '<section class="runs-wrap"><h2>Least confident segments</h2>' +
    '<p class="muted">The model\'s confidence: the geometric mean of the probabilities it gave the tokens of the segment.</p>' +
    '<table class="runs lowest"><thead><tr><th>Confidence</th><th>Edition</th><th>Segment</th><th>Article</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table></section>\n`
  );
}

function stages(report: RunReport): string {
  const entries = Object.entries(report.stages);
  if (entries.length === 0) return '';
  const parts = entries.map(([k, s]) => `<code>${esc(k)}</code> ${s.toFixed(1)} s`);
  return `<p class="muted page-head">Time per step: ${parts.join(' · ')}</p>\n`;
}

/**
 * `OUT/index.html`: every article of the run with its status, flag counts per edition and a link
 * to its page, then the failures with their reasons. Depends on run-report.json data only.
 */
export function renderRunIndex(report: RunReport, opts: RunIndexOptions = {}): string {
  const keys = editionKeys(report);
  const titleLang = opts.sourceLang ? esc(htmlLang(opts.sourceLang)) : '';
  const d = report.documents;
  const head = keys.map((k) => `<th data-edition="${esc(k)}">${esc(k)}</th>`).join('');
  const rows = report.articles.map((a, i) => articleRow(a, i, keys, titleLang)).join('');
  const body =
    `<header class="page-head"><h1>audarma run</h1><p class="muted">pipeline <code>${esc(report.pipeline)}</code> · ` +
    `started ${esc(report.startedAt)} · finished ${esc(report.finishedAt)} · ${report.seconds.toFixed(1)} s · ` +
    `exit code ${report.exitCode}</p></header>\n` +
    '<section class="run-summary">' +
    stat(d.total, 'documents') +
    stat(d.done, 'translated') +
    stat(d.unchanged, 'unchanged') +
    stat(d.failed, 'failed') +
    stat(report.segments.translated, 'segments translated') +
    stat(report.segments.cached, 'segments cached') +
    (report.segments.memory ? stat(report.segments.memory, "editors' corrections") : '') +
    stat(total(report.flags), 'quality flags') +
    '</section>\n' +
    '<section class="runs-wrap"><h2>Articles</h2><table class="runs articles"><thead><tr><th>#</th><th>Article</th>' +
    `<th>Status</th>${head}<th>Reason</th></tr></thead>\n<tbody>\n${rows}</tbody></table></section>\n` +
    failures(report) +
    leastConfident(report) +
    editionsTable(report) +
    stages(report) +
    '<footer class="muted">Made by audarma from <code>run-report.json</code>. Flag counts are quality flags per edition; ' +
    `open an article to see them on their segments.${modelsLine(Object.values(report.models ?? {}))}</footer>\n`;
  return renderShell({ title: `audarma run · ${report.pipeline}`, body });
}
