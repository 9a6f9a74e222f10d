/**
 * @module server/answer/support
 * How well a unit's words back a sentence of an answer: content-word overlap, with the index's own analyser.
 * Shared by the LLM post-processor (flagging unsupported sentences), the extractive writer (choosing
 * quotes) and the eval command, so all three judge support the same way.
 */
import { analyse } from '../../core/text/terms.js';

/**
 * Below this support score a cited sentence is reported as unsupported. Low on purpose: answers paraphrase,
 * and a false "unsupported" flag on a faithful sentence costs more trust than a missed weak one.
 */
export const SUPPORT_THRESHOLD = 0.4;

/** The stemmed content words of a text, each once, in order of first occurrence (the index's own analyser). */
export function contentWords(text: string): string[] {
  return [...new Set(analyse(text))];
}

/**
 * Share of the sentence's content words found in the unit text, in [0, 1]. A sentence with no content words
 * (e.g. only a marker; [n] markers are ignored) scores 1: there is nothing in it to be unsupported.
 */
export function supportScore(sentence: string, unitText: string): number {
  return supportScoreIn(sentence, new Set(contentWords(unitText)));
}

/** As supportScore, against the content words of the unit text, computed once for many sentences. */
export function supportScoreIn(sentence: string, unit: ReadonlySet<string>): number {
  // Citation markers are not claims; "18" in "[18]" must not count against (or for) the sentence.
  const claim = contentWords(sentence.replace(/\[\d+(?:\s*[,;–-]\s*\d+)*\]/g, ' '));
  if (claim.length === 0) return 1;
  let found = 0;
  for (const word of claim) if (unit.has(word)) found++;
  return found / claim.length;
}
