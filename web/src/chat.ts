/**
 * @module web/src/chat
 * The chat view: sample questions, the conversation, the question box with its document filter, and each
 * answer with citation chips, mode/notice line and "Copy answer". The view is built once and kept while
 * the reader visits a cited document, so coming back finds the conversation (and its history) intact.
 */
import { ApiError, askStreaming } from './api.js';
import { copyText } from './copy.js';
import { el, replaceChildren, uid } from './dom.js';
import {
  DECLINE_MESSAGE,
  type Exchange,
  chipLabel,
  citationHref,
  collapseWhitespace,
  describeError,
  docShortTitle,
  historyFrom,
  mentionsDecline,
  modeLabel,
  safeHref,
  segmentAnswer,
  answerAsPlainText,
} from './format.js';
import type { ChatReply, Citation, DocumentSummary } from './types.js';

export const SAMPLE_QUESTIONS = [
  'What did Prague 1997 say about carrier sanctions?',
  'How should airlines check travel documents?',
  'What does the Call for Action say about human trafficking?',
  'How did the position on return and readmission change from 1997 to 2009?',
];

function truncate(text: string, max: number): string {
  const t = collapseWhitespace(text);
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max * 0.6 ? space : max)}…`;
}

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
  /** Set while focus is moved back to a chip on closing its panel, so the focus does not reopen it. */
  private restoringFocus = false;

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

  /** Asks a question: shows it, streams the answer into the log, and on failure puts the question back. */
  async ask(question: string): Promise<void> {
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

    let streamed: Text | null = null;
    // Keep the newest text in view while it is written, unless the reader has scrolled up to read
    // something else (then leave the page where they put it).
    const atBottom = (): boolean => window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 160;
    const toBottom = (): void => window.scrollTo({ top: document.documentElement.scrollHeight });
    const onToken = (text: string): void => {
      if (!streamed) {
        streamed = document.createTextNode('');
        replaceChildren(answerBox, el('p', { class: 'answer__text answer__text--streaming' }, streamed));
      }
      const follow = atBottom();
      streamed.data += text;
      if (follow) toBottom();
    };

    try {
      const reply = await askStreaming({
        question,
        history: historyFrom(this.exchanges),
        documents: this.selectedDocuments(),
        onToken,
        onReset: () => {
          if (streamed) streamed.data = '';
        },
      });
      this.exchanges.push({ question, reply });
      const follow = atBottom();
      replaceChildren(message, ...this.renderReply(reply));
      message.setAttribute('aria-busy', 'false');
      if (follow) toBottom();
    } catch (err) {
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

  /** The finished answer: text with chips, the source panel, closest matches when declined, meta line. */
  private renderReply(reply: ChatReply): Node[] {
    const nodes: Node[] = [];
    if (reply.grounded) {
      const panel = el('div', { class: 'cite-panel', attrs: { id: uid('cite-panel'), hidden: true } });
      nodes.push(this.renderAnswerText(reply, panel), panel);
    } else {
      nodes.push(el('p', { class: 'answer__text decline' }, DECLINE_MESSAGE));
      const extra = reply.answer.trim();
      if (extra && !mentionsDecline(extra)) nodes.push(el('p', { class: 'answer__text muted' }, extra));
      const matches = reply.closestMatches ?? [];
      if (matches.length) {
        nodes.push(
          el(
            'div',
            { class: 'closest' },
            el('h3', { class: 'closest__title' }, 'Closest matches'),
            el(
              'ul',
              { class: 'closest__list' },
              ...matches.map((m) =>
                el(
                  'li',
                  null,
                  el('a', { attrs: { href: safeHref(m.url) } }, m.label || 'Passage'),
                  ' — ',
                  el('span', { class: 'closest__doc' }, docShortTitle(this.docs, m.documentId, m.documentTitle)),
                  m.text ? el('p', { class: 'closest__text' }, truncate(m.text, 180)) : null,
                ),
              ),
            ),
          ),
        );
      }
    }
    nodes.push(this.renderMeta(reply));
    return nodes;
  }

  private renderAnswerText(reply: ChatReply, panel: HTMLElement): HTMLElement {
    const text = el('p', { class: 'answer__text' });
    const chips: HTMLButtonElement[] = [];
    const cited = new Set<number>();
    const chip = (c: Citation): HTMLButtonElement => {
      const b = el(
        'button',
        {
          class: c.valid ? 'chip' : 'chip chip--invalid',
          attrs: { type: 'button', 'aria-expanded': 'false', 'aria-controls': panel.id, 'data-n': c.n },
        },
        chipLabel(c, this.docs),
      );
      const open = (): void => this.showCitation(c, b, chips, panel);
      b.addEventListener('focus', () => {
        if (!this.restoringFocus) open();
      });
      b.addEventListener('click', open);
      chips.push(b);
      return b;
    };
    for (const seg of segmentAnswer(reply.answer, reply.citations)) {
      if (seg.type === 'text') text.append(seg.text);
      else {
        cited.add(seg.n);
        text.append(chip(seg.citation));
      }
    }
    // A citation the answer never marks would otherwise be invisible; list it so every source is reachable.
    const unmarked = reply.citations.filter((c) => !cited.has(c.n));
    if (unmarked.length) {
      text.append(el('span', { class: 'also-cited' }, ' Also cited: '), ...unmarked.map(chip));
    }
    return text;
  }

  /** Fills the answer's source panel with one citation and marks its chip as the expanded one. */
  private showCitation(c: Citation, chip: HTMLButtonElement, chips: HTMLButtonElement[], panel: HTMLElement): void {
    for (const other of chips) other.setAttribute('aria-expanded', String(other === chip));
    if (!panel.hidden && panel.dataset.n === String(c.n)) return;
    panel.dataset.n = String(c.n);
    const close = (): void => {
      panel.hidden = true;
      chip.setAttribute('aria-expanded', 'false');
      this.restoringFocus = true;
      chip.focus({ preventScroll: true });
      this.restoringFocus = false;
    };
    const titleId = uid('cite-title');
    replaceChildren(
      panel,
      el(
        'div',
        { class: 'cite-panel__head' },
        el(
          'p',
          { class: 'cite-panel__title', attrs: { id: titleId } },
          el('strong', null, c.label || 'Passage'),
          ' · ',
          docShortTitle(this.docs, c.documentId, c.documentTitle),
        ),
        el(
          'button',
          { class: 'cite-panel__close', attrs: { type: 'button', 'aria-label': 'Close source' }, on: { click: close } },
          '×',
        ),
      ),
      c.section ? el('p', { class: 'cite-panel__section' }, c.section) : null,
      el('blockquote', { class: 'cite-panel__quote' }, collapseWhitespace(c.quote || c.text)),
      c.valid
        ? null
        : el('p', { class: 'cite-panel__warn' }, 'This citation could not be verified against the documents.'),
      el(
        'p',
        { class: 'cite-panel__foot' },
        el('a', { class: 'cite-panel__link', attrs: { href: citationHref(c) } }, 'Open in document'),
        c.page !== null ? el('span', { class: 'muted' }, ` · page ${c.page}`) : null,
      ),
    );
    panel.setAttribute('role', 'region');
    panel.setAttribute('aria-labelledby', titleId);
    panel.onkeydown = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') close();
    };
    chip.onkeydown = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !panel.hidden) {
        panel.hidden = true;
        chip.setAttribute('aria-expanded', 'false');
      }
    };
    panel.hidden = false;
  }

  private renderMeta(reply: ChatReply): HTMLElement {
    const copy = el('button', { class: 'copy', attrs: { type: 'button' } }, 'Copy answer');
    const status = el('span', { class: 'copy__status', attrs: { role: 'status' } });
    copy.addEventListener('click', () => {
      void copyText(answerAsPlainText(reply, this.docs)).then((ok) => {
        status.textContent = ok ? 'Copied' : 'Could not copy; select the text instead.';
        window.setTimeout(() => (status.textContent = ''), 2500);
      });
    });
    return el(
      'footer',
      { class: 'msg__meta' },
      el('p', { class: `mode mode--${reply.mode}` }, modeLabel(reply.mode)),
      reply.notice ? el('p', { class: 'notice' }, reply.notice) : null,
      el('p', { class: 'msg__actions' }, copy, ' ', status),
    );
  }
}
