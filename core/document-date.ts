/**
 * @module ingest/document-date
 * A document's date as people cite it: "14 Oct 1997" when the text states the day, else the year
 * ("2019", taken from another document of the corpus where the document itself gives none; see
 * corpus/manifest.json `dateSource`).
 */
import type { DocumentMeta } from './types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The document's year: `year`, or that of `date` (indexes built before `year` existed carry only the date). */
export function documentYear(meta: Pick<DocumentMeta, 'date' | 'year'>): number | null {
  if (meta.year !== undefined) return meta.year;
  return meta.date ? Number(meta.date.slice(0, 4)) : null;
}

/** "14 Oct 1997" for an ISO date, "2019" for a year alone, null when neither is known. */
export function documentDateLabel(meta: Pick<DocumentMeta, 'date' | 'year'>): string | null {
  if (meta.date) {
    const [year, month, day] = meta.date.split('-').map(Number);
    return `${day} ${MONTHS[month - 1]} ${year}`;
  }
  const year = documentYear(meta);
  return year === null ? null : String(year);
}
