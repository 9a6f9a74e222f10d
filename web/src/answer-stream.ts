/**
 * @module web/src/answer-stream
 * An answer while it is written. Tokens are gathered and, once per animation frame, the text so far is
 * rendered as markdown (markers shown as "[n]" until the citations arrive) and merged into what is already on
 * screen: finished paragraphs and list items are left untouched and only the growing end changes, so the
 * answer builds up without flicker. The page follows the newest text while the reader stays at the bottom,
 * but never past the start of the answer: a long answer is read from its beginning, on a phone too.
 */
import { renderAnswerMarkdown } from './answer-html.js';
import { el, replaceChildren } from './dom.js';

export interface AnswerStream {
  onToken(text: string): void;
  /** The server withdrew what it streamed (the model failed mid-answer; the offline answer follows). */
  onReset(): void;
  /** Stops rendering: the finished answer replaces the streamed one. */
  stop(): void;
}

function atBottom(): boolean {
  return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 160;
}

/**
 * Runs `update`, then, if the reader was at the bottom before it, scrolls down to the new bottom — but no
 * further than puts `start` (the question of this turn) at the top of the window.
 */
export function keepingInView(update: () => void, start: Element): void {
  const follow = atBottom();
  update();
  if (!follow) return;
  const bottom = document.documentElement.scrollHeight - window.innerHeight;
  const startTop = window.scrollY + start.getBoundingClientRect().top - 8;
  const top = Math.min(bottom, startTop);
  if (top > window.scrollY) window.scrollTo({ top });
}

function sameElement(a: Element, b: Element): boolean {
  if (a.tagName !== b.tagName || a.attributes.length !== b.attributes.length) return false;
  return [...a.attributes].every((attr) => b.getAttribute(attr.name) === attr.value);
}

/**
 * Makes `target`'s children equal to `next`'s, touching only what differs: equal nodes stay, a text node
 * whose text grew is updated in place, an element with the same tag and attributes is merged recursively.
 */
export function mergeInto(target: Node, next: Node): void {
  const before = [...target.childNodes];
  const after = [...next.childNodes];
  after.forEach((node, i) => {
    const old = before[i];
    if (!old) target.appendChild(node);
    else if (old.isEqualNode(node)) return;
    else if (old instanceof Text && node instanceof Text) old.data = node.data;
    else if (old instanceof Element && node instanceof Element && sameElement(old, node)) mergeInto(old, node);
    else target.replaceChild(node, old);
  });
  for (const extra of before.slice(after.length)) extra.remove();
}

/** Streams an answer into `answerBox`; `start` is where following the text stops (the turn's question). */
export function streamInto(answerBox: HTMLElement, start: Element): AnswerStream {
  let text = '';
  let body: HTMLElement | null = null;
  let frame = 0;
  let stopped = false;
  const marker = (n: number): Node => el('span', { class: 'marker' }, `[${n}]`);

  const render = (): void => {
    frame = 0;
    if (stopped) return;
    if (!body) {
      body = el('div', { class: 'answer__text answer__body answer__body--streaming' });
      replaceChildren(answerBox, body);
    }
    const target = body;
    const next = renderAnswerMarkdown(text, { isCitation: () => true, marker });
    keepingInView(() => mergeInto(target, next), start);
  };
  const schedule = (): void => {
    if (!frame && !stopped) frame = window.requestAnimationFrame(render);
  };

  return {
    onToken(piece) {
      text += piece;
      schedule();
    },
    onReset() {
      text = '';
      schedule();
    },
    stop() {
      stopped = true;
      if (frame) window.cancelAnimationFrame(frame);
    },
  };
}
