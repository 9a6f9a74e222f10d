/**
 * @module web/src/answer-stream
 * An answer while it is written: tokens are appended to the answer box as they arrive (replacing its
 * "Searching…" status), withdrawn when the server resets the stream, and the newest text is kept in view
 * unless the reader has scrolled up to read something else (then the page stays where they put it).
 */
import { el, replaceChildren } from './dom.js';

export interface AnswerStream {
  onToken(text: string): void;
  /** The server withdrew what it streamed (the model failed mid-answer; the offline answer follows). */
  onReset(): void;
}

function atBottom(): boolean {
  return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 160;
}

/** Runs `update`, then scrolls to the bottom if the reader was there before it. */
export function keepingInView(update: () => void): void {
  const follow = atBottom();
  update();
  if (follow) window.scrollTo({ top: document.documentElement.scrollHeight });
}

/** Streams an answer into `answerBox`. */
export function streamInto(answerBox: HTMLElement): AnswerStream {
  let streamed: Text | null = null;
  return {
    onToken(text) {
      if (!streamed) {
        streamed = document.createTextNode('');
        replaceChildren(answerBox, el('p', { class: 'answer__text answer__text--streaming' }, streamed));
      }
      const node = streamed;
      keepingInView(() => (node.data += text));
    },
    onReset() {
      if (streamed) streamed.data = '';
    },
  };
}
