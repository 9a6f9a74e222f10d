/**
 * @module web/src/chat
 * The chat view: sample questions, the conversation, and the question box with its document filter. Each
 * answer streams in (answer-stream.ts) and is then shown with its citation chips, source panel, warnings,
 * mode/notice line and take-away actions (reply.ts). The address bar holds the last question
 * ("/?q=…&documents=…"), so an answer can be shared and reopened. The view is built once and kept while the
 * reader visits a cited document, so coming back finds the conversation (and its history) intact.
 */
import { ApiError, askStreaming } from './api.js';
import { keepingInView, streamInto } from './answer-stream.js';
import { isPartial } from './cited-answer.js';
import { el, replaceChildren, uid } from './dom.js';
import { describeError, historyFrom, type Exchange } from './format.js';
import { renderReply } from './reply.js';
import { chatHref } from './router.js';
import type { DocumentSummary } from './types.js';

export const SAMPLE_QUESTIONS = [
  'What did Prague 1997 say about carrier sanctions?',
  'How should airlines check travel documents?',
  'Give me a cited summary of what the documents say about return and readmission across all documents',
  'How did the position on return and readmission change from 1997 to 2009?',
];

export class ChatView {
  readonly root: HTMLElement;
  private readonly log: HTMLElement;
  private readonly intro: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly input: HTMLTextAreaElement;
  private readonly send: HTMLButtonElement;
  private readonly filterList: HTMLElement;
  private readonly filterSummary: HTMLElement;
  private readonly exchanges: Exchange[] = [];
  private docs: DocumentSummary[] = [];
  private busy = false;
  /** Documents to tick in the filter once it is built (from a reopened address). */
  private pendingDocuments: string[] = [];
  /** The address of the last answer: "/?q=…". */
  private lastHref: string | null = null;

  constructor(docs: Promise<DocumentSummary[]>) {
    this.intro = el(
      'div',
      { class: 'intro' },
      el(
        'p',
        { class: 'intro__lead' },
        'Ask about the Budapest Process documents. Every answer cites the recommendation, paragraph or action it rests on.',
      ),
      el('h2', { class: 'intro__samples-title' }, 'Try a question'),
      el(
        'ul',
        { class: 'samples' },
        ...SAMPLE_QUESTIONS.map((q) =>
          el(
            'li',
            null,
            el('button', { class: 'sample', attrs: { type: 'button' }, on: { click: () => void this.ask(q) } }, q),
          ),
        ),
      ),
    );
    // role=log is an implicit polite live region; set explicitly for older screen readers. Each answer is
    // aria-busy while it streams, so it is announced once complete rather than token by token.
    this.log = el('div', {
      class: 'log',
      attrs: { role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions text', 'aria-label': 'Conversation' },
    });

    const inputId = uid('question');
    const hintId = uid('question-hint');
    this.input = el('textarea', {
      class: 'composer__input',
      attrs: {
        id: inputId,
        name: 'question',
        rows: 2,
        'aria-describedby': hintId,
        autocomplete: 'off',
        spellcheck: 'true',
      },
      on: { keydown: (e) => this.onKeyDown(e) },
    });
    this.send = el('button', { class: 'composer__send', attrs: { type: 'submit' } }, 'Ask');
    this.filterSummary = el('span', null, 'All documents');
    this.filterList = el('div', { class: 'filter__list' }, el('p', { class: 'muted' }, 'Loading documents…'));
    const filter = el(
      'details',
      { class: 'filter' },
      el('summary', null, 'Search in: ', this.filterSummary),
      el(
        'fieldset',
        { class: 'filter__set' },
        el('legend', null, 'Only these documents (none ticked = all)'),
        this.filterList,
      ),
    );
    this.form = el(
      'form',
      {
        class: 'composer',
        attrs: { 'aria-label': 'Ask a question', novalidate: true },
        on: { submit: (e) => this.onSubmit(e) },
      },
      el(
        'div',
        { class: 'composer__head' },
        el('label', { class: 'composer__label', attrs: { for: inputId } }, 'Your question'),
        filter,
      ),
      el('div', { class: 'composer__row' }, this.input, this.send),
      el('p', { class: 'composer__hint', attrs: { id: hintId } }, 'Enter to send · Shift+Enter for a new line'),
    );

    this.root = el(
      'section',
      { class: 'chat', attrs: { 'aria-labelledby': 'app-chat-title' } },
      el(
        'h1',
        { class: 'visually-hidden', attrs: { id: 'app-chat-title', tabindex: -1 } },
        'Ask the Budapest Process documents',
      ),
      this.intro,
      this.log,
      this.form,
    );

    // The question box is pinned to the bottom of the window: the page's bottom scroll padding follows its
    // height, so focused chips and opened sources are scrolled clear of it (citation-panel.ts reads it).
    new ResizeObserver(() => {
      document.documentElement.style.setProperty('--composer-height', `${this.form.offsetHeight}px`);
    }).observe(this.form);

    docs.then(
      (list) => {
        this.docs = list;
        this.renderFilter();
      },
      () => replaceChildren(this.filterList, el('p', { class: 'muted' }, 'The document list could not be loaded.')),
    );
  }

  focusInput(): void {
    this.input.focus();
  }

  /** The address of the last answer, or null before the first. */
  get href(): string | null {
    return this.lastHref;
  }

  /** Asks the question of a shared address ("/?q=…&documents=…"), with its documents ticked in the filter. */
  reopen(question: string, documents: readonly string[]): void {
    this.pendingDocuments = [...documents];
    this.tickPending();
    void this.ask(question, [...documents]);
  }

  private tickPending(): void {
    if (!this.pendingDocuments.length) return;
    const boxes = [...this.filterList.querySelectorAll<HTMLInputElement>('input[name="documents"]')];
    if (!boxes.length) return;
    for (const box of boxes) box.checked = this.pendingDocuments.includes(box.value);
    this.pendingDocuments = [];
    this.updateFilterSummary();
  }

  private renderFilter(): void {
    if (!this.docs.length) {
      replaceChildren(this.filterList, el('p', { class: 'muted' }, 'No documents are available.'));
      return;
    }
    replaceChildren(
      this.filterList,
      ...this.docs.map((d) =>
        el(
          'label',
          { class: 'filter__item' },
          el('input', {
            attrs: { type: 'checkbox', name: 'documents', value: d.id },
            on: { change: () => this.updateFilterSummary() },
          }),
          ' ',
          d.shortTitle || d.title,
        ),
      ),
    );
    this.tickPending();
  }

  private selectedDocuments(): string[] {
    return [...this.filterList.querySelectorAll<HTMLInputElement>('input[name="documents"]:checked')].map(
      (i) => i.value,
    );
  }

  private updateFilterSummary(): void {
    const n = this.selectedDocuments().length;
    this.filterSummary.textContent =
      n === 0 ? 'All documents' : `${n} of ${this.docs.length} document${this.docs.length === 1 ? '' : 's'}`;
  }

  private onKeyDown(e: KeyboardEvent): void {
    // Enter sends, Shift+Enter is a new line; never while an IME is composing (Enter confirms the text).
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.altKey) return;
    e.preventDefault();
    this.form.requestSubmit();
  }

  private onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const question = this.input.value.trim();
    if (!question) {
      this.input.focus();
      return;
    }
    void this.ask(question);
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    this.send.disabled = busy;
    this.send.textContent = busy ? 'Asking…' : 'Ask';
    this.form.setAttribute('aria-busy', String(busy));
  }

  /**
   * Asks a question: shows it, streams the answer into the log, puts its address in the address bar, and on
   * failure puts the question back. `documents` defaults to those ticked in the filter.
   */
  async ask(question: string, documents: string[] = this.selectedDocuments()): Promise<void> {
    if (this.busy) return;
    this.setBusy(true);
    this.intro.hidden = true;
    this.input.value = '';

    const answerBox = el(
      'div',
      { class: 'answer' },
      el('p', { class: 'answer__status muted' }, 'Searching the documents…'),
    );
    const message = el(
      'article',
      { class: 'msg msg--assistant', attrs: { 'aria-busy': 'true', 'aria-label': 'Answer' } },
      answerBox,
    );
    const turn = el(
      'div',
      { class: 'turn' },
      el('p', { class: 'msg msg--user' }, el('span', { class: 'visually-hidden' }, 'You asked: '), question),
      message,
    );
    this.log.append(turn);
    message.scrollIntoView({ block: 'nearest' });

    const stream = streamInto(answerBox, turn);

    try {
      const reply = await askStreaming({
        question,
        history: historyFrom(this.exchanges),
        documents,
        onToken: stream.onToken,
        onReset: stream.onReset,
      });
      stream.stop();
      const exchange: Exchange = { question, reply };
      this.exchanges.push(exchange);
      keepingInView(() => {
        replaceChildren(message, ...renderReply(exchange, this.docs));
        if (isPartial(reply)) message.classList.add('msg--partial');
        message.setAttribute('aria-busy', 'false');
      }, turn);
      // A follow-up is shared as the standalone question the server searched, which reads on its own.
      this.lastHref = chatHref(reply.standaloneQuestion ?? question, documents);
      if (location.pathname === '/' || location.pathname === '/index.html') {
        history.replaceState(null, '', this.lastHref);
      }
    } catch (err) {
      stream.stop();
      const failure =
        err instanceof ApiError
          ? { status: err.status, code: err.code, message: err.message }
          : { status: 0, code: 'NETWORK', message: err instanceof Error ? err.message : String(err) };
      message.className = 'msg msg--error';
      message.setAttribute('aria-busy', 'false');
      message.setAttribute('aria-label', 'Error');
      replaceChildren(
        message,
        el('p', { attrs: { role: 'alert' } }, describeError(failure)),
        el('p', { class: 'msg__hint' }, 'Your question is still in the box below; press Enter to try again.'),
      );
      turn.classList.add('turn--failed');
      // Keep the question: put it back unless the reader has started typing another one meanwhile.
      if (!this.input.value.trim()) this.input.value = question;
      this.input.focus();
    } finally {
      this.setBusy(false);
    }
  }
}
