/**
 * @module server/verify/verify-citations
 * Checks citations against the corpus, for evaluators and for POST /api/verify: does each cited unit exist,
 * is its quote really in THAT unit (whitespace and line-break hyphenation ignored, everything else verbatim),
 * and does every [n] marker of the answer have its citation. Pure: works over any {@link UnitSource}.
 */
import { foldForCompare } from '../../core/text/fold.js';
import type { UnitId } from '../../core/types.js';

export interface VerifyCitationInput {
  id: string;
  quote?: string;
  n?: number;
}

export interface VerifyRequest {
  answer?: string;
  citations: VerifyCitationInput[];
}

export interface VerifiedCitation {
  id: string;
  exists: boolean;
  /** True only when a quote was given and occurs in this unit; a citation without a quote has false here. */
  quoteFound: boolean;
  /** Why the citation is not valid, or a note on it (e.g. its [n] is not in the answer). */
  reason?: string;
}

export interface VerifyResponse {
  valid: boolean;
  citations: VerifiedCitation[];
  /** Present when `answer` was given: [n] markers of the answer no citation carries, ascending. */
  unmatchedMarkers?: number[];
}

export interface UnitText {
  id: UnitId;
  text: string;
}

/** What verification reads: a unit by id, and every unit (to say where a misattributed quote really is). */
export interface UnitSource {
  findUnit(id: string): UnitText | undefined;
  units(): Iterable<UnitText>;
}

// "[1]", "[1, 2]", "[1;2]", "[1-3]" (as the LLM post-processor reads them); "[1][2]" is two groups.
const MARKER_GROUP = /\[\s*(\d{1,4}(?:\s*[,;–-]\s*\d{1,4})*)\s*\]/g;
// A range wider than this is a typo or a year span ("[1990-1995]"), not citations; only its ends count.
const MAX_RANGE = 20;
const MAX_OTHER_UNITS_NAMED = 3;
/**
 * A quote shorter than this (words, or characters once trimmed) is too short to verify: "e" or "the
 * carriers" occurs somewhere in almost any unit, so finding it proves nothing.
 */
export const MIN_QUOTE_WORDS = 3;
export const MIN_QUOTE_CHARS = 12;

/** Whether a quote is long enough for finding it to mean anything. */
export function isVerifiableQuote(quote: string): boolean {
  const trimmed = quote.trim();
  return trimmed.length >= MIN_QUOTE_CHARS && trimmed.split(/\s+/).length >= MIN_QUOTE_WORDS;
}

/** The citation numbers the answer's markers name, each once, ascending. */
export function markersIn(answer: string): number[] {
  const found = new Set<number>();
  for (const m of answer.matchAll(MARKER_GROUP)) {
    for (const part of m[1].split(/[,;]/).map((p) => p.trim())) {
      const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(part);
      if (!range) {
        found.add(Number(part));
        continue;
      }
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (to < from || to - from > MAX_RANGE) [from, to].forEach((n) => found.add(n));
      else for (let n = from; n <= to; n++) found.add(n);
    }
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * A {@link UnitSource} whose every text is folded once, so checking a quote against the whole corpus (to name
 * the unit it really comes from) costs one substring search per unit, not a re-fold.
 */
export function foldedSource(source: UnitSource): FoldedSource {
  let folded: { id: UnitId; folded: string }[] | undefined;
  return {
    findUnit: (id) => source.findUnit(id),
    unitsContaining(foldedQuote) {
      folded ??= [...source.units()].map((u) => ({ id: u.id, folded: foldForCompare(u.text) }));
      return folded.filter((u) => u.folded.includes(foldedQuote)).map((u) => u.id);
    },
  };
}

export interface FoldedSource {
  findUnit(id: string): UnitText | undefined;
  /** Ids of the units whose folded text contains the (already folded) quote, in corpus order. */
  unitsContaining(foldedQuote: string): UnitId[];
}

function whereElse(ids: UnitId[]): string {
  const named = ids.slice(0, MAX_OTHER_UNITS_NAMED).join(', ');
  const more = ids.length - MAX_OTHER_UNITS_NAMED;
  return more > 0 ? `${named} (and ${more} other units)` : named;
}

/** The first word of the quote written with other capitals than in the source: ` ("By" where the source has "by")`. */
function caseDifference(unitText: string, quote: string): string {
  const whole = (word: string, flags: string) => new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, flags);
  for (const word of quote.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (whole(word, 'u').test(unitText)) continue;
    const source = whole(word, 'iu').exec(unitText)?.[0];
    if (source) return ` ("${word}" where the source has "${source}")`;
  }
  return '';
}

function checkOne(citation: VerifyCitationInput, source: FoldedSource): Omit<VerifiedCitation, 'id'> {
  const unit = source.findUnit(citation.id);
  const reasons: string[] = [];
  if (!unit) reasons.push(`no unit with id "${citation.id.slice(0, 200)}"`);
  if (citation.quote === undefined) {
    return { exists: Boolean(unit), quoteFound: false, ...(reasons.length ? { reason: reasons.join('; ') } : {}) };
  }
  const needle = foldForCompare(citation.quote);
  if (needle === '') {
    reasons.push('quote is empty');
    return { exists: Boolean(unit), quoteFound: false, reason: reasons.join('; ') };
  }
  if (!isVerifiableQuote(citation.quote)) {
    reasons.push(`quote is too short to verify (under ${MIN_QUOTE_WORDS} words or ${MIN_QUOTE_CHARS} characters)`);
    return { exists: Boolean(unit), quoteFound: false, reason: reasons.join('; ') };
  }
  const unitFolded = unit === undefined ? undefined : foldForCompare(unit.text);
  const quoteFound = unitFolded !== undefined && unitFolded.includes(needle);
  if (!quoteFound && unit && unitFolded?.toLowerCase().includes(needle.toLowerCase())) {
    reasons.push(
      `quote matches this unit only when letter case is ignored${caseDifference(unit.text, citation.quote)}`,
    );
  } else if (!quoteFound) {
    const elsewhere = source.unitsContaining(needle).filter((id) => id !== citation.id);
    if (elsewhere.length === 0) reasons.push('quote not found in this unit or anywhere in the corpus');
    else if (unit) reasons.push(`quote found in ${whereElse(elsewhere)}, not in this unit`);
    else reasons.push(`quote found in ${whereElse(elsewhere)}`);
  }
  return { exists: Boolean(unit), quoteFound, ...(reasons.length ? { reason: reasons.join('; ') } : {}) };
}

/**
 * Verifies citations. `valid` = every citation's unit exists, every given quote is found in its own unit, and
 * (when `answer` is given) every [n] marker of the answer has a citation with that n. A citation whose n never
 * appears in the answer is noted in its `reason` but does not make the set invalid: an unused source misleads
 * no one about a claim.
 */
export function verifyCitations(request: VerifyRequest, source: UnitSource | FoldedSource): VerifyResponse {
  const folded = 'unitsContaining' in source ? source : foldedSource(source);
  const markers = request.answer === undefined ? null : markersIn(request.answer);
  const citations = request.citations.map((c): VerifiedCitation => {
    const checked = checkOne(c, folded);
    if (markers && c.n !== undefined && !markers.includes(c.n)) {
      const note = `marker [${c.n}] does not appear in the answer`;
      checked.reason = checked.reason ? `${checked.reason}; ${note}` : note;
    }
    return { id: c.id, ...checked };
  });
  // A citation without n is the marker of its position ([1] for the first), as answers number their sources.
  const numbered = new Set(request.citations.map((c, i) => c.n ?? i + 1));
  const unmatchedMarkers = markers?.filter((n) => !numbered.has(n));
  const valid =
    citations.every((c, i) => c.exists && (request.citations[i].quote === undefined || c.quoteFound)) &&
    (unmatchedMarkers?.length ?? 0) === 0;
  return { valid, citations, ...(unmatchedMarkers ? { unmatchedMarkers } : {}) };
}
