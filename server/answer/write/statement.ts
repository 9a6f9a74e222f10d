/**
 * @module server/answer/write/statement
 * Turns a unit's own sentence into a plain statement that names its source: "Recommend that sanctions be
 * introduced against carriers …;" → "The Prague 1997 Recommendations (1997) recommend that sanctions be
 * introduced against carriers …". Only framing words change (who says it, the verb's person, a trailing
 * semicolon); every fact stays in the source's own words, and long sentences are cut at a clause boundary.
 */
import { headingOfParagraphLabel } from '../../../core/section.js';
import { documentYear } from '../../../core/document-date.js';
import { analyse } from '../../../core/text/terms.js';
import type { DocumentMeta, Unit } from '../../../core/types.js';

/** A document as an answer names it: "the Prague 1997 Recommendations (1997)". */
export function documentName(meta: DocumentMeta): string {
  const year = documentYear(meta);
  const title = /^the\b/i.test(meta.shortTitle) ? meta.shortTitle : `the ${meta.shortTitle}`;
  return year !== null && !title.includes(String(year)) ? `${title} (${year})` : title;
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Whether a document's short title takes a plural verb ("the Prague 1997 Recommendations do"); "the Budapest
 * Process" does not. */
export function isPluralTitle(meta: DocumentMeta): boolean {
  return /s$/.test(meta.shortTitle) && !/process$/i.test(meta.shortTitle);
}

// The participles that open the considerations and recitals of declarations, as the verb their authors use.
const PARTICIPLES: Record<string, string> = {
  recognizing: 'recognise',
  recognising: 'recognise',
  // "Meeting in Prague on 14-15 October 1997 …", "Gathered, at the invitation of …, in Prague on 27 and 28 April".
  meeting: 'met',
  gathered: 'gathered',
  noting: 'note',
  considering: 'consider',
  welcoming: 'welcome',
  appreciating: 'appreciate',
  stressing: 'stress',
  emphasizing: 'emphasise',
  emphasising: 'emphasise',
  acknowledging: 'acknowledge',
  recalling: 'recall',
  thanking: 'thank',
  // The 2009 preamble opens some recitals with the bare verb ("Thank the Republic of Turkey …").
  thank: 'thank',
  observing: 'observe',
  committed: 'are committed',
  conscious: 'are conscious',
  referring: 'refer',
  suggesting: 'suggest',
  underlining: 'underline',
  reaffirming: 'reaffirm',
  affirming: 'affirm',
  expressing: 'express',
  encouraging: 'encourage',
  taking: 'take',
  bearing: 'bear',
  being: 'are',
  convinced: 'are convinced',
  aware: 'are aware',
  concerned: 'are concerned',
  determined: 'are determined',
  deeply: 'are deeply',
};

// First words that are not names, so they lose their capital inside a sentence ("Participating States …").
const COMMON_OPENERS =
  /^(?:The|This|These|Those|It|Its|They|Their|A|An|In|On|At|For|With|All|Participating|Participants|States|Since|Today|During|Following|As|Each|Every|Some|Many|Several|Both|Further|Furthermore|Moreover|However|Also|Thus|Therefore|When|While|After|Before|Under|Through|Within|According|Notwithstanding|Despite|Although|Though|Given|Whereas|By|From|To|Where|If|Unless|Because|Regarding|Concerning|Against|Among|Between|Over|Upon|Without|Beyond|Across|Once|Only|Such|Other|Most|More|Any|No|Not|There|Then|Now|Currently|Recently|Finally|Additionally|Similarly|Likewise|Nevertheless|Nonetheless|Indeed|Hence|Accordingly|Meanwhile|Overall|Later|Initially)\b/;

/** A clause boundary a long sentence may be cut at without losing its main statement. */
const CLAUSE_CUT =
  /;|,\s+(?:which|who|including|in particular|notably|as well as|while|whereas|such as|i\.e\.|e\.g\.)\s/g;
const LONG_STATEMENT = 320;

/** A cut may run this much past the length limit to keep a word of the question. */
const KEEP_STRETCH = 1.6;

/**
 * A long sentence of items set off by semicolons ("Thanking: A; B; C; D"), whose asked-for words are in one later
 * item only: its first item and that item, the others left out with "…", when that fits in `maxChars`. Each item
 * kept is verbatim; null otherwise.
 */
function elideItems(text: string, keep: ReadonlySet<string>, maxChars: number): string | null {
  const items = text.split(/;\s+/);
  if (keep.size === 0 || items.length < 3) return null;
  const inFirst = new Set(analyse(items[0]));
  const holds = items.map((item, i) => i > 0 && analyse(item).some((t) => keep.has(t) && !inFirst.has(t)));
  // One item answers a question about one thing ("where is the secretariat based?"); where several do, the
  // question asks for the list ("which treaties …?"), and items between them are part of the answer.
  if (holds.filter(Boolean).length !== 1) return null;
  let out = items[0];
  let last = 0;
  holds.forEach((held, i) => {
    if (!held) return;
    out += i === last + 1 ? `; ${items[i]}` : ` … ${items[i]}`;
    last = i;
  });
  if (last < items.length - 1) out += ' …';
  return out.length <= maxChars ? out : null;
}

/**
 * The sentence without list numbering, cut at a clause boundary when long, ending in a full stop. A cut never
 * drops the only place a word of the question (`keep`, as analysed terms) appears: "…vocational and language
 * training …" is no answer to "what are migrant resource centres?" when the sentence goes on "notably through
 * the work of the Migrant Resource Centres".
 */
export function tidySentence(
  sentence: string,
  maxChars = LONG_STATEMENT,
  keep: ReadonlySet<string> = new Set(),
): string {
  let text = sentence
    .replace(/\s+/g, ' ')
    .replace(/^\s*(?:\(?[0-9ivx]{1,4}[.)]|[-–•])\s+/i, '')
    .trim();
  if (text.length > maxChars) {
    const loses = (at: number) => {
      if (keep.size === 0) return false;
      const head = new Set(analyse(text.slice(0, at)));
      return analyse(text.slice(at)).some((t) => keep.has(t) && !head.has(t));
    };
    let cut = false;
    for (const m of text.matchAll(CLAUSE_CUT)) {
      if (m.index < Math.min(120, maxChars / 2)) continue;
      if (m.index > maxChars * (keep.size > 0 ? KEEP_STRETCH : 1)) break;
      if (loses(m.index)) continue;
      text = `${text.slice(0, m.index)} …`;
      cut = true;
      break;
    }
    if (!cut) text = elideItems(text, keep, maxChars * KEEP_STRETCH) ?? text;
  }
  text = text.replace(/(?<![\s;:,])[\s;:,]+$/, '');
  return /[.!?…]$/.test(text) ? text : `${text}.`;
}

/**
 * A numbered unit as a sentence names it: "Recommendation 18 of the Prague 1997 Recommendations (1997)",
 * "paragraph 7 of the Vienna 2005 report (2005)", "recital 3 of the preamble of …", "point 4 of clause (f) of …".
 * Labels are written to stand alone ("Preamble, recital 3"); inside a sentence the part comes first.
 */
export function unitInDocument(unit: Unit, meta: DocumentMeta): string {
  const document = documentName(meta);
  const label = unit.label;
  const recital = /^Preamble, recital (\d+)$/.exec(label);
  if (recital) return `recital ${recital[1]} of the preamble of ${document}`;
  const point = /^Clause \((\w+)\), point (\d+)$/.exec(label);
  if (point) return `point ${point[2]} of clause (${point[1]}) of ${document}`;
  if (/^(?:Paragraph|Clause|Consideration) \S+$/.test(label))
    return `${label.charAt(0).toLowerCase()}${label.slice(1)} of ${document}`;
  return `${label} of ${document}`;
}

/** Headings that name a part of any document rather than a subject. */
const GENERIC_HEADING = /^(?:introduction|foreword|preface|closing|conclusions?)$/i;

/** A paragraph under a part-of-document heading, as a sentence names it: "the closing words of …". */
function partOfDocument(heading: string, meta: DocumentMeta): string {
  const part = heading.toLowerCase() === 'closing' ? 'closing words' : heading.toLowerCase();
  return `the ${part} of ${documentName(meta)}`;
}

/** The statement of a unit's sentence, naming the unit (when numbered) and the document it comes from. */
export function plainStatement(
  sentence: string,
  unit: Unit,
  meta: DocumentMeta,
  keep: ReadonlySet<string> = new Set(),
): string {
  const text = tidySentence(sentence, LONG_STATEMENT, keep);
  const numbered = unit.number !== null && unit.number !== undefined;
  const gap = text.search(/\s/);
  const first = gap < 0 ? text : text.slice(0, gap);
  const rest = gap < 0 ? '' : text.slice(gap).trimStart();
  const lowered = COMMON_OPENERS.test(first) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
  const participle = PARTICIPLES[first.toLowerCase().replace(/[,:]$/, '')];
  // "The Budapest Process at 30 (2023), on the Budapest Process Reference Group: Chaired by Sweden." A paragraph
  // under a subject heading is named by its document and heading (what a fragment is about); its number is in the
  // citation, and its sentence follows as written.
  const heading = numbered ? (headingOfParagraphLabel(unit.label) ?? undefined) : undefined;
  const subject = heading !== undefined && !GENERIC_HEADING.test(heading) ? heading : undefined;
  if (subject && !/^recommends?$/i.test(first) && !participle && !/^we\b/i.test(first))
    return `${capitalise(documentName(meta))}, on ${subject.replace(/^(?:The|An?)\b/, (article) => article.toLowerCase())}: ${lowered}`;
  const source = subject
    ? documentName(meta)
    : heading
      ? partOfDocument(heading, meta)
      : numbered
        ? unitInDocument(unit, meta)
        : documentName(meta);
  const plural = !numbered && isPluralTitle(meta);
  if (/^recommends?$/i.test(first)) return capitalise(`${source} ${plural ? 'recommend' : 'recommends'} ${rest}`);
  if (participle) {
    // "Thanking: The Government of …": the object loses the capital the list gave it.
    const object = /^(?:The|These|This|Those|All|Each)\b/.test(rest)
      ? rest.charAt(0).toLowerCase() + rest.slice(1)
      : rest;
    return capitalise(`in ${source}, the ministers ${participle} ${object}`);
  }
  // "We, the Ministers responsible for…, ": an apposition that names the speakers, read as the source reads.
  if (/^we,$/i.test(first)) return capitalise(`${source} reads: ${text}`);
  if (/^we\b/i.test(first)) return capitalise(`in ${source}, the ministers ${text.replace(/^we\s+/i, '')}`);
  // An action plan's actions and a declaration's points are imperatives or gerunds: what was committed to.
  if (unit.kind === 'action' && /^[A-Z][a-z]+$/.test(first) && !COMMON_OPENERS.test(first)) {
    return capitalise(`${source} calls on participating states to ${first.toLowerCase()} ${rest}`);
  }
  // "further strengthening …", "jointly promoting …": a point that opens with an adverb before its gerund.
  if (
    // "pursuing, at the same time, policies …": the gerund may carry a comma.
    /^[a-z]+ing,?$/.test(first) ||
    /^(?:further|also|jointly|continuously|actively|progressively|fully)\s+[a-z]+ing\b/.test(text)
  )
    return capitalise(`${source} ${plural ? 'commit' : 'commits'} to ${text}`);
  return `According to ${source}, ${lowered}`;
}
