/**
 * @module tests/web/answer.int.test
 * Issue #17 in headless Chromium, against the real server (and, for flags and streaming, the real server
 * with the LLM stand-in): a cited source opens beneath the paragraph or list item that holds its chip and
 * inside the window at desktop and phone sizes; chips open on Enter/Space/click, never on focus, and Escape
 * gives focus back; answers render as lists, tables and headings, streamed without replacing finished
 * blocks; flagged sentences and failed citations carry a warning style and their reason; an answer is
 * copied with footnotes and downloaded as Markdown and Word; `?q=` reopens an answer; documents show their
 * years and a table of contents. Every page visited must end with no console error and no failed request.
 */
import { readFile } from 'node:fs/promises';
import { unzipSync, strFromU8 } from 'fflate';
import type { Locator, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shownNumber, startFakeOpenAI, type FakeOpenAI, type RecordedRequest } from '../support/fake-openai.js';
import { startTestServer, type RunningServer } from '../support/test-server.js';
import { testConfig } from '../support/test-index.js';
import { hasChromium, useBrowserEnvironment } from './browser-harness.js';
import {
  DESKTOP,
  PHONE,
  answer,
  ask,
  expectClean,
  noHorizontalScroll,
  openPage,
  placement,
  type PageSession,
} from './page-session.js';

const CARRIERS = 'What did Prague 1997 say about carrier sanctions?';
const RETURN_1997_2009 = 'How did the position on return and readmission change from 1997 to 2009?';
const SUMMARY = 'Give me a cited summary of what the documents say about return and readmission across all documents';
const HOW_MANY = 'How many readmission agreements were concluded?';
const MOON = 'The moon is made of green cheese and elephants run the border posts';

/** The stand-in model's answer: a list whose second item no passage supports, cited to Recommendation 18. */
function llmAnswer(request: RecordedRequest): string {
  const n = shownNumber(request, 'Recommendation 18') ?? 1;
  return [
    'The **Prague 1997 Recommendations** address carrier sanctions:',
    '',
    `- Carriers that fail to identify improperly documented passengers are fined and held liable for the return costs [${n}].`,
    `- ${MOON} [${n}].`,
    `- Sanctions are to be introduced against carriers conducting transport service [${n}].`,
  ].join('\n');
}

/** A reply as /api/chat sends it, for routes that stand in for the server. */
async function stubReply(page: Page, reply: object): Promise<void> {
  await page.route('**/api/chat', (route: Route) =>
    route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      body: `event: done\ndata: ${JSON.stringify(reply)}\n\n`,
    }),
  );
}

function citationOf(n: number, unit: string, label: string, over: object = {}): object {
  return {
    n,
    id: `prague-1997:${unit}`,
    documentId: 'prague-1997',
    documentTitle: 'Recommendations … (Prague, 1997)',
    label,
    section: '',
    quote: 'Recommend that sanctions be introduced against carriers',
    text: 'Recommend that sanctions be introduced against carriers conducting transport service',
    page: null,
    url: `/documents/prague-1997#${unit}`,
    reference: `Prague 1997 Recommendations (14 Oct 1997), ${label}`,
    valid: true,
    ...over,
  };
}

describe.skipIf(!hasChromium)('answers, sources and take-aways in Chromium (issue #17)', () => {
  const env = useBrowserEnvironment();
  let llmServer: RunningServer;
  let fakeModel: FakeOpenAI;

  beforeAll(async () => {
    fakeModel = await startFakeOpenAI({ kind: 'reply', text: llmAnswer, chunkDelayMs: 25 });
    llmServer = await startTestServer({
      openai: {
        ...testConfig().openai,
        apiKey: 'test-key',
        baseURL: fakeModel.url,
        chatModel: 'fake-model',
        timeoutMs: 10_000,
        maxRetries: 0,
      },
    });
  });

  afterAll(async () => {
    await llmServer?.close();
    await fakeModel?.close();
  });

  const open = (path = '/', viewport = DESKTOP, base = env.server.url): Promise<PageSession> =>
    openPage(env.browser, base, path, viewport);

  /** Clicks a chip and checks its panel is beneath the chip's block, whole, inside the window. */
  async function expectPanelBeneath(msg: Locator, chip: Locator): Promise<void> {
    await chip.click();
    const panel = msg.locator('.cite-panel');
    await panel.waitFor({ state: 'visible' });
    expect(await chip.getAttribute('aria-expanded')).toBe('true');
    // Directly beneath the list item or paragraph holding the chip.
    const placed = await chip.evaluate((c) => {
      const panelNode = document.getElementById(c.getAttribute('aria-controls') ?? '');
      const host = c.closest('li, p');
      if (!panelNode || !host) return 'no panel or host';
      if (host.tagName === 'LI') return panelNode.parentElement === host ? 'in its list item' : 'elsewhere';
      return host.nextElementSibling === panelNode ? 'after its paragraph' : 'elsewhere';
    });
    expect(placed).toMatch(/^(in its list item|after its paragraph)$/);
    const box = await placement(panel);
    expect(box.top, 'panel top in the window').toBeGreaterThanOrEqual(0);
    expect(box.bottom, 'panel bottom above the question box').toBeLessThanOrEqual(box.visibleBottom);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.right, 'panel fits the width').toBeLessThanOrEqual(box.width);
  }

  it.each([
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ])('opens chip 1 of a six-citation answer beneath its list item, inside the window (%s)', async (_, viewport) => {
    const { page, context, watch } = await open('/', viewport);
    await ask(page, RETURN_1997_2009);
    const msg = await answer(page, 0);
    expect(await msg.locator('.chip').count()).toBeGreaterThanOrEqual(6);
    // A long answer opens at its start: the question and the first lines are on screen, not its end.
    const question = await placement(page.locator('.log .msg--user').first());
    expect(question.top).toBeGreaterThanOrEqual(0);
    expect(question.top).toBeLessThan(viewport.height / 3);
    await expectPanelBeneath(msg, msg.locator('.chip').first());
    // Another chip moves the one panel beneath its own item; the first chip is no longer expanded.
    await expectPanelBeneath(msg, msg.locator('.chip').nth(5));
    expect(await msg.locator('.chip').first().getAttribute('aria-expanded')).toBe('false');
    expect(await msg.locator('.cite-panel').count()).toBe(1);
    await noHorizontalScroll(page);
    expectClean(watch);
    await context.close();
  });

  it('opens a source on Enter or Space, never on focus; Escape closes it and gives focus back to the chip', async () => {
    const { page, context, watch } = await open('/');
    await ask(page, RETURN_1997_2009);
    const msg = await answer(page, 0);
    const panel = msg.locator('.cite-panel');
    const chips = msg.locator('.chip');
    await chips.first().focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await panel.isHidden(), 'focus alone opens nothing').toBe(true);
    const focused = (): Promise<string | null | undefined> =>
      page.evaluate(() => document.activeElement?.getAttribute('data-n'));
    expect(await focused()).toBe('3');

    await page.keyboard.press('Enter');
    await panel.waitFor({ state: 'visible' });
    // The panel shows the unit of the chip that had focus: its label is part of the chip's full reference.
    const reference = await page.evaluate(() => document.activeElement?.getAttribute('title') ?? '');
    const label = ((await panel.locator('.cite-panel__title').textContent()) ?? '').split(' · ')[0].trim();
    expect(label.length).toBeGreaterThan(0);
    expect(reference).toContain(label);
    await page.keyboard.press('Escape');
    expect(await panel.isHidden()).toBe(true);
    expect(await focused()).toBe('3');

    await page.keyboard.press('Space');
    await panel.waitFor({ state: 'visible' });
    // From inside the panel (its close button), Escape also closes it and returns to the chip.
    await panel.getByRole('button', { name: 'Close source' }).focus();
    await page.keyboard.press('Escape');
    expect(await panel.isHidden()).toBe(true);
    expect(await focused()).toBe('3');
    expect(await chips.nth(2).getAttribute('aria-expanded')).toBe('false');

    // Pressing the open chip again closes it.
    await chips.nth(2).click();
    await panel.waitFor({ state: 'visible' });
    await chips.nth(2).click();
    expect(await panel.isHidden()).toBe(true);
    expectClean(watch);
    await context.close();
  });

  it('renders a summary across documents as HTML lists, with a chip in each item', async () => {
    const { page, context, watch } = await open('/');
    await ask(page, SUMMARY);
    const msg = await answer(page, 0);
    const items = msg.locator('.answer__body ul > li');
    expect(await items.count()).toBeGreaterThanOrEqual(2);
    for (const item of await items.all()) expect(await item.locator('.chip').count()).toBeGreaterThanOrEqual(1);
    // No literal bullets: a line starting "- " became a list item.
    expect(await msg.locator('.answer__body').textContent()).not.toMatch(/(^|\n)- /);
    expectClean(watch);
    await context.close();
  });

  it('renders headings and a comparison table, chips inside its cells', async () => {
    const { page, context, watch } = await open('/', PHONE);
    await stubReply(page, {
      answer: [
        '## Return and readmission, 1997 and 2009',
        '',
        '| | Prague 1997 | Prague 2009 |',
        '| --- | --- | --- |',
        '| Agreements | conclude readmission agreements [1] | negotiate and conclude them [2] |',
        '| Return | voluntary return first [1] | return of irregular migrants [2] |',
        '',
        '### In short',
        '',
        '1. **Continuity** on agreements [1][2]',
        '2. A new stress on implementation [2]',
      ].join('\n'),
      citations: [citationOf(1, 'rec-33', 'Recommendation 33'), citationOf(2, 'rec-34', 'Recommendation 34')],
      grounded: true,
      mode: 'extractive',
    });
    await ask(page, 'Compare 1997 and 2009 on readmission');
    const msg = await answer(page, 0);
    await expect(msg.locator('.answer__body h3').textContent()).resolves.toBe('Return and readmission, 1997 and 2009');
    await expect(msg.locator('.answer__body h4').textContent()).resolves.toBe('In short');
    expect(await msg.locator('table thead th').allTextContents()).toEqual(['', 'Prague 1997', 'Prague 2009']);
    expect(await msg.locator('table tbody tr').count()).toBe(2);
    expect(await msg.locator('table td .chip').count()).toBe(4);
    expect(await msg.locator('ol > li').count()).toBe(2);
    await expect(msg.locator('ol > li strong').first().textContent()).resolves.toBe('Continuity');
    // A chip in a table cell opens its source beneath the table, and a wide table scrolls inside the answer.
    await expectPanelBeneathTable(msg, msg.locator('table td .chip').first());
    await noHorizontalScroll(page);
    expectClean(watch);
    await context.close();
  });

  async function expectPanelBeneathTable(msg: Locator, chip: Locator): Promise<void> {
    await chip.click();
    const panel = msg.locator('.cite-panel');
    await panel.waitFor({ state: 'visible' });
    expect(await panel.evaluate((p) => p.previousElementSibling?.classList.contains('table-scroll'))).toBe(true);
    const box = await placement(panel);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.visibleBottom);
  }

  it('shows a sentence the server flags, through the LLM stand-in, streamed without replacing finished items', async () => {
    const { page, context, watch } = await open('/', DESKTOP, llmServer.url);
    // Watch the streamed list: once an item is finished, the same element must stay on screen.
    await page.evaluate(() => {
      const w = window as unknown as { __renders: number; __first: Element | null; __kept: boolean | null };
      w.__renders = 0;
      w.__first = null;
      w.__kept = null;
      new MutationObserver(() => {
        const body = document.querySelector('.answer__body--streaming');
        if (!body) return;
        w.__renders += 1;
        const items = body.querySelectorAll('li');
        if (items.length >= 2 && !w.__first) w.__first = items[0];
        if (w.__first && items.length >= 3) w.__kept = items[0] === w.__first && w.__first.isConnected;
      }).observe(document.querySelector('.log') as Node, { subtree: true, childList: true, characterData: true });
    });
    await ask(page, CARRIERS);
    const msg = await answer(page, 0);
    const stream = await page.evaluate(() => {
      const w = window as unknown as { __renders: number; __kept: boolean | null };
      return { renders: w.__renders, kept: w.__kept };
    });
    expect(stream.renders, 'rendered progressively').toBeGreaterThan(3);
    expect(stream.kept, 'a finished list item is never replaced while streaming').toBe(true);

    await expect(msg.textContent()).resolves.toContain('Answered by LLM');
    const flagged = msg.locator('mark.flagged');
    await expect(flagged.first().textContent()).resolves.toContain('The moon is made of green cheese');
    expect(await flagged.first().getAttribute('title')).toMatch(/support|words are in/i);
    expect(await flagged.first().evaluate((m) => getComputedStyle(m).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
    const note = msg.locator('.flag-note').first();
    expect(await note.getAttribute('aria-label')).toMatch(/^Flagged: .+(?:support|words are in)/i);
    // The reason shows on focus (and on hover), in the text, next to the sentence.
    const reason = msg.locator('.flag-reason').first();
    expect(await reason.isVisible()).toBe(false);
    await note.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await reason.isVisible()).toBe(true);
    await note.hover();
    expect(await reason.isVisible()).toBe(true);
    // The chip of the flagged sentence says so in its name; the supported items are not flagged.
    const flaggedChip = msg.locator('li', { hasText: 'green cheese' }).locator('.chip');
    expect(await flaggedChip.getAttribute('class')).toContain('chip--flagged');
    expect(await flaggedChip.getAttribute('aria-label')).toMatch(/flagged: .*(?:support|words are in)/i);
    expect(await msg.locator('li', { hasText: 'return costs' }).locator('mark.flagged').count()).toBe(0);
    expectClean(watch);
    await context.close();
  });

  it('shows the full flag contract: a quote not in its source, a failed citation, a flag it cannot place', async () => {
    const { page, context, watch } = await open('/');
    const sentence = 'Carriers must pay “a fixed fine of 5000 euros” for each passenger [1].';
    await stubReply(page, {
      answer: `${sentence}\n\nSanctions against carriers are recommended [2].`,
      citations: [
        citationOf(1, 'rec-18', 'Recommendation 18', {
          valid: false,
          problem: 'quote not found in prague-1997:rec-18',
        }),
        citationOf(2, 'rec-17', 'Recommendation 17'),
      ],
      grounded: true,
      mode: 'llm',
      unsupported: [sentence],
      flags: [
        {
          code: 'QUOTE_NOT_IN_SOURCE',
          text: sentence,
          reason: 'The words “a fixed fine of 5000 euros” are not in Recommendation 18.',
          citations: [1],
        },
        {
          code: 'UNIT_NOT_CITED',
          text: 'A sentence that is not there at all.',
          reason: 'Recommendation 99 is not cited.',
          citations: [],
        },
      ],
    });
    await ask(page, 'What fine do carriers pay?');
    const msg = await answer(page, 0);
    expect(await msg.locator('mark.flagged').count()).toBe(1);
    await expect(msg.locator('mark.flagged').textContent()).resolves.toContain('a fixed fine of 5000 euros');
    expect(await msg.locator('.flag-note').getAttribute('aria-label')).toBe(
      'Flagged: Quote not in source. The words “a fixed fine of 5000 euros” are not in Recommendation 18.',
    );
    const chip = msg.locator('.chip[data-n="1"]');
    expect(await chip.getAttribute('class')).toMatch(/chip--invalid/);
    expect(await chip.getAttribute('aria-label')).toBe(
      'Prague 1997 · Rec. 18 (not verified: quote not found in prague-1997:rec-18; flagged: The words “a fixed fine of 5000 euros” are not in Recommendation 18.)',
    );
    expect(await msg.locator('.chip[data-n="2"]').getAttribute('aria-label')).toBeNull();
    await chip.click();
    await expect(msg.locator('.cite-panel__warn').textContent()).resolves.toBe(
      'Not verified: quote not found in prague-1997:rec-18',
    );
    // The flag whose sentence is not in the answer is listed below it rather than lost.
    await expect(msg.locator('.flag-list').textContent()).resolves.toContain('Recommendation 99 is not cited.');
    expectClean(watch);
    await context.close();
  });

  it('styles a partial answer as partial, its caveat flagged with the reason', async () => {
    const { page, context, watch } = await open('/');
    await ask(page, HOW_MANY);
    const msg = await answer(page, 0);
    expect(await msg.getAttribute('class')).toContain('msg--partial');
    await expect(msg.locator('.partial-badge').textContent()).resolves.toBe('Partial answer');
    const caveat = msg.locator('mark.flagged--specific-not-stated');
    await expect(caveat.textContent()).resolves.toMatch(/^The documents do not state a number for this/);
    expect(await msg.locator('.flag-note').getAttribute('aria-label')).toMatch(/No cited passage states a number/);
    expect(await msg.locator('.chip').count()).toBeGreaterThan(0);
    expectClean(watch);
    await context.close();
  });

  it('copies the answer with numbered footnotes: reference, quote, link', async () => {
    const { page, context, watch } = await open('/');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.url });
    await ask(page, RETURN_1997_2009);
    const msg = await answer(page, 0);
    // One footnote per citation, however often its chip appears.
    const n = new Set(await msg.locator('.chip').evaluateAll((chips) => chips.map((c) => c.getAttribute('data-n'))))
      .size;
    await msg.getByRole('button', { name: 'Copy with citations' }).click();
    await expect
      .poll(() => msg.locator('.action__status').textContent(), { timeout: 5000 })
      .toBe('Copied with citations');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const [text, notes] = [copied.slice(0, copied.indexOf('\n\n[1] ')), copied.slice(copied.indexOf('\n\n[1] ') + 2)];
    // A timeline opens with the earliest document's statement, then a bullet per unit.
    expect(text).toMatch(/^(?:In )?\w+ \d+ of the Prague 1997 Recommendations/);
    expect(text).toMatch(/\n- (?:Recommendation|Consideration) \d+: .+ \[\d+\]\.\n/);
    expect(text).not.toMatch(/\*\*/);
    const lines = notes.split('\n');
    expect(lines).toHaveLength(n);
    lines.forEach((line, i) => {
      expect(line).toMatch(
        new RegExp(
          // "From 1997 to 2009" hears every document dated in the span, the Vienna 2005 meeting among them.
          `^\\[${i + 1}\\] (?:Prague (?:1997|2009)|Vienna 2005) [^.]+ \\(\\d+ \\w+ \\d{4}\\), .+\\. “.+” http://127\\.0\\.0\\.1:\\d+/documents/(?:prague-1997|prague-2009|vienna-2005)#.+$`,
        ),
      );
    });
    expectClean(watch);
    await context.close();
  });

  it('downloads the answer as Markdown and as Word, each with its footnotes', async () => {
    const { page, context, watch } = await open('/');
    await ask(page, CARRIERS);
    const msg = await answer(page, 0);

    const [markdown] = await Promise.all([
      page.waitForEvent('download'),
      msg.getByRole('button', { name: 'Download Markdown' }).click(),
    ]);
    expect(markdown.suggestedFilename()).toBe('answer.md');
    const md = await readFile((await markdown.path()) as string, 'utf8');
    expect(md).toMatch(/^# What did Prague 1997 say about carrier sanctions\?\n/);
    expect(md).toMatch(/\[\^1\]/);
    expect(md).toMatch(
      /\n\[\^1\]: Prague 1997 Recommendations \(14 Oct 1997\), Recommendation 18\. “Recommend that sanctions/,
    );
    await expect.poll(() => msg.locator('.action__status').textContent()).toBe('Downloaded answer.md');

    const [word] = await Promise.all([
      page.waitForEvent('download'),
      msg.getByRole('button', { name: 'Download Word' }).click(),
    ]);
    expect(word.suggestedFilename()).toBe('answer.docx');
    const docx = await readFile((await word.path()) as string);
    expect(docx.length).toBeGreaterThan(1000);
    const files = unzipSync(new Uint8Array(docx));
    const footnotes = strFromU8(files['word/footnotes.xml']);
    expect(footnotes).toContain('Prague 1997 Recommendations (14 Oct 1997), Recommendation 18');
    expect(strFromU8(files['word/document.xml'])).toContain('footnoteReference');
    expectClean(watch);
    await context.close();
  });

  it('keeps the question in the address, and reopens the answer from it with its documents', async () => {
    const first = await open('/');
    const req = await ask(first.page, CARRIERS);
    expect(req.postDataJSON()).toMatchObject({ question: CARRIERS });
    await answer(first.page, 0);
    const shared = first.page.url();
    expect(new URL(shared).searchParams.get('q')).toBe(CARRIERS);
    expectClean(first.watch);
    await first.context.close();

    // Someone opens the shared address: the question is asked again and answered.
    const path = `/?q=${encodeURIComponent(CARRIERS)}&documents=prague-1997`;
    const { page, context, watch } = await open('/');
    const reopened = page.waitForRequest((r) => r.url().endsWith('/api/chat') && r.method() === 'POST');
    await page.goto(path);
    expect((await reopened).postDataJSON()).toMatchObject({ question: CARRIERS, documents: ['prague-1997'] });
    const msg = await answer(page, 0);
    await expect(msg.locator('.chip').first().textContent()).resolves.toBe('Prague 1997 · Rec. 18');
    await expect(page.locator('.log .msg--user').textContent()).resolves.toContain(CARRIERS);
    await page.getByText('Search in:').click();
    expect(await page.getByLabel('Prague 1997 Recommendations').isChecked()).toBe(true);
    await expect(page.locator('.filter summary').textContent()).resolves.toMatch(/1 of \d+ documents/);
    // Back from a cited document, the address still holds the question.
    await msg.locator('.chip').first().click();
    await msg.getByRole('link', { name: /open in document/i }).click();
    await page.locator('.unit--target').waitFor();
    await page.goBack();
    await page.locator('.log .turn').first().waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe(CARRIERS);
    expectClean(watch);
    await context.close();
  });

  it('lists documents with their years and unit counts, and gives a document a table of contents', async () => {
    const { page, context, watch } = await open('/documents');
    const cards = page.locator('.doc-card');
    await cards.first().waitFor();
    // Oldest first.
    expect(await page.locator('.doc-card__year').allTextContents()).toEqual(['1997', '2005', '2009', '2019', '2023']);
    for (const meta of await page.locator('.doc-card__meta').allTextContents()) expect(meta).toMatch(/· \d+ units$/);

    await page.goto('/documents/budapest-process-30-years');
    const toc = page.getByRole('navigation', { name: 'Contents' });
    await toc.waitFor();
    const links = toc.getByRole('link');
    expect(await links.count()).toBeGreaterThan(5);
    await expect(page.locator('.doc__meta').textContent()).resolves.toMatch(/^2023 · .*\d units$/);
    const target = toc.getByRole('link', { name: 'Phase 3', exact: true });
    await target.click();
    const section = page.locator(`[id="${((await target.getAttribute('href')) ?? '').slice(1)}"]`);
    await expect.poll(() => section.evaluate((s) => Math.round(s.getBoundingClientRect().top))).toBeLessThan(60);
    expect(await page.locator('.unit--target').count()).toBe(0);
    // The contents anchor survives a reload: the section is shown, with no "no such part" notice.
    await page.reload();
    await page.locator('.doc__body').waitFor();
    expect(await page.locator('.notice').count()).toBe(0);

    await page.goto('/documents/call-for-action');
    await expect(page.locator('.doc__date-source').textContent()).resolves.toMatch(
      /^Year as stated in Budapest Process at 30: .*February 2019/,
    );
    expectClean(watch);
    await context.close();
  });

  it('serves a favicon, so no page load ends in a 404', async () => {
    const { page, context, watch } = await open('/');
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(200);
      expect((await res.body()).length).toBeGreaterThan(100);
    }
    expect(await page.locator('link[rel="icon"]').count()).toBeGreaterThan(0);
    expectClean(watch);
    await context.close();
  });
});
