/**
 * @module web/src/reply-actions
 * What a reader can take away from an answer: "Copy with citations" (plain text and numbered footnotes,
 * citation-text.ts) and, for an answer with sources, "Download Markdown" and "Download Word", written by
 * the server's POST /api/export with one footnote per citation. One status line says how each went.
 */
import { ApiError, exportAnswer, type ExportFormat } from './api.js';
import { answerWithFootnotes } from './citation-text.js';
import { copyText } from './copy.js';
import { el } from './dom.js';
import { saveFile } from './download.js';
import { describeError, type Exchange } from './format.js';
import type { DocumentSummary } from './types.js';

function button(label: string, onClick: () => void): HTMLButtonElement {
  return el('button', { class: 'action', attrs: { type: 'button' }, on: { click: onClick } }, label);
}

export function replyActions({ question, reply }: Exchange, docs: readonly DocumentSummary[]): HTMLElement {
  const status = el('span', { class: 'action__status', attrs: { role: 'status' } });
  let clearing = 0;
  const say = (text: string): void => {
    status.textContent = text;
    window.clearTimeout(clearing);
    clearing = window.setTimeout(() => (status.textContent = ''), 4000);
  };

  const copy = button('Copy with citations', () => {
    void copyText(answerWithFootnotes(reply, docs, window.location.origin)).then((ok) =>
      say(ok ? 'Copied with citations' : 'Could not copy; select the text instead.'),
    );
  });

  const download = (format: ExportFormat, target: HTMLButtonElement): void => {
    target.disabled = true;
    say('Preparing the file…');
    exportAnswer(format, {
      question: reply.standaloneQuestion ?? question,
      answer: reply.answer,
      citations: reply.citations,
    })
      .then(({ blob, filename }) => {
        saveFile(blob, filename);
        say(`Downloaded ${filename}`);
      })
      .catch((err: unknown) => {
        const failure =
          err instanceof ApiError ? { status: err.status, code: err.code, message: err.message } : { status: 0 };
        say(`Could not export: ${describeError(failure)}`);
      })
      .finally(() => (target.disabled = false));
  };

  const buttons: HTMLButtonElement[] = [copy];
  if (reply.citations.length) {
    const markdown: HTMLButtonElement = button('Download Markdown', () => download('markdown', markdown));
    const word: HTMLButtonElement = button('Download Word', () => download('docx', word));
    buttons.push(markdown, word);
  }
  return el('div', { class: 'msg__actions' }, ...buttons, status);
}
