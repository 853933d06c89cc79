// The desk in Chromium against a real `audarma serve`: a context that routes every request, lets
// through only those to the server and records the rest, console errors, CSP violations and dialogs.
import type { Browser, BrowserContext, Page } from 'playwright-core';

export interface DeskBrowser {
  context: BrowserContext;
  page: Page;
  /** Every request the pages made. */
  requests: string[];
  consoleErrors: string[];
  violations: string[];
  dialogs: string[];
  close(): Promise<void>;
}

export async function deskContext(browser: Browser, server: string, opts: { locale?: string } = {}): Promise<DeskBrowser> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: opts.locale ?? 'en-GB' });
  const d: DeskBrowser = {
    context,
    page: undefined as unknown as Page,
    requests: [],
    consoleErrors: [],
    violations: [],
    dialogs: [],
    close: () => context.close(),
  };
  // Nothing may leave for another host: such a request is recorded and refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    d.requests.push(url);
    return url.startsWith(server + '/') ? route.continue() : route.abort();
  });
  await context.exposeFunction('__deskCspViolation', (v: string) => d.violations.push(v));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __deskCspViolation(v: string): void }).__deskCspViolation(`${e.effectiveDirective}: ${e.blockedURI}`);
    });
  });
  d.page = await context.newPage();
  d.page.on('console', (m) => {
    if (m.type() === 'error') d.consoleErrors.push(m.text());
  });
  d.page.on('pageerror', (e) => d.consoleErrors.push(`pageerror: ${e.message}`));
  d.page.on('dialog', (dlg) => {
    d.dialogs.push(`${dlg.type()}: ${dlg.message()}`);
    void dlg.dismiss();
  });
  return d;
}

/** The texts of one edition's cells on the article page, block by block. */
export function cellTexts(page: Page, col: string): Promise<string[]> {
  return page.$$eval(`td[data-col="${col}"] .text`, (els) => els.map((e) => e.textContent ?? ''));
}

/** The segment control of an edition on the article page. */
export const seg = (page: Page, lang: string, block: number, k: number) => page.locator(`.seg[data-lang="${lang}"][data-block="${block}"][data-seg="${k}"]`);

/** Opens the desk's list and gives the editor's name, as an editor does once per browser. */
export async function signIn(page: Page, server: string, name = 'Aigerim Bekova'): Promise<void> {
  await page.goto(`${server}/`);
  await page.fill('#editor-name', name);
  await page.click('#editor-form button');
}
