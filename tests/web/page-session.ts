/**
 * @module tests/web/page-session
 * What the browser tests do with a page: open it in a fresh context with a watch on everything that would
 * be a bug (uncaught errors, console errors — Content-Security-Policy violations included —, dialogs,
 * failed requests and error responses), ask a question the way a reader does, and wait for the answer.
 */
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import { expect } from 'vitest';

export interface Watch {
  pageErrors: string[];
  consoleErrors: string[];
  dialogs: string[];
  /** Requests that failed or were answered with an HTTP error, as "METHOD url (reason)". */
  failedRequests: string[];
}

export interface PageSession {
  page: Page;
  context: BrowserContext;
  watch: Watch;
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export async function openPage(
  browser: Browser,
  baseURL: string,
  path = '/',
  viewport: { width: number; height: number } = DESKTOP,
): Promise<PageSession> {
  const context = await browser.newContext({ viewport, baseURL, acceptDownloads: true });
  const page = await context.newPage();
  const watch: Watch = { pageErrors: [], consoleErrors: [], dialogs: [], failedRequests: [] };
  page.on('pageerror', (e) => watch.pageErrors.push(String(e)));
  page.on('console', (m) => {
    // A failed load is reported as a failed request below (tests that make the API fail on purpose say so).
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) watch.consoleErrors.push(m.text());
  });
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  // A request the page itself abandons when it navigates (net::ERR_ABORTED) got no answer to fail: only
  // requests that failed on the wire count.
  page.on('requestfailed', (r) => {
    const reason = r.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') watch.failedRequests.push(`${r.method()} ${r.url()} (${reason})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) watch.failedRequests.push(`${r.request().method()} ${r.url()} (HTTP ${r.status()})`);
  });
  await page.goto(path);
  return { page, context, watch };
}

/** No uncaught errors, console errors, dialogs, or (unless the test made them fail) failed requests. */
export function expectClean(watch: Watch, { requests = true } = {}): void {
  expect(watch.pageErrors, 'uncaught page errors').toEqual([]);
  expect(watch.consoleErrors, 'console errors (CSP violations included)').toEqual([]);
  expect(watch.dialogs, 'dialogs (alert = injected script ran)').toEqual([]);
  if (requests) expect(watch.failedRequests, 'failed requests').toEqual([]);
}

/** Types a question and sends it with Enter; resolves with the POST /api/chat request it made. */
export async function ask(page: Page, question: string): Promise<Request> {
  const box = page.getByLabel('Your question');
  await box.fill(question);
  const req = page.waitForRequest((r) => r.url().endsWith('/api/chat') && r.method() === 'POST');
  await box.press('Enter');
  return req;
}

/** Waits until the n-th (0-based) answer has finished streaming and returns it. */
export async function answer(page: Page, n: number): Promise<Locator> {
  const msg = page.locator('.log .turn').nth(n).locator('.msg--assistant[aria-busy="false"], .msg--error');
  await msg.waitFor({ state: 'visible', timeout: 20_000 });
  return msg;
}

/** The element's box against the window's, and how much of the bottom the sticky question box covers. */
export async function placement(
  locator: Locator,
): Promise<{ top: number; bottom: number; left: number; right: number; visibleBottom: number; width: number }> {
  return locator.evaluate((node) => {
    const r = node.getBoundingClientRect();
    const composer = document.querySelector('.composer');
    const visibleBottom = composer ? composer.getBoundingClientRect().top : window.innerHeight;
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, visibleBottom, width: window.innerWidth };
  });
}

export async function noHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}
