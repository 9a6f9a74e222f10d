/**
 * @module core/embed/local/tokenize
 * Words as the GloVe vocabulary spells them (lower case, letters only), other spellings of a word
 * (diacritics folded, British -ise → -ize, compounds joined) and, for a missing word, its regular stems.
 */

// Letters and combining marks; hyphens (ASCII, U+2010, U+2011) join a compound. Everything else splits.
const WORD_RUN = /[\p{L}\p{M}]+(?:[-\u2010\u2011][\p{L}\p{M}]+)*/gu;
const HYPHEN = /[\u2010\u2011]/g;
const HAS_UNICODE_HYPHEN = /[\u2010\u2011]/;

/**
 * Lower-case words of `text`; a hyphenated compound stays one token ("co-operation") so the caller can
 * try it whole before falling back to `hyphenParts`. NFKC first, so ligatures from PDF extraction
 * ("ﬂ") and full-width letters become plain letters.
 */
export function tokenize(text: string): string[] {
  const folded = text.normalize('NFKC').toLowerCase();
  const words = folded.match(WORD_RUN);
  if (!words) return [];
  // Unicode hyphens are rare: test the text once instead of running a replace on every word (that replace
  // was a third of tokenize's time when ingesting 100k units).
  return HAS_UNICODE_HYPHEN.test(folded) ? words.map((w) => w.replace(HYPHEN, '-')) : words;
}

export function hyphenParts(word: string): string[] {
  return word.split('-').filter(Boolean);
}

// Letters NFD does not decompose into base + mark.
const UNDECOMPOSED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/** "türkiye" → "turkiye": the vocabulary is ASCII, so a word with diacritics is only found folded. */
export function foldDiacritics(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþı]/g, (c) => UNDECOMPOSED[c] ?? c);
}

/**
 * Other spellings of the same word: folded diacritics, the US -ize form (GloVe's news text is mostly
 * American, the corpus British), and for a compound the joined form ("co-operation" → "cooperation").
 * The word itself comes first; no duplicates.
 */
export function alternativeSpellings(word: string): string[] {
  const folded = foldDiacritics(word);
  const forms = [word, folded, americanise(folded)];
  if (word.includes('-')) forms.push(...forms.map((f) => f.replaceAll('-', '')));
  return [...new Set(forms)].filter((w) => w.length > 0);
}

/**
 * Candidate base forms with a regular inflection stripped: -ies → -y, -es, -s, -ed, -ing (also with a
 * restored "e" or an undoubled consonant). Over-stripping is harmless: a form is used only if the
 * vocabulary has it.
 */
export function inflectionStems(word: string): string[] {
  return [...new Set(stems(word))].filter((w) => w.length > 0 && w !== word);
}

function americanise(word: string): string {
  // organisation(s), harmonised, criminalising, analyse → -iz-/-yz-
  return word.replace(/([^aeiou])is(e|es|ed|ing|ation|ations|er|ers)$/, '$1iz$2').replace(/ys(e|ed|es|ing)$/, 'yz$1');
}

function stems(word: string): string[] {
  const out: string[] = [];
  const n = word.length;
  if (n > 4 && word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`);
  if (n > 3 && word.endsWith('es')) out.push(word.slice(0, -2));
  if (n > 3 && word.endsWith('s') && !word.endsWith('ss')) out.push(word.slice(0, -1));
  if (n > 4 && word.endsWith('ed')) out.push(...withE(word.slice(0, -2)));
  if (n > 5 && word.endsWith('ing')) out.push(...withE(word.slice(0, -3)));
  return out;
}

/** "harmonis" → harmonis, harmonise; "stopp" → stopp, stop. */
function withE(base: string): string[] {
  const out = [base, `${base}e`];
  if (base.length > 2 && base[base.length - 1] === base[base.length - 2]) out.push(base.slice(0, -1));
  return out;
}
