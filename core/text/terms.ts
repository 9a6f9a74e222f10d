/**
 * @module core/text/terms
 * How text becomes search terms, shared by the lexical index at ingest and the query at search time
 * (both sides must fold the same way or nothing matches).
 */
import { stemmer } from 'stemmer';
import { baseWord } from './irregular.js';

// Function words that carry no topic; question words are here because users type them and texts do not.
const STOP_WORDS = new Set(
  (
    'a an the and or but nor of to in on at by for from with without within into onto as is are was were be been being ' +
    'after before during since until ' +
    'it its this that these those there their they them he she his her we our us you your i me my ' +
    'do does did done doing have has had having can could should would shall will may might must ' +
    'what which who whom whose when where why how many much whether if then than so such also not no yes ' +
    'about say says said tell told mention mentions mentioned any some all each every other more most ' +
    'document documents text texts ' +
    // Verbs and fillers of questions about documents ("what does it propose", "is there a rule on").
    'mean meant main say propose proposed proposes foresee foresees discuss discussed deal deals dealt ' +
    'suggest suggests suggested suggesting promise promises promised ask asks asked asking ' +
    'according regarding concerning please explain describe summarise summarize summary give show ' +
    'want wanted think thought kind sort way ways thing things really actually exactly like just ' +
    // "Is their visa supposed to …", "are they meant to …": a modal frame, like "should".
    'supposed ' +
    // "What happened at …" asks about an event; the texts narrate events without the word.
    'happen happens happened happening ' +
    // "Is there anything about …": indefinite pronouns stand for the topic, never name it.
    'anything something everything nothing anyone someone everyone anybody somebody stuff anywhere somewhere everywhere ' +
    'both either neither ' +
    // "Allowed to work here": where the asker is, which the texts never say.
    'here ' +
    // "How many members now?": when it is asked, not what; the texts date themselves.
    'now nowadays currently presently ' +
    // Slips in the commonest question words, too short or too real ("abut") for the spelling corrector.
    'wat wht waht whta hwat wich whcih wehre wher whn hwo abot abut abuot aboout teh hte adn nad taht thta ' +
    // Contractions as folding leaves them ("they've" → theyve).
    'dont doesnt didnt isnt arent wasnt werent cant couldnt wont wouldnt shouldnt im ive id youre youve ' +
    'theyre theyve theyd weve thats theres whats hows whos wheres ' +
    // Words that frame a comparison across documents rather than name its topic.
    'position positions change changed changes evolve evolved evolution differ differed difference differences ' +
    'compare compared comparison shift shifted stance view views over time ' +
    // How answers refer to their sources.
    'passage passages cite cites cited citation'
  ).split(' '),
);

// OCR damage seen in the corpus, folded to the intended word so both spellings match. "Il" is the Roman
// numeral II read as letters ("Silk Routes Il Project"): the texts are English, so it is never a word.
const OCR_FOLDS: Record<string, string> = {
  tiirkiye: 'turkiye',
  tirkiye: 'turkiye',
  irag: 'iraq',
  pracess: 'process',
  il: 'ii',
};

/** Lower case, diacritics removed (Türkiye → turkiye), apostrophes dropped. */
export function foldText(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      // "Process's" is "Process": drop the possessive before apostrophes go.
      .replace(/[’'`]s\b/g, '')
      .replace(/[’'`]/g, '')
  );
}

/**
 * A Roman "I" after a name ("Silk Routes I Project", "Phase I") is the ordinal, as "II" and "III" are (the
 * glossary's second ↔ II, third ↔ III). Folded, it would be the pronoun, a stop word, and "the first Silk Routes
 * project" could never meet its heading. A reader may write the noun after it in lower case ("Silk Routes I project").
 */
const ROMAN_FIRST =
  /(?<=\b[A-Z][A-Za-z]+ )I(?=\s+[A-Z][a-z]|\s+(?:project|phase|programme|program|stage|period)s?\b|\s*(?:[-–|,.;:?!)]|$))/g;

/** Word tokens of a text, folded but not stemmed or filtered. */
export function tokenize(text: string): string[] {
  return foldText(text.replace(ROMAN_FIRST, 'first')).match(/[a-z0-9]+/g) ?? [];
}

/**
 * Words Porter's stemmer conflates with another sense: "development" (migration and development, a priority
 * goal of its own) is not "developed" or "to develop" (procedures, tools, cooperation); "an integral part",
 * "integrity" and "integrated" (see below) are not the integration of migrants.
 */
const STEM_EXCEPTIONS: Readonly<Record<string, string>> = {
  development: 'development',
  developments: 'development',
  integral: 'integral',
  integrity: 'integrity',
  // "An integrated approach", "integrated border management": joined up, not migrants integrated.
  integrated: 'integrated',
};

/**
 * Stemming is pure and a corpus repeats a few thousand distinct tokens millions of times: memoised, the
 * lexical index of 100k units builds ~6 s faster (stemmer was a third of the index build). Bounded, since
 * queries bring arbitrary tokens; a full cache simply starts over.
 */
const termCache = new Map<string, string | null>();
const TERM_CACHE_MAX = 50_000;

/** A token as the index stores it: OCR-folded and stemmed, or null for a stop word. */
export function toTerm(token: string): string | null {
  const cached = termCache.get(token);
  if (cached !== undefined) return cached;
  // Own keys only: a token may be "constructor".
  const folded = Object.hasOwn(OCR_FOLDS, token) ? OCR_FOLDS[token] : token;
  const base = STOP_WORDS.has(folded) ? null : baseWord(folded, stemmer);
  const term =
    base === null || STOP_WORDS.has(base)
      ? null
      : Object.hasOwn(STEM_EXCEPTIONS, base)
        ? STEM_EXCEPTIONS[base]
        : stemmer(base);
  if (termCache.size >= TERM_CACHE_MAX) termCache.clear();
  termCache.set(token, term);
  return term;
}

/** Terms of a text in order, stop words dropped. */
export function analyse(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    const term = toTerm(token);
    if (term) out.push(term);
  }
  return out;
}
