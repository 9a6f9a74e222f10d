/**
 * @module tests/web/chat.int.test
 * The page end to end in headless Chromium: ask, get the streamed answer, open a citation chip, follow it
 * to the highlighted quote in the document, ask a follow-up that carries the history, get a declined
 * answer, see errors inline with the question kept, stay safe with hostile answer text, copy an answer,
 * filter by document, and fit a 360 px screen. Failures the server cannot be made to produce on demand
 * (503, 429, network down, hostile text) are injected with Playwright routes, so the same tests run
 * against the fake API and the real server. Screenshots go to SCREENSHOT_DIR (default screenshots/).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, screenshotPath, useBrowserEnvironment } from './browser-harness.js';
import { answer, ask, expectClean, noHorizontalScroll, openPage, type PageSession } from './page-session.js';

const CARRIERS = 'What did Prague 1997 say about carrier sanctions?';
const FOLLOW_UP = 'And what about fraudulent documents?';
const OFF_TOPIC = 'What is the capital of Australia?';

describe.skipIf(!hasChromium)('chat page in Chromium', () => {
  const env = useBrowserEnvironment();

  function open(path = '/', viewport = { width: 1280, height: 860 }): Promise<PageSession> {
    return openPage(env.browser, env.server.url, path, viewport);
  }

  it('answers with a citation chip, opens the source and the highlighted quote, then answers a follow-up', async () => {
    const { page, context, watch } = await open('/');
    await expect(page.getByRole('button', { name: CARRIERS }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: screenshotPath('desktop-1-empty') });

    const req = await ask(page, CARRIERS);
    expect(req.headers()['accept']).toContain('text/event-stream');
    expect(req.postDataJSON()).toMatchObject({ question: CARRIERS, history: [] });
    // (Progressive rendering of a slowly streamed answer is covered in answer.int.test.ts.)
    const first = await answer(page, 0);
    expect(await page.getByLabel('Your question').inputValue()).toBe('');

    const chip = first.getByRole('button', { name: /Rec\. 18/ }).first();
    await expect(chip.textContent()).resolves.toMatch(/^Prague 1997 · Rec\. 18$/);
    expect(await chip.getAttribute('title')).toBe('Prague 1997 Recommendations (14 Oct 1997), Recommendation 18');
    await expect(first.textContent()).resolves.toMatch(/Answered (offline \(extractive\)|by LLM)/);

    await chip.click();
    const panel = first.locator('.cite-panel');
    await panel.waitFor({ state: 'visible' });
    expect(await chip.getAttribute('aria-expanded')).toBe('true');
    const quote = (await panel.locator('blockquote').textContent()) ?? '';
    expect(quote).toMatch(/carriers/i);
    await expect(panel.textContent()).resolves.toContain('Recommendation 18');
    const link = panel.getByRole('link', { name: /open in document/i });
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/documents\/prague-1997\?q=.+#rec-18$/);
    await page.screenshot({ path: screenshotPath('desktop-2-answer-source') });

    // Escape closes the panel and leaves focus on the chip.
    await page.keyboard.press('Escape');
    expect(await panel.isHidden()).toBe(true);
    await chip.click();
    await link.click();

    await page.waitForURL(/\/documents\/prague-1997\?q=.*#rec-18$/);
    const unit = page.locator('#rec-18');
    await unit.waitFor({ state: 'visible' });
    expect(await unit.getAttribute('class')).toContain('unit--target');
    await expect(unit.locator('.unit__label').textContent()).resolves.toContain('Recommendation 18');
    const marked = (await unit.locator('mark').textContent()) ?? '';
    expect(marked.replace(/\s+/g, ' ').trim()).toBe(quote.replace(/\s+/g, ' ').trim());
    expect(await unit.isVisible()).toBe(true);
    const inView = await unit.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.top < window.innerHeight;
    });
    expect(inView).toBe(true);
    await page.screenshot({ path: screenshotPath('desktop-3-document-highlight') });

    // Back to the conversation: it is still there, and the follow-up carries it as history.
    await page.goBack();
    await page.locator('.log .turn').first().waitFor();
    // …with focus back on the link the reader followed, so keyboard users continue where they were.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Open in document');
    const followReq = await ask(page, FOLLOW_UP);
    const body = followReq.postDataJSON() as { question: string; history: Array<{ role: string; content: string }> };
    expect(body.question).toBe(FOLLOW_UP);
    expect(body.history).toHaveLength(2);
    expect(body.history[0]).toEqual({ role: 'user', content: CARRIERS });
    expect(body.history[1].role).toBe('assistant');
    expect(body.history[1].content.length).toBeGreaterThan(10);
    const second = await answer(page, 1);
    expect(await second.getAttribute('class')).toContain('msg--assistant');
    expect(await second.locator('.chip').count()).toBeGreaterThan(0);
    // Viewport shots: a full-page shot would draw the sticky question box in the middle of the page.
    await page.screenshot({ path: screenshotPath('desktop-4-follow-up') });

    expectClean(watch);
    await context.close();
  });

  it('declines a question the documents do not address and lists closest matches, not citations', async () => {
    const { page, context, watch } = await open('/');
    await ask(page, OFF_TOPIC);
    const msg = await answer(page, 0);
    await expect(msg.textContent()).resolves.toContain('The documents do not appear to address this question.');
    expect(await msg.locator('.chip').count()).toBe(0);
    if (await msg.locator('.closest').count()) {
      await expect(msg.locator('.closest__title').textContent()).resolves.toBe('Closest matches');
      const href = await msg.locator('.closest a').first().getAttribute('href');
      expect(href).toMatch(/^\/documents\/[^/]+#.+/);
    }
    await page.screenshot({ path: screenshotPath('desktop-5-declined') });
    expectClean(watch);
    await context.close();
  });

  it('shows errors inline and keeps the question in the box', async () => {
    const { page, context, watch } = await open('/');
    const box = page.getByLabel('Your question');
    const failures: Array<{ name: string; fail: Parameters<Page['route']>[1]; expected: RegExp }> = [
      {
        name: '503',
        fail: (route) =>
          route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({
              error: { code: 'UPSTREAM_FAILED', message: 'The language model did not answer in time.' },
            }),
          }),
        expected: /temporarily unavailable\. The language model did not answer in time\./,
      },
      {
        name: 'network down',
        fail: (route) => route.abort('internetdisconnected'),
        expected: /could not reach the server/i,
      },
      {
        name: '429',
        fail: (route) =>
          route.fulfill({
            status: 429,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many requests' } }),
          }),
        expected: /too many questions/i,
      },
      {
        name: '400',
        fail: (route) =>
          route.fulfill({
            status: 400,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'INVALID_REQUEST', message: 'question: too short' } }),
          }),
        expected: /could not be processed: question: too short/,
      },
    ];
    for (const [i, f] of failures.entries()) {
      await page.route('**/api/chat', f.fail);
      await ask(page, CARRIERS);
      const msg = await answer(page, i);
      const alert = msg.getByRole('alert');
      await expect(alert.textContent(), f.name).resolves.toMatch(f.expected);
      expect(await box.inputValue(), f.name).toBe(CARRIERS);
      expect(await page.getByRole('button', { name: 'Ask', exact: true }).isEnabled()).toBe(true);
      if (f.name === '503') await page.screenshot({ path: screenshotPath('desktop-6-error-503') });
      await page.unroute('**/api/chat');
    }
    // With the server back, Enter sends the kept question and it is answered.
    await box.press('Enter');
    const ok = await answer(page, failures.length);
    expect(await ok.getAttribute('class')).toContain('msg--assistant');
    expect(watch.pageErrors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    await context.close();
  });

  it('renders hostile answer text, quotes and links as inert text', async () => {
    const { page, context, watch } = await open('/');
    const hostile = '<script>alert(1)</script> <img src=x onerror="alert(2)"> <b>bold</b>';
    const reply = {
      answer: `${hostile} See [1].`,
      citations: [
        {
          n: 1,
          id: 'prague-1997:rec-18',
          documentId: 'prague-1997',
          documentTitle: 'Recommendations … (Prague, 1997)',
          label: 'Recommendation 18',
          section: '<i>section</i>',
          quote: '<img src=y onerror="alert(3)">quoted',
          text: 'x',
          page: null,
          url: 'javascript:alert(4)',
          valid: true,
        },
      ],
      grounded: true,
      mode: 'llm',
      notice: '<u>notice</u>',
    };
    await page.route('**/api/chat', (route) =>
      route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        body: `event: token\ndata: ${JSON.stringify({ text: hostile })}\n\nevent: done\ndata: ${JSON.stringify(reply)}\n\n`,
      }),
    );
    await ask(page, 'Show me something odd');
    const msg = await answer(page, 0);
    await expect(msg.locator('.answer__text').textContent()).resolves.toContain('<script>alert(1)</script>');
    await expect(msg.textContent()).resolves.toContain('Answered by LLM');
    await expect(msg.locator('.notice').textContent()).resolves.toBe('<u>notice</u>');
    expect(await page.locator('.log script, .log img, .log b, .log i, .log u').count()).toBe(0);
    await msg.getByRole('button', { name: /Rec\. 18/ }).click();
    await expect(msg.locator('blockquote').textContent()).resolves.toBe('<img src=y onerror="alert(3)">quoted');
    const href = await msg.getByRole('link', { name: /open in document/i }).getAttribute('href');
    expect(href).not.toMatch(/javascript:/i);
    await page.screenshot({ path: screenshotPath('desktop-7-hostile-text') });
    await page.waitForTimeout(200); // give an injected handler, if any, the chance to run
    expectClean(watch);
    await context.close();
  });

  it('copies the answer with its sources, and filters by document', async () => {
    const { page, context, watch } = await open('/');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });

    await page.getByText('Search in:').click();
    await page.getByLabel('Call for Action').check();
    await expect(page.locator('.filter summary').textContent()).resolves.toMatch(/1 of \d+ documents/);
    await page.screenshot({ path: screenshotPath('desktop-9-filter') });
    const req = await ask(page, 'What does the Call for Action say about human trafficking?');
    expect(req.postDataJSON()).toMatchObject({ documents: ['call-for-action'] });
    const msg = await answer(page, 0);
    expect(await msg.locator('.chip').count()).toBeGreaterThan(0);

    await msg.getByRole('button', { name: 'Copy with citations' }).click();
    // The copy is asynchronous: poll until the status says how it went.
    await expect.poll(() => msg.locator('.action__status').textContent(), { timeout: 5000 }).not.toBe('');
    expect(await msg.locator('.action__status').textContent()).toBe('Copied with citations');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(
      /\n\n\[1\] Call for Action \(2019\), .+\. “.+” http:\/\/127\.0\.0\.1:\d+\/documents\/call-for-action#/,
    );
    expectClean(watch);
    await context.close();
  });

  it('is usable from the keyboard: Shift+Enter is a new line, Tab reaches chips, Enter opens their source', async () => {
    const { page, context, watch } = await open('/');
    const box = page.getByLabel('Your question');
    await box.fill('first line');
    await box.press('Shift+Enter');
    await box.type('second line');
    expect(await box.inputValue()).toBe('first line\nsecond line');
    expect(await page.locator('.log .turn').count()).toBe(0);
    await box.fill(CARRIERS);
    await box.press('Enter');
    const msg = await answer(page, 0);
    // Focus the first chip by keyboard from the top of the page.
    await page.locator('.site-title').focus();
    let focusedChip = false;
    for (let i = 0; i < 30 && !focusedChip; i++) {
      await page.keyboard.press('Tab');
      focusedChip = await page.evaluate(() => document.activeElement?.classList.contains('chip') ?? false);
    }
    expect(focusedChip).toBe(true);
    // Focus alone opens nothing: tabbing through the chips does not swap sources about.
    expect(await msg.locator('.cite-panel').isHidden()).toBe(true);
    await page.keyboard.press('Enter');
    await msg.locator('.cite-panel').waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    expect(await msg.locator('.cite-panel').isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('chip'))).toBe(true);
    expectClean(watch);
    await context.close();
  });

  it('lists the documents one click away', async () => {
    const { page, context, watch } = await open('/');
    await page.getByRole('navigation').getByRole('link', { name: 'Documents' }).click();
    await page.waitForURL(/\/documents$/);
    const cards = page.locator('.doc-card');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(5);
    const prague = cards.filter({ hasText: 'Prague, 1997' });
    await expect(prague.locator('.doc-card__meta').textContent()).resolves.toMatch(
      /^14 October 1997 · Prague · recommendations · \d+ units$/,
    );
    await expect(prague.locator('.doc-card__year').textContent()).resolves.toBe('1997');
    // A document with no date of its own shows its year and where the year is stated.
    const callForAction = cards.filter({ hasText: 'Call for Action' });
    await expect(callForAction.locator('.doc-card__meta').textContent()).resolves.toMatch(/^2019 · .* · \d+ units$/);
    await expect(callForAction.locator('.doc-card__source').textContent()).resolves.toBe(
      'Year as stated in Budapest Process at 30',
    );
    await page.screenshot({ path: screenshotPath('desktop-8-documents'), fullPage: true });
    await prague.getByRole('link').click();
    await page.waitForURL(/\/documents\/prague-1997$/);
    await page.locator('#rec-18').waitFor();
    expect(await page.locator('.unit--target').count()).toBe(0);
    expectClean(watch);
    await context.close();
  });

  it('fits a 360 px wide screen without horizontal scrolling', async () => {
    const { page, context, watch } = await open('/', { width: 360, height: 740 });
    await noHorizontalScroll(page);
    await page.screenshot({ path: screenshotPath('mobile-1-empty') });
    await page.getByRole('button', { name: CARRIERS }).click();
    const msg = await answer(page, 0);
    await msg.locator('.chip').first().click();
    await msg.locator('.cite-panel').waitFor({ state: 'visible' });
    await noHorizontalScroll(page);
    await page.screenshot({ path: screenshotPath('mobile-2-answer') });
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.screenshot({ path: screenshotPath('mobile-3-source') });
    await msg.getByRole('link', { name: /open in document/i }).click();
    await page.locator('.unit--target').waitFor();
    await noHorizontalScroll(page);
    await page.screenshot({ path: screenshotPath('mobile-4-document') });
    await page.goto('/documents');
    await page.locator('.doc-card').first().waitFor();
    await noHorizontalScroll(page);
    await page.screenshot({ path: screenshotPath('mobile-5-documents'), fullPage: true });
    expectClean(watch);
    await context.close();
  });

  it('opens a deep link to a unit directly and reports unknown documents', async () => {
    const { page, context, watch } = await open('/documents/prague-1997?q=holding%20the%20carriers#rec-18');
    await page.locator('.unit--target').waitFor();
    await expect(page.locator('.unit--target mark').textContent()).resolves.toMatch(/holding\s+the\s+carriers/);
    await page.goto('/documents/no-such-document');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('There is no such document.');
    // An anchor naming no unit: a fixed message, never the link's own words (issue #12).
    await page.goto('/documents/prague-1997#Your%20account%20is%20locked.%20Call%20%2B1-555-0100');
    const notice = page.locator('.doc .notice');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toBe('This document has no such part.');
    await expect(page.locator('body').textContent()).resolves.not.toContain('account is locked');
    expectClean(watch, { requests: false });
    expect(watch.failedRequests).toEqual([
      expect.stringMatching(/^GET .*\/api\/documents\/no-such-document \(HTTP 404\)$/),
    ]);
    await context.close();
  });
});
