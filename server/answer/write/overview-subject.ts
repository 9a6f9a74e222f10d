/**
 * @module server/answer/write/overview-subject
 * What an overview question is about, so that its opening defines that and not something else: "tell me about
 * the Call for Action" is not answered by "the Budapest Process is a 'young' migration dialogue", a definition
 * of the Process that the history recounting the Call for Action happens to hold.
 */
import { analyse } from '../../../core/text/terms.js';
import type { QueryPlan } from '../../plan/types.js';
import type { SearchHit } from '../../retrieve/types.js';
import { DEFINITION } from '../answer-first.js';
import { cleanSpans } from '../citation.js';

/**
 * The terms that name an overview's subject: the topic's own terms and their glossary equivalents, or, when the
 * question named one document and nothing else, the terms of that document's short title ("call", "action")
 * but the corpus's subject and numbers ("Budapest Process at 30" is not named by every sentence on the Budapest
 * Process).
 */
export function overviewSubject(
  plan: QueryPlan,
  hits: readonly SearchHit[],
  corpusSubject: ReadonlySet<string>,
): ReadonlySet<string> {
  const { concepts, named } = plan.reading;
  if (concepts.length > 0) return new Set(concepts.flatMap((c) => [...c.terms, ...c.equivalents.flat()]));
  if (named.length !== 1) return new Set();
  const meta = hits.find((h) => h.document.id === named[0])?.document;
  // A year or number alone ("… at 30", "Prague 2009 …") names no subject a sentence would define.
  return new Set(meta ? analyse(meta.shortTitle).filter((t) => !corpusSubject.has(t) && !/^\d+$/.test(t)) : []);
}

/** Whether a sentence names the subject (always, for an overview with no subject of its own). */
export function namesSubject(sentence: string, subject: ReadonlySet<string>): boolean {
  return subject.size === 0 || analyse(sentence).some((t) => subject.has(t));
}

/** Whether a sentence says what the subject is ("The Budapest Process is a state-led dialogue"). */
export function definesSubject(sentence: string, subject: ReadonlySet<string>): boolean {
  return DEFINITION.test(sentence) && namesSubject(sentence, subject);
}

/**
 * The hit an overview opens with: the first whose text defines the subject, else the first that names it in a
 * sentence, else the first (always the first when the overview has no subject of its own).
 */
export function overviewOpening(cited: readonly SearchHit[], subject: ReadonlySet<string>): SearchHit | undefined {
  if (subject.size === 0) return cited[0];
  const sentences = (h: SearchHit) => cleanSpans(h.unit.text).map((s) => s.text);
  return (
    cited.find((h) => sentences(h).some((s) => definesSubject(s, subject))) ??
    cited.find((h) => sentences(h).some((s) => namesSubject(s, subject))) ??
    cited[0]
  );
}
