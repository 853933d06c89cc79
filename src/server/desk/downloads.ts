import { escapeHtml as esc } from '../../output/html-escape.ts';
import { htmlLang } from '../../output/html-lang.ts';
import { renderShell } from '../../output/page-shell.ts';
import type { Result } from '../../output/result-schema.ts';
import { exportUnits } from '../../memory/xliff-units.ts';
import { writeXliff } from '../../memory/xliff-write.ts';
import type { UnitOrigin } from '../../memory/xliff-units.ts';
import type { Reviewer, SegmentReview } from './review.ts';

/** What the desk knows of a segment, as an XLIFF unit's state: machine output, edited, a match, approved. */
export function unitOrigin(r: SegmentReview): UnitOrigin {
  if (r.origin === 'machine') return r.approved ? 'machine-approved' : 'machine';
  if (r.origin === 'match' && !r.approved) return 'match';
  return r.approved ? 'approved' : 'correction';
}

type Edition = Result['targets'][string];
const TAGS: Record<string, [string, string]> = {
  title: ['<h1>', '</h1>'],
  heading: ['<h2>', '</h2>'],
  kicker: ['<p class="kicker"><em>', '</em></p>'],
  quote: ['<blockquote><p>', '</p></blockquote>'],
};

/** One edition as a page of its own (escaped, no script, the review page's strict CSP and style). */
export function editionHtml(result: Result, lang: string): string {
  const e: Edition = result.targets[lang];
  const body: string[] = [];
  let list = '';
  for (const b of e.blocks.filter((b) => b.text.trim())) {
    // A run of list items of one kind is one list.
    const tag = b.type === 'bullet' ? 'ul' : b.type === 'numbered' ? 'ol' : '';
    if (list && tag !== list) body.push(`</${list}>`);
    if (tag && tag !== list) body.push(`<${tag}>`);
    list = tag;
    const [open, close] = tag ? ['<li>', '</li>'] : (TAGS[b.type] ?? ['<p>', '</p>']);
    body.push(`${open}${esc(b.text)}${close}`);
  }
  if (list) body.push(`</${list}>`);
  if (e.summary?.trim()) body.push(`<hr><p><strong>Summary:</strong> ${esc(e.summary)}</p>`);
  const title = e.blocks.find((b) => b.type === 'title')?.text || result.slug;
  return renderShell({ title, body: `<article class="page-head" lang="${esc(htmlLang(lang))}">\n${body.join('\n')}\n</article>\n` }).replace(
    '<html lang="en">',
    `<html lang="${esc(htmlLang(lang))}">`,
  );
}

/**
 * A download of the article made from its result.json: `<lang>.html` (the edition alone) or
 * `<lang>.xlf` (XLIFF 1.2 of that edition, as `audarma xliff export` writes it).
 */
export function articleDownload(result: Result, name: string, toolVersion: string, review: Reviewer): { type: string; body: string } | undefined {
  const m = /^(.+)\.(html|xlf)$/.exec(name);
  if (!m || !Object.hasOwn(result.targets, m[1])) return undefined;
  const [, lang, ext] = m;
  if (ext === 'html') return { type: 'text/html', body: editionHtml(result, lang) };
  const xliff = writeXliff('1.2', [{ slug: result.slug, units: exportUnits(result, lang, (s) => unitOrigin(review(lang, s))) }], {
    sourceLang: result.source.lang,
    targetLang: lang,
    toolVersion,
  });
  return { type: 'application/x-xliff+xml', body: xliff };
}
