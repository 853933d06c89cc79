import { EXTENSIONS } from '../../document/formats/registry.ts';
import { escapeHtml as esc, jsonForScript } from '../../output/html-escape.ts';
import type { Suggestion } from '../../memory/suggestions.ts';
import type { DeskArticle } from './desk.ts';
import { suggestionsSection } from './suggestions.ts';
import { fill, MESSAGES, type Messages, type UiLang } from './i18n.ts';

/**
 * The desk's Content-Security-Policy, sent as a header: scripts and styles only from the server
 * itself (no inline script or style, no CDN), connections (fetch, server-sent events) to it only,
 * nothing in frames, forms posting only back to it.
 */
export const DESK_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The messages the script needs, by key. */
const SCRIPT_MESSAGES = [
  'queued',
  'running',
  'done',
  'failed',
  'step',
  'open',
  'retranslate',
  'correction',
  'approved',
  'save',
  'cancel',
  'saving',
  'saved',
  'needName',
  'error',
  'editSegment',
  'accepted',
  'rejected',
  'confidenceOf',
  'alternatives',
  'noAlternatives',
  'approveAsk',
  'approveFlagged',
  'approveLow',
  'approveNote',
  'approveYes',
  'approvedN',
  'undo',
  'undone',
  'confirmMatch',
  'existsAsk',
  'replace',
  'conflict',
  'delete',
  'deleteAsk',
  'deleteYes',
  'deleteNote',
  'deleted',
  'notFrench',
] as const;

/** A whole desk page: header with the editor's name and the language switch, then `main`. */
export function deskPage(ui: UiLang, title: string, main: string, opts: { editor?: boolean } = {}): string {
  const m = MESSAGES[ui];
  const script = Object.fromEntries(SCRIPT_MESSAGES.map((k) => [k, m[k]]));
  const editor =
    opts.editor === false
      ? ''
      : `<form class="editor" id="editor-form"><label for="editor-name">${esc(m.editorLabel)}</label> ` +
        `<input id="editor-name" name="editor" autocomplete="name" maxlength="100" required> <button type="submit">${esc(m.editorSave)}</button></form>`;
  return (
    '<!doctype html>\n' +
    `<html lang="${ui}">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>${esc(title)}</title>\n<link rel="stylesheet" href="/desk/page.css">\n<link rel="stylesheet" href="/desk/desk.css">\n</head>\n<body>\n` +
    `<a class="skip" href="#main">${esc(m.skip)}</a>\n` +
    `<header class="desk-head"><p class="brand"><a href="/">${esc(m.title)}</a></p>${editor}` +
    `<nav aria-label="${esc(m.switchLabel)}"><a class="lang-switch" href="?ui=${m.switchLang}" hreflang="${m.switchLang}" lang="${m.switchLang}">${esc(m.switchTo)}</a></nav></header>\n` +
    `<main id="main" tabindex="-1">\n${main}</main>\n` +
    `<p id="announce" class="sr" role="status" aria-live="polite"></p>\n` +
    `<script type="application/json" id="desk-messages">${jsonForScript(script)}</script>\n` +
    '<script src="/desk/desk.js"></script>\n</body>\n</html>\n'
  );
}

/** The status of an article as words, for the list and for the script's updates alike. */
export function statusText(a: DeskArticle, m: Messages): string {
  const base = m[a.status];
  return a.step ? `${base} (${fill(m.step, { i: a.step.index, n: a.step.total, kind: a.step.kind })})` : base;
}

function articleRow(a: DeskArticle, m: Messages, sourceLang: string): string {
  const open = a.status === 'done' ? `<a href="/desk/articles/${esc(a.slug)}">${esc(m.open)}</a> ` : '';
  const reason = a.reason ? ` <span class="reason">${esc(a.reason)}</span>` : a.notSource ? ` <span class="reason warning">${esc(m.notFrench)}</span>` : '';
  return (
    `<tr data-slug="${esc(a.slug)}"><td><code>${esc(a.name)}</code></td>` +
    `<td class="title" lang="${esc(sourceLang)}">${esc(a.title ?? '')}</td>` +
    `<td class="state"><span class="status status-${a.status}">${esc(statusText(a, m))}</span>${reason}</td>` +
    `<td class="actions"><span class="open">${open}</span><button type="button" class="retranslate" data-slug="${esc(a.slug)}" title="${esc(m.retranslateHelp)}">${esc(m.retranslate)}</button> <button type="button" class="delete" data-delete="${esc(a.slug)}" data-name="${esc(a.name)}">${esc(m.delete)}</button></td></tr>`
  );
}

/** `/`: the upload area and every article with its state, kept current by the script (server-sent events). */
export function listPage(ui: UiLang, articles: DeskArticle[], sourceLang: string, pending: Suggestion[] = []): string {
  const m = MESSAGES[ui];
  const main =
    `<section class="upload" aria-labelledby="upload-h"><h2 id="upload-h">${esc(m.upload)}</h2>` +
    `<div class="drop" id="drop"><p id="upload-help">${esc(m.uploadHelp)}</p>` +
    `<label class="button" for="files">${esc(m.pick)}</label> ` +
    `<input type="file" id="files" multiple accept="${EXTENSIONS.join(',')}" aria-describedby="upload-help"></div>` +
    `<p id="upload-status" role="status" aria-live="polite"></p></section>\n` +
    `<section class="articles" aria-labelledby="articles-h"><h2 id="articles-h">${esc(m.articles)}</h2>` +
    `<p class="none" id="no-articles"${articles.length ? ' hidden' : ''}>${esc(m.none)}</p>` +
    `<table class="runs" id="articles" data-source-lang="${esc(sourceLang)}"${articles.length ? '' : ' hidden'}><thead><tr>` +
    `<th scope="col">${esc(m.file)}</th><th scope="col">${esc(m.titleCol)}</th><th scope="col">${esc(m.status)}</th><th scope="col">${esc(m.actions)}</th></tr></thead>` +
    `<tbody>${articles.map((a) => articleRow(a, m, sourceLang)).join('')}</tbody></table></section>\n` +
    suggestionsSection(m, pending, sourceLang);
  return deskPage(ui, m.title, main);
}

/** The page asking for an API key (the server runs with --api-keys and this browser has none yet). */
export function keyPage(ui: UiLang, wrong: boolean): string {
  const m = MESSAGES[ui];
  const main =
    `<section class="key" aria-labelledby="key-h"><h2 id="key-h">${esc(m.keyTitle)}</h2><p>${esc(m.keyHelp)}</p>` +
    (wrong ? `<p class="reason" role="alert">${esc(m.keyWrong)}</p>` : '') +
    `<form method="post" action="/desk/key"><label for="api-key">${esc(m.keyLabel)}</label> ` +
    `<input type="password" id="api-key" name="api_key" required autocomplete="current-password"> <button type="submit">${esc(m.keySave)}</button></form></section>\n`;
  return deskPage(ui, m.keyTitle, main, { editor: false });
}

/** A short page for a missing article or one not written yet. */
export function notice(ui: UiLang, text: string): string {
  const m = MESSAGES[ui];
  return deskPage(ui, m.title, `<p>${esc(text)}</p><p><a href="/">${esc(m.back)}</a></p>\n`);
}
