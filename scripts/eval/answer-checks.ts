/**
 * @module scripts/eval/answer-checks
 * How an answer reads, beyond which units it cites (issues #14 and #15): whether a grounded answer opens with a
 * statement of its own that carries a marker, whether the quote holds the asked-for fact, whether a summary or
 * list cites every unit and document a careful reader would insist on, and whether any quote carries OCR
 * debris. Pure: scored per question, summed per question kind.
 */
import { debrisSpans } from '../../core/text/debris.js';
import { foldForCompare } from '../../core/text/fold.js';
import type { ChatReply } from '../../server/answer/types.js';
import type { GoldQuestion } from './gold-set.js';
import { mean, round } from './metrics.js';

export interface AnswerChecks {
  kind: string | null;
  /** Grounded: the first sentence carries a marker and is not mostly quotation. */
  directAnswer: boolean | null;
  /** Asked for an amount, count, date or body and answered: a cited quote holds one of `answerText`. */
  answerBearingQuote: boolean | null;
  /** Two or more documents to cite (`citeDocuments`), answered: every one of them cited. */
  everyDocumentCited: boolean | null;
  /** With `required`: the share of those units cited (0 when declined). */
  requiredRecall: number | null;
  /** With `required`: every one cited. */
  requiredComplete: boolean | null;
  /** Quotes with OCR debris in them. */
  debrisQuotes: number;
}

/** The first sentence of an answer: up to the first line break or sentence end after a marker. */
export function openingSentence(answer: string): string {
  // "Yes." or "No." before the statement is part of it.
  const firstLine = (answer.split(/\n/)[0] ?? '').replace(/^(?:Yes|No)\.\s+/, '');
  // "recommendation No. 15 of 1987", "Art. 31", "ASEAN, etc. can further…": a full stop before a number or a
  // lower-case word is an abbreviation's, not a sentence's end.
  const m = /^.*?(?:\[\d+\][.!?]?|[.!?](?!\s+[\da-z]))(?=\s|$)/.exec(firstLine);
  return (m?.[0] ?? firstLine).trim();
}

/** Whether more than half of a sentence's characters stand inside quotation marks. */
function mostlyQuotation(sentence: string): boolean {
  let quoted = 0;
  for (const [open, close] of [
    ['“', '”'],
    ['"', '"'],
  ]) {
    for (let at = sentence.indexOf(open); at >= 0;) {
      const end = sentence.indexOf(close, at + 1);
      if (end < 0) break;
      quoted += end - at + 1;
      at = sentence.indexOf(open, end + 1);
    }
  }
  return quoted > sentence.length / 2;
}

const folded = (s: string) => foldForCompare(s).toLowerCase();

export function checkAnswer(q: GoldQuestion, reply: ChatReply): AnswerChecks {
  const cited = new Set(reply.citations.map((c) => c.id));
  const citedDocs = new Set(reply.citations.map((c) => c.documentId));
  const opening = openingSentence(reply.answer);
  const specific =
    q.answerable && q.answerText?.length && ['amount', 'count', 'date', 'body'].includes(q.answerKind ?? '');
  const required = q.required ?? null;
  return {
    kind: q.kind ?? null,
    directAnswer: reply.grounded ? /\[\d+\]/.test(opening) && !mostlyQuotation(opening) : null,
    answerBearingQuote:
      specific && reply.grounded
        ? reply.citations.some((c) => (q.answerText ?? []).some((t) => folded(c.quote).includes(folded(t))))
        : null,
    everyDocumentCited:
      q.answerable && (q.citeDocuments?.length ?? 0) >= 2 && reply.grounded
        ? (q.citeDocuments ?? []).every((d) => citedDocs.has(d))
        : null,
    requiredRecall:
      q.answerable && required?.length
        ? reply.grounded
          ? required.filter((id) => cited.has(id)).length / required.length
          : 0
        : null,
    requiredComplete: q.answerable && required?.length ? reply.grounded && required.every((id) => cited.has(id)) : null,
    debrisQuotes: reply.citations.filter((c) => debrisSpans(c.quote).length > 0).length,
  };
}

export interface AnswerFigures {
  directAnswer: { answers: number; rate: number };
  answerBearingQuote: { answers: number; rate: number };
  everyDocumentCited: { answers: number; rate: number };
  /** Summaries, briefings and timelines (`intent` summary/timeline) and enumerations, by their `required` units. */
  required: { questions: number; recall: number; completeRate: number };
  debrisQuotes: number;
}

const ratio = (flags: (boolean | null)[]) => {
  const known = flags.filter((f): f is boolean => f !== null);
  return { answers: known.length, rate: round(mean(known.map((f) => (f ? 1 : 0)))) };
};

export function summariseChecks(checks: readonly AnswerChecks[]): AnswerFigures {
  const recalls = checks.map((c) => c.requiredRecall).filter((r): r is number => r !== null);
  return {
    directAnswer: ratio(checks.map((c) => c.directAnswer)),
    answerBearingQuote: ratio(checks.map((c) => c.answerBearingQuote)),
    everyDocumentCited: ratio(checks.map((c) => c.everyDocumentCited)),
    required: {
      questions: recalls.length,
      recall: round(mean(recalls)),
      completeRate: ratio(checks.map((c) => c.requiredComplete)).rate,
    },
    debrisQuotes: checks.reduce((n, c) => n + c.debrisQuotes, 0),
  };
}
