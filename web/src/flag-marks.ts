/**
 * @module web/src/flag-marks
 * Shows an answer's warnings where they are: each flagged sentence is wrapped in <mark class="flagged">
 * (its reason as the hover title), followed by a small "!" button whose accessible name is the reason and
 * which shows the reason in the text on hover, focus or press; the chips of the citations concerned are
 * handed back to be styled. A warning whose text cannot be found in the rendered answer is returned, so the
 * caller can list it instead of losing it.
 */
import { el, uid } from './dom.js';
import { WARNING_TITLES, locateShown, type AnswerWarning } from './warnings.js';

interface ShownText {
  text: string;
  pieces: { node: Text; start: number }[];
  chips: { chip: HTMLElement; at: number }[];
}

/** Elements whose text is not part of the answer's words: chips, streaming markers, the page's own notes. */
const NOT_TEXT = '.chip, .marker, .flag-note, .flag-reason, .cite-panel';

function shownText(root: Node, into: ShownText = { text: '', pieces: [], chips: [] }): ShownText {
  for (const child of root.childNodes) {
    if (child instanceof Text) {
      into.pieces.push({ node: child, start: into.text.length });
      into.text += child.data;
    } else if (child instanceof HTMLElement) {
      if (child.matches('.chip')) into.chips.push({ chip: child, at: into.text.length });
      else if (!child.matches(NOT_TEXT)) {
        shownText(child, into);
        // Blocks end with a line break, so a flagged sentence never seems to run on into the next block.
        if (isBlock(child)) into.text += '\n';
      }
    }
  }
  return into;
}

function isBlock(node: HTMLElement): boolean {
  return /^(?:P|LI|H[1-6]|TD|TH|TR|BLOCKQUOTE|PRE|DIV|UL|OL|TABLE)$/.test(node.tagName);
}

/** Wraps [start, end) of the shown text in marks, one per text node it touches; returns them in order. */
function wrapRange(shown: ShownText, start: number, end: number, warning: AnswerWarning): HTMLElement[] {
  const marks: HTMLElement[] = [];
  for (const { node, start: at } of shown.pieces) {
    const from = Math.max(start, at);
    const to = Math.min(end, at + node.data.length);
    if (from >= to || !node.data.slice(from - at, to - at).trim()) continue;
    let middle = node;
    if (from > at) middle = middle.splitText(from - at);
    if (to < at + node.data.length) middle.splitText(to - from);
    const mark = el('mark', {
      class: `flagged flagged--${warning.code.toLowerCase().replace(/_/g, '-')}`,
      attrs: { title: warning.reason },
    });
    middle.replaceWith(mark);
    mark.append(middle);
    marks.push(mark);
  }
  return marks;
}

/** The "!" after a flagged sentence, and the reason it reveals. */
function flagNote(warning: AnswerWarning): HTMLElement[] {
  const reasonId = uid('flag-reason');
  const title = WARNING_TITLES[warning.code];
  const button = el(
    'button',
    {
      class: 'flag-note',
      attrs: {
        type: 'button',
        'aria-label': `Flagged: ${title}. ${warning.reason}`,
        'aria-expanded': 'false',
        'aria-controls': reasonId,
        title: warning.reason,
      },
    },
    '!',
  );
  const reason = el('span', { class: 'flag-reason', attrs: { id: reasonId } }, `${title}: ${warning.reason}`);
  button.addEventListener('click', () => {
    button.setAttribute('aria-expanded', String(button.getAttribute('aria-expanded') !== 'true'));
  });
  return [button, reason];
}

export interface MarkedWarnings {
  /** Warnings whose text is not in the rendered answer. */
  unplaced: AnswerWarning[];
  /** Chips that a warning concerns, with the warning. */
  chips: { chip: HTMLElement; warning: AnswerWarning }[];
}

// After a sentence, what may stand between its last word and its markers: "costs.” [1]".
const TRAILING = /^[\s.,;:!?)\]”’"'…]*/;

export function markWarnings(body: HTMLElement, warnings: readonly AnswerWarning[]): MarkedWarnings {
  const result: MarkedWarnings = { unplaced: [], chips: [] };
  for (const warning of warnings) {
    // Read afresh for each warning: marking the previous one split text nodes.
    const shown = shownText(body);
    const range = locateShown(shown.text, warning.text);
    if (!range) {
      result.unplaced.push(warning);
      continue;
    }
    const end = range.end + (TRAILING.exec(shown.text.slice(range.end))?.[0].length ?? 0);
    for (const { chip, at } of shown.chips) {
      if (at >= range.start && at <= end && warning.citations.includes(Number(chip.dataset.n))) {
        result.chips.push({ chip, warning });
      }
    }
    const marks = wrapRange(shown, range.start, range.end, warning);
    const last = marks[marks.length - 1];
    if (!last) {
      result.unplaced.push(warning);
      continue;
    }
    // The note goes after the sentence's markers, so the chips stay next to the words they cite.
    let after: ChildNode = last;
    for (let next = after.nextSibling; next; next = next.nextSibling) {
      const isChip = next instanceof HTMLElement && next.matches('.chip');
      const isGap = next instanceof Text && TRAILING.exec(next.data)?.[0].length === next.data.length;
      if (!isChip && !isGap) break;
      after = next;
    }
    after.after(...flagNote(warning));
  }
  return result;
}
