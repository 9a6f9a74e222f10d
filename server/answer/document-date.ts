/**
 * @module server/answer/document-date
 * "When was the 2009 Prague conference?", "when did the Vienna meeting take place?": a date question about a
 * document as an event, with nothing else asked, is answered by the passage that states the document's date —
 * the one its manifest entry cites as `dateSource` ("prague-2009: “in Prague on 27 and 28 April 2009”"), in
 * that document or in the history that dates it. The search's own best matches ("the previous conferences …
 * held in Berlin on 30-31 October 1991") are about other dates.
 */
import { analyse } from '../../core/text/terms.js';
import { foldForCompare } from '../../core/text/fold.js';
import type { Unit } from '../../core/types.js';
import type { QueryPlan } from '../plan/types.js';
import type { SearchResult } from '../retrieve/types.js';
import type { UnitInventory } from './inventory.js';
import { askedDocumentIds, namedHit } from './named-hit.js';

// What a question about a document's own date may say besides the date asked for: the event and its verbs.
const EVENT_TERMS = new Set(
  analyse(
    'conference conferences meeting meetings ministerial held hold took take place adopted adopt signed sign ' +
      'called convened meet met published publication issued launched endorsed agreed happened start started ' +
      'year date day month',
  ),
);

/** The manifest's `dateSource` ("<document id>: “<quote>” (note)") as the document and the quote. */
export function parseDateSource(source: string): { documentId: string; quote: string } | null {
  const colon = source.indexOf(':');
  const open = source.indexOf('“');
  const close = source.lastIndexOf('”');
  if (colon < 0 || open < 0 || close <= open) return null;
  return { documentId: source.slice(0, colon).trim(), quote: source.slice(open + 1, close) };
}

/** The unit stating the asked document's date, when the question asks only when that document's event was. */
export function documentDateUnit(plan: QueryPlan, inventory: UnitInventory): Unit | null {
  const asked = askedDocumentIds(plan);
  if (plan.answerKind !== 'date' || asked?.length !== 1 || plan.reading.references.length > 0) return null;
  if (!plan.reading.topicTerms.every((t) => EVENT_TERMS.has(t))) return null;
  const source = inventory.documents.find((d) => d.id === asked[0])?.dateSource;
  const parsed = source ? parseDateSource(source) : null;
  if (!parsed) return null;
  const quote = foldForCompare(parsed.quote);
  return (
    inventory.units.find((u) => u.documentId === parsed.documentId && foldForCompare(u.text).includes(quote)) ?? null
  );
}

/** The search result with the dating unit first, as a unit the question named. */
export function withDocumentDate(plan: QueryPlan, result: SearchResult, inventory: UnitInventory): SearchResult {
  const unit = result.reference ? null : documentDateUnit(plan, inventory);
  if (!unit) return result;
  const hit = namedHit(
    unit,
    inventory,
    result.hits.find((h) => h.unit.id === unit.id),
  );
  return {
    ...result,
    hits: [hit, ...result.hits.filter((h) => h.unit.id !== unit.id)],
    reference: unit,
    overview: false,
  };
}
