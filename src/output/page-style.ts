/**
 * The pages' inline stylesheet (article page and run index). System fonts only: the CSP forbids
 * loading any, and the pages must read offline. The stack covers Latin, Cyrillic with the Kazakh
 * letters (ә ғ қ ң ө ұ ү һ і: Noto Sans, DejaVu Sans, Segoe UI, Arial all have them) and Han;
 * Latin fonts come first so a CJK font does not restyle the Latin text, and Traditional Chinese
 * gets TC fonts ahead of SC so its glyph shapes are right.
 */
export const PAGE_STYLE = `
:root {
  --font: "Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, "Noto Sans CJK SC", "Source Han Sans SC",
    "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", sans-serif;
  --font-hant: "Noto Sans", "DejaVu Sans", "Segoe UI", "Helvetica Neue", Arial, "Noto Sans CJK TC", "Source Han Sans TC",
    "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK SC", sans-serif;
  --mono: "DejaVu Sans Mono", "Noto Sans Mono", Consolas, Menlo, monospace;
  --fg: #1d2330; --muted: #5d6677; --bg: #ffffff; --panel: #f5f7fa; --line: #dde2ea; --head: #eef2f7;
  --accent: #2458b3; --term-bg: #e3f4e8; --term: #2e8b57; --ok: #2e7d32;
  --mem: #00796b;
  --k-script: #7b3fb5; --k-length: #c46a00; --k-untranslated: #c62828; --k-repetition: #8d6e00; --k-glossary: #1f6fb2;
  --k-low-confidence: #ad1457;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6e9ef; --muted: #a3acbb; --bg: #14171c; --panel: #1c2027; --line: #2f3540; --head: #222833;
    --accent: #7fb0ff; --term-bg: #1f3a2a; --term: #6fcf97; --ok: #81c784;
  }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 15px/1.55 var(--font); color: var(--fg); background: var(--bg); }
:lang(zh-Hant) { font-family: var(--font-hant); }
code { font-family: var(--mono); font-size: .82em; background: var(--panel); border-radius: 4px; padding: 0 .3em; white-space: nowrap; }
a { color: var(--accent); }
h1 { font-size: 1.65rem; line-height: 1.25; margin: .2rem 0 .35rem; }
h2 { font-size: 1.05rem; margin: 0 0 .5rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
h3 { font-size: .95rem; margin: 0 0 .35rem; }
.muted, .route, .models { color: var(--muted); }
.page-head, .summaries, .dropped, footer, .run-summary, .runs-wrap, .failures { padding: 0 1.25rem; }
.page-head { padding-top: .9rem; padding-bottom: .4rem; }
.crumbs { margin: 0; font-size: .85rem; }
footer { font-size: .82rem; padding-top: 1rem; padding-bottom: 1.5rem; }

/* Column toggles */
.controls { display: flex; flex-wrap: wrap; align-items: center; gap: .35rem .5rem; padding: .55rem 1.25rem;
  border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); background: var(--panel); }
.controls-label { font-weight: 600; margin-right: .2rem; }
.toggle { display: inline-flex; align-items: center; gap: .3rem; padding: .15rem .55rem; border: 1px solid var(--line);
  border-radius: 999px; background: var(--bg); cursor: pointer; user-select: none; font-size: .9rem; }
.toggle:has(input:not(:checked)) { opacity: .55; }

/* Summaries */
.summaries { padding-top: .9rem; padding-bottom: .6rem; }
.summaries > p { margin: 0 0 .6rem; font-size: .88rem; }
.summary-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .7rem; }
.summary { border: 1px solid var(--line); border-radius: 8px; padding: .6rem .8rem; background: var(--panel); }
.summary p { margin: 0 0 .3rem; }
.models { font-size: .74rem; line-height: 1.35; overflow-wrap: anywhere; }

/* The aligned table: one row per source block */
main { padding: .4rem 0 0; }
table.align { border-collapse: separate; border-spacing: 0; width: 100%; }
.align th, .align td { vertical-align: top; text-align: left; padding: .55rem .75rem; border-bottom: 1px solid var(--line); }
.align td + td, .align th + th { border-left: 1px solid var(--line); }
.align thead th { background: var(--head); font-weight: normal; }
/* Only the names row sticks: the route and model details would take half the screen. */
.align thead tr.names th { position: sticky; top: 0; z-index: 2; border-bottom: 0; padding-bottom: .25rem;
  box-shadow: 0 1px 0 var(--line); }
.align thead tr.info th { padding-top: .25rem; border-bottom: 2px solid var(--line); }
.colname { display: flex; justify-content: space-between; align-items: baseline; gap: .5rem; font-weight: 700; }
.route { font-size: .8rem; }
.counts { margin: .3rem 0; font-size: .78rem; }
.ok { color: var(--ok); font-size: .78rem; }
.rowhead { width: 5.2rem; color: var(--muted); font-size: .75rem; font-weight: normal; }
.rowhead .n { display: inline-block; min-width: 1.4em; font-weight: 700; color: var(--fg); }
.align .text { min-width: 11.5rem; overflow-wrap: break-word; }
.align tbody tr:hover td, .align tbody tr:hover th { background: var(--panel); }
tr.type-title td { background: color-mix(in srgb, var(--head) 55%, transparent); }
.type-title .text { font-size: 1.22rem; font-weight: 700; line-height: 1.3; }
.type-kicker .text { font-style: italic; color: var(--muted); }
.type-kicker:lang(zh) .text { font-style: normal; }
.type-heading .text { font-size: 1.06rem; font-weight: 650; }
.type-quote .text { border-left: 3px solid var(--line); padding-left: .6rem; }
.cell .list { margin: 0; padding-left: 1.3rem; }
td.missing { color: var(--k-untranslated); }
.copy { flex: none; font: inherit; font-size: .78rem; font-weight: normal; padding: .05rem .65rem; border-radius: 999px;
  border: 1px solid var(--accent); color: var(--accent); background: var(--bg); cursor: pointer; }
.copy:hover { background: var(--accent); color: var(--bg); }
.copy.done { border-color: var(--ok); color: var(--ok); background: var(--bg); }

/* Marks: glossary terms and flagged segments */
mark { color: inherit; }
mark.term { background: var(--term-bg); border-bottom: 2px dotted var(--term); border-radius: 2px; padding: 0 .05em; }
.flag, .badge { --k: var(--k-length); }
.flag-script, .badge-script { --k: var(--k-script); }
.flag-length, .badge-length { --k: var(--k-length); }
.flag-untranslated, .badge-untranslated { --k: var(--k-untranslated); }
.flag-repetition, .badge-repetition { --k: var(--k-repetition); }
.flag-glossary, .badge-glossary { --k: var(--k-glossary); }
.flag-low-confidence, .badge-low-confidence { --k: var(--k-low-confidence); }
mark.flag { background: color-mix(in srgb, var(--k) 14%, transparent); border-bottom: 2px solid var(--k);
  border-radius: 2px; padding: 0 .1em; cursor: help; }
/* The badge is drawn, not written: it shows the kinds without becoming part of the copied text. */
mark.flag::after { content: attr(data-flags); display: inline-block; margin-left: .3em; padding: 0 .45em;
  border-radius: 999px; background: var(--k); color: #fff; font: 600 .66rem/1.5 var(--font); font-style: normal;
  letter-spacing: .03em; text-transform: uppercase; vertical-align: .15em; }
.badge { display: inline-block; padding: 0 .45em; border-radius: 999px; background: var(--k); color: #fff;
  font-size: .72rem; font-weight: 600; line-height: 1.55; white-space: nowrap; }
.flag-notes { list-style: none; margin: .45rem 0 0; padding: .35rem 0 0; border-top: 1px dashed var(--line);
  font-size: .8rem; color: var(--muted); }
.flag-notes li + li { margin-top: .2rem; }
.flag-notes q { font-style: italic; }

/* Model confidence: a percentage after each segment, drawn (not written) so it is never copied;
   words holding a token below probability 0.5 get a dotted red underline */
.conf { --c: var(--muted); }
.conf-mid { --c: #b26a00; }
.conf-low { --c: #c62828; }
.conf::after { content: attr(data-pct); margin-left: .2em; font-size: .68em; vertical-align: super;
  color: var(--c); font-variant-numeric: tabular-nums; }
.conf-low::after { font-weight: 700; }
mark.unsure { background: none; text-decoration: underline dotted #c62828 2px; text-underline-offset: .2em; cursor: help; }
.legend { margin: .4rem 0 .8rem; padding: .45rem .7rem; border: 1px solid var(--line); border-radius: 6px; font-size: .9em; }

/* Editors' corrections from the translation memory: a pen drawn before, an underline in their colour */
.memory { border-bottom: 2px dashed var(--mem); }
.memory.approved { border-bottom-style: solid; }
.memory::before { content: "\\270E"; color: var(--mem); font-size: .8em; margin-right: .15em; }
.corrections { color: var(--mem); font-size: .78rem; white-space: nowrap; }

/* Removed boilerplate */
.dropped { margin-top: 1rem; font-size: .88rem; }
.dropped summary { cursor: pointer; color: var(--muted); }
.kind { font-size: .72rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }

/* Run index */
.run-summary { display: flex; flex-wrap: wrap; gap: .6rem; margin: .4rem 0 1rem; }
.stat { border: 1px solid var(--line); border-radius: 8px; padding: .45rem .8rem; background: var(--panel); min-width: 8rem; }
.stat b { display: block; font-size: 1.25rem; }
.stat span { font-size: .78rem; color: var(--muted); }
.runs-wrap { overflow-x: auto; }
table.runs { border-collapse: collapse; width: 100%; margin-bottom: 1.2rem; }
.runs th, .runs td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--line); }
.runs thead th { background: var(--head); font-size: .85rem; white-space: nowrap; }
.none { color: var(--muted); }
.runs td.num { white-space: nowrap; }
.status { display: inline-block; padding: 0 .55em; border-radius: 999px; font-size: .78rem; font-weight: 600; color: #fff; }
.status-done { background: var(--ok); }
.status-failed { background: var(--k-untranslated); }
.status-unchanged { background: var(--muted); }
.failures li { margin-bottom: .35rem; }
.reason { color: var(--k-untranslated); }

@media print {
  .controls, .copy, .crumbs { display: none; }
  .align thead tr.names th { position: static; }
}
`;
