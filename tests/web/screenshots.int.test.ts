/**
 * @module tests/web/screenshots.int.test
 * The screenshots a person looks at before release, at desktop (1280×800) and phone (390×844) sizes: an
 * answer with several citations and its source open, a summary across documents, a declined answer, and
 * the document view. Each is taken once the page shows what it should (asserted), with no console error and
 * no failed request. They go to SCREENSHOT_DIR (default screenshots/, ignored by git).
 */
import { stat } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasChromium, screenshotPath, useBrowserEnvironment } from './browser-harness.js';
import { DESKTOP, PHONE, answer, ask, expectClean, openPage, placement } from './page-session.js';

const SIZES = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const;

describe.skipIf(!hasChromium)('screenshots for a human look', () => {
  const env = useBrowserEnvironment();

  async function shoot(page: Page, name: string): Promise<void> {
    const file = screenshotPath(name);
    await page.screenshot({ path: file });
    expect((await stat(file)).size, file).toBeGreaterThan(5000);
  }

  it.each(SIZES)('an answer with several citations and its source open (%s)', async (size, viewport) => {
    const { page, context, watch } = await openPage(env.browser, env.server.url, '/', viewport);
    await ask(page, 'How did the position on return and readmission change from 1997 to 2009?');
    const msg = await answer(page, 0);
    await msg.locator('.chip').nth(1).click();
    const panel = msg.locator('.cite-panel');
    await panel.waitFor({ state: 'visible' });
    const box = await placement(panel);
    expect(box.bottom).toBeLessThanOrEqual(box.visibleBottom);
    await shoot(page, `${size}-answer-source`);
    expectClean(watch);
    await context.close();
  });

  it.each(SIZES)('a summary across documents (%s)', async (size, viewport) => {
    const { page, context, watch } = await openPage(env.browser, env.server.url, '/', viewport);
    await ask(
      page,
      'Give me a cited summary of what the documents say about return and readmission across all documents',
    );
    const msg = await answer(page, 0);
    expect(await msg.locator('.answer__body li').count()).toBeGreaterThan(1);
    await shoot(page, `${size}-summary`);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await shoot(page, `${size}-summary-end`);
    expectClean(watch);
    await context.close();
  });

  it.each(SIZES)('a declined answer (%s)', async (size, viewport) => {
    const { page, context, watch } = await openPage(env.browser, env.server.url, '/', viewport);
    await ask(page, 'What is the capital of Australia?');
    const msg = await answer(page, 0);
    await expect(msg.locator('.decline').textContent()).resolves.toContain('do not appear to address');
    await shoot(page, `${size}-declined`);
    expectClean(watch);
    await context.close();
  });

  it.each(SIZES)('a decline that names the silent document (%s)', async (size, viewport) => {
    const { page, context, watch } = await openPage(env.browser, env.server.url, '/', viewport);
    await ask(page, 'What does the Call for Action say about carrier sanctions?');
    const msg = await answer(page, 0);
    await expect(msg.locator('.decline').textContent()).resolves.toBe(
      'The Call for Action (2019) does not appear to address this question.',
    );
    await expect(msg.locator('.answer__text.muted').textContent()).resolves.toMatch(
      /^The Prague 1997 Recommendations address it: Recommendation 18/,
    );
    await expect(msg.locator('.closest__list li').first().textContent()).resolves.toContain('Recommendation 18');
    await shoot(page, `${size}-declined-named`);
    expectClean(watch);
    await context.close();
  });

  it.each(SIZES)('the document view, at a cited unit and at its top (%s)', async (size, viewport) => {
    const { page, context, watch } = await openPage(
      env.browser,
      env.server.url,
      '/documents/prague-1997?q=holding%20the%20carriers%20liable#rec-18',
      viewport,
    );
    await page.locator('.unit--target mark').waitFor();
    await shoot(page, `${size}-document-unit`);
    await page.goto('/documents/budapest-process-30-years');
    await page.getByRole('navigation', { name: 'Contents' }).waitFor();
    await shoot(page, `${size}-document-contents`);
    await page.goto('/documents');
    await page.locator('.doc-card').first().waitFor();
    await shoot(page, `${size}-documents`);
    expectClean(watch);
    await context.close();
  });
});
