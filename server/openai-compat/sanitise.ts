/**
 * @module server/openai-compat/sanitise
 * Model-written text made safe for the front ends of the OpenAI-compatible endpoint, which render `content`
 * as Markdown (and Markdown passes HTML through): every HTML tag is removed, with the contents of
 * script-like elements, by js-xss (`xss`: a maintained parser-based sanitiser, not patterns of ours, and one
 * that supports Node 20 — sanitize-html 2.17.6+ asks for Node 22, and earlier ones carry an advisory); and a
 * Markdown link or image whose destination has a scheme other than http, https or mailto ("javascript:",
 * "data:", "vbscript:", or one disguised with entities, escapes or spaces) points nowhere instead ("#").
 * The page (web/) renders answers as plain text and needs none of this.
 */
import { FilterXSS } from 'xss';

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

// No tag or attribute is allowed; the contents of elements that hold code go with them. Containers such as
// <svg> are not listed: the filter marks nested removals with "[removed]" text, and their tags go anyway.
const stripTags = new FilterXSS({
  whiteList: {},
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'textarea', 'xmp'],
  allowCommentTag: false,
});

/**
 * Whether a link destination is harmless: relative, or with an allowed scheme spelt plainly. Anything that
 * could decode into a scheme (an entity, a backslash escape, a percent sign, whitespace or a control
 * character before the first "/", "?" or "#") is not.
 */
export function isSafeDestination(destination: string): boolean {
  const head = destination.split(/[/?#]/, 1)[0];
  for (const ch of head) {
    if (ch === '&' || ch === '\\' || ch === '%' || ch.trim() === '' || ch.charCodeAt(0) < 0x20) return false;
  }
  const colon = head.indexOf(':');
  return colon === -1 || SAFE_SCHEMES.has(head.slice(0, colon).toLowerCase());
}

/** The end of a link destination that starts at `from`: "<…>" form, else up to whitespace or an unbalanced ")". */
function destinationEnd(text: string, from: number): number {
  if (text[from] === '<') {
    const close = text.indexOf('>', from);
    return close === -1 ? text.length : close + 1;
  }
  let end = from;
  let depth = 0;
  for (; end < text.length && text[end].trim() !== ''; end++) {
    if (text[end] === '(') depth++;
    else if (text[end] === ')' && depth-- === 0) break;
  }
  return end;
}

/** Replaces unsafe destinations of inline links and images ("](dest)") with "#". One pass, left to right. */
function neutraliseInlineLinks(text: string): string {
  let out = '';
  let last = 0;
  for (let at = text.indexOf('](', last); at !== -1; at = text.indexOf('](', last)) {
    let start = at + 2;
    while (start < text.length && text[start] !== '\n' && text[start].trim() === '') start++;
    const end = destinationEnd(text, start);
    const destination = text.slice(start, end).replace(/^<|>$/g, '');
    out += text.slice(last, start) + (isSafeDestination(destination) ? text.slice(start, end) : '#');
    last = end;
  }
  return out + text.slice(last);
}

// "[label]: destination" at the start of a line (a Markdown link reference definition).
const REFERENCE_DEFINITION = /^( {0,3}\[[^\]\n]{1,999}\]:[ \t]{0,99})(\S+)/gm;

/** Model-written Markdown without HTML and without links to unsafe schemes. */
export function sanitiseModelMarkdown(text: string): string {
  // The filter escapes < > in what it keeps; only text that may hold a tag goes through it, so an ordinary
  // answer ("A & B") reaches plain-text clients unchanged.
  const withoutHtml = text.includes('<') ? stripTags.process(text) : text;
  return neutraliseInlineLinks(withoutHtml).replace(REFERENCE_DEFINITION, (whole, lead: string, dest: string) =>
    isSafeDestination(dest.replace(/^<|>$/g, '')) ? whole : `${lead}#`,
  );
}
