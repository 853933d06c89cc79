// Opens the generated pages in Debian's Chromium, driven by playwright-core. Playwright's own
// browser downloads cannot run here (no network but the package registries), so the suite's global
// setup installs the `chromium` package (tests/setup/chromium.ts) and we point playwright-core at
// /usr/bin/chromium.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.AUDARMA_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Headless and quiet: the machine has no network, and without the background-networking flags
 * Chromium keeps trying to reach Google's services at start. --no-sandbox because tests run as root.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--metrics-recording-only',
];

/** Where screenshots go for a person to look at; git-ignored. */
export const SCREENSHOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run as root \`apt-get update && apt-get install -y chromium fonts-noto-cjk\``);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** A page together with everything it did that a test wants to assert did not happen. */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  url: string;
  /** Every request the page made, the page itself included. */
  requests: string[];
  consoleErrors: string[];
  /** Content-Security-Policy violations the page reported (`directive: blocked`), e.g. a blocked inline script. */
  violations: string[];
  /** Messages of alert/confirm/prompt dialogs, dismissed as they came. */
  dialogs: string[];
  close(): Promise<void>;
}

/** Opens a file from disk (file://) in a fresh context that may use the clipboard. */
export async function openFile(
  browser: Browser,
  file: string,
  viewport: { width: number; height: number } = { width: 1600, height: 1000 },
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  // Without an origin, the grant holds for every origin, file:// included.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const watched: WatchedPage = {
    context,
    page,
    url: pathToFileURL(file).href,
    requests: [],
    consoleErrors: [],
    violations: [],
    dialogs: [],
    close: () => context.close(),
  };
  // The listener is installed through the browser's own tooling, which the page's CSP does not
  // govern, before any of the page's code runs; it reports back through a binding.
  await page.exposeFunction('__audarmaCspViolation', (v: string) => watched.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __audarmaCspViolation(v: string): void }).__audarmaCspViolation(`${e.effectiveDirective}: ${e.blockedURI}`);
    });
  });
  page.on('request', (r) => watched.requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') watched.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => watched.consoleErrors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    watched.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(watched.url, { waitUntil: 'load' });
  return watched;
}

/** A temporary folder laid out like OUT/: files by relative path. Returns its path. */
export function writeTempSite(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'audarma-pages-'));
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

export function removeTempSite(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, name);
  await page.screenshot({ path: file, fullPage });
  return file;
}
