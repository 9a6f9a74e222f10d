/**
 * @module server/answer/support
 * How well a unit's words back a sentence of an answer: content-word overlap with light stemming.
 * Shared by the LLM post-processor (flagging unsupported sentences), the extractive writer (choosing
 * quotes) and the eval command, so all three judge support the same way.
 */

/**
 * Below this support score a cited sentence is reported as unsupported. Low on purpose: answers paraphrase,
 * and a false "unsupported" flag on a faithful sentence costs more trust than a missed weak one.
 */
export const SUPPORT_THRESHOLD = 0.4;

// Function words and the words answers use to talk about their sources; neither says anything about content.
const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be been before being below between both but by ' +
    'can could did do does doing down during each either few for from further had has have having he her here hers him ' +
    'his how i if in into is it its itself just me more most my neither no nor not of off on once only or other our ours ' +
    'out over own same she should so some such than that the their theirs them then there these they this those through ' +
    'to too under until up upon very was we were what when where which while who whom why will with within without would ' +
    'you your yours may might must shall one ones whether thereof therein whereas per via etc ie eg ' +
    'according passage passages document documents text texts say says said states stated note notes noted mention ' +
    'mentions mentioned cited cite cites'
  ).split(' '),
);

/** A light suffix stripper: enough to match "carriers"/"carrier", "fining"/"fined"/"fine", not a full stemmer. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') || w.endsWith('ied')) w = `${w.slice(0, -3)}i`;
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length - 3 >= 3) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length - 2 >= 3) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length - 2 >= 3) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 3) w = `${w.slice(0, -1)}i`;
  return w;
}

/** The stemmed content words of a text, each once, in order of first occurrence. */
export function contentWords(text: string): string[] {
  const folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  const seen = new Set<string>();
  for (const match of folded.matchAll(/[a-z0-9]+/g)) {
    const word = match[0];
    if (STOPWORDS.has(word) || (word.length < 2 && !/\d/.test(word))) continue;
    seen.add(stem(word));
  }
  return [...seen];
}

/**
 * Share of the sentence's content words found in the unit text, in [0, 1]. A sentence with no content words
 * (e.g. only a marker; [n] markers are ignored) scores 1: there is nothing in it to be unsupported.
 */
export function supportScore(sentence: string, unitText: string): number {
  // Citation markers are not claims; "18" in "[18]" must not count against (or for) the sentence.
  const claim = contentWords(sentence.replace(/\[\d+(?:\s*[,;–-]\s*\d+)*\]/g, ' '));
  if (claim.length === 0) return 1;
  const unit = new Set(contentWords(unitText));
  let found = 0;
  for (const word of claim) if (unit.has(word)) found++;
  return found / claim.length;
}

/** Whether the unit text backs the sentence well enough not to flag it. */
export function isSupported(sentence: string, unitText: string): boolean {
  return supportScore(sentence, unitText) >= SUPPORT_THRESHOLD;
}
