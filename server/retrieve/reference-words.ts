/**
 * @module server/retrieve/reference-words
 * Rewrites the other ways people write a unit's number into the plain form parseReferences reads:
 * "the 18th recommendation", "the first recommendation", "paragraph twelve", "Recommendation XVIII",
 * "PG4 action 6", "clause f(4)" / "clause (f)(4)" / "clause f.4", and "the last paragraph". Pure text in, text out.
 */

const UNITS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const ORDINAL_UNITS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
};
const ORDINAL_TENS: Record<string, number> = {
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  sixtieth: 60,
  seventieth: 70,
  eightieth: 80,
  ninetieth: 90,
};

const alternatives = (words: Record<string, number>) => Object.keys(words).join('|');
const CARDINAL = `(?:(?:${alternatives(TENS)})(?:[-\\s](?:${alternatives(UNITS)}))?|${alternatives(UNITS)})`;
const ORDINAL =
  `(?:\\d{1,3}(?:st|nd|rd|th)|(?:${alternatives(TENS)})[-\\s](?:${alternatives(ORDINAL_UNITS)})|` +
  `${alternatives(ORDINAL_TENS)}|${alternatives(ORDINAL_UNITS)}|last|final)`;
/** Unit kinds that are numbered (clauses are lettered). */
const NUMBERED = '(recommendation|paragraph|recital|consideration|action|point|item|(?:priority\\s+)?goal)';
const ROMAN = /^(?=[ivxlc])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/;

/** "twenty-one" → 21; null for anything else. */
export function cardinalValue(words: string): number | null {
  const parts = words.split(/[-\s]+/);
  if (parts.length === 1) return UNITS[parts[0]] ?? TENS[parts[0]] ?? null;
  const [tens, unit] = parts;
  return TENS[tens] !== undefined && UNITS[unit] !== undefined && UNITS[unit] < 10 ? TENS[tens] + UNITS[unit] : null;
}

/** "18th" → 18, "twenty-first" → 21, "last" or "final" → "last"; null for anything else. */
export function ordinalValue(word: string): number | 'last' | null {
  if (word === 'last' || word === 'final') return 'last';
  const digits = /^(\d{1,3})(?:st|nd|rd|th)$/.exec(word);
  if (digits) return Number(digits[1]);
  const parts = word.split(/[-\s]+/);
  if (parts.length === 1) return ORDINAL_UNITS[parts[0]] ?? ORDINAL_TENS[parts[0]] ?? null;
  const [tens, unit] = parts;
  return TENS[tens] !== undefined && (ORDINAL_UNITS[unit] ?? 10) < 10 ? TENS[tens] + ORDINAL_UNITS[unit] : null;
}

/** "xviii" → 18 (canonical numerals up to 399); null for anything else. */
export function romanValue(word: string): number | null {
  if (!ROMAN.test(word)) return null;
  const value: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
  let total = 0;
  for (let i = 0; i < word.length; i++) {
    const v = value[word[i]];
    total += i + 1 < word.length && value[word[i + 1]] > v ? -v : v;
  }
  return total;
}

/** The question, lower-cased, with unit numbers written as parseReferences reads them. */
export function normaliseReferenceWords(question: string): string {
  return (
    question
      .toLowerCase()
      // "the 18th recommendation", "the first paragraph", "the last recital" (singular: "the first
      // recommendations" is not one unit).
      .replace(new RegExp(`\\b(${ORDINAL})\\s+${NUMBERED}\\b(?!s)`, 'g'), (whole, ord: string, kind: string) => {
        const n = ordinalValue(ord.replace(/\s+/g, ' '));
        return n === null ? whole : `${kind} ${n}`;
      })
      // "paragraph twelve", "action six of goal four".
      .replace(new RegExp(`\\b${NUMBERED}s?\\s+(${CARDINAL})\\b`, 'g'), (whole, kind: string, words: string) => {
        const n = cardinalValue(words);
        return n === null ? whole : `${kind} ${n}`;
      })
      // "Recommendation XVIII"; one letter ("recommendation i …") is too often the pronoun.
      .replace(
        /\b(recommendation|paragraph|recital|consideration)s?\s+([ivxlc]{2,})\b/g,
        (whole, kind: string, r: string) => {
          const n = romanValue(r);
          return n === null ? whole : `${kind} ${n}`;
        },
      )
      // "PG4", "PG 4.6", "P.G. 4".
      .replace(/\bp\.?\s?g\.?\s*(\d)(?:\.(\d{1,2}))?\b/g, (_w, goal: string, action?: string) =>
        action ? `action ${goal}.${action}` : `priority goal ${goal}`,
      )
      .replace(/\bgoal\s*(\d)\.(\d{1,2})\b/g, 'action $1.$2')
      // "clause f(4)", "clause (f)(4)", "clause f.4".
      .replace(
        /\bclause\s*\(?([a-n])\)?\s*(?:\((\d{1,2})\)|\.(\d{1,2}))/g,
        (_w, c: string, a?: string, b?: string) => `clause ${c} point ${a ?? b}`,
      )
  );
}
