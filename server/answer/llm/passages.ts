/**
 * @module server/answer/llm/passages
 * The numbered passages an LLM answer may cite. The number shown to the model is the only link from a [n]
 * marker back to a retrieved unit, so post-processing works from the same list.
 */
import type { SearchHit } from '../../retrieve/types.js';

export type NumberedPassage = { n: number; hit: SearchHit };

/** Numbers hits 1…k in the order given (best first). */
export function numberPassages(hits: SearchHit[]): NumberedPassage[] {
  return hits.map((hit, i) => ({ n: i + 1, hit }));
}

/** One passage per paragraph: `[1] Prague 1997 Recommendations — Recommendation 18 (Section): text`. */
export function formatPassages(passages: NumberedPassage[]): string {
  if (passages.length === 0) return '(no passages were found)';
  return passages.map(formatPassage).join('\n\n');
}

function formatPassage({ n, hit }: NumberedPassage): string {
  const { unit, document } = hit;
  const where = [unit.label, unit.section ? `(${unit.section})` : ''].filter(Boolean).join(' ');
  const head = where ? `${document.shortTitle} — ${where}` : document.shortTitle;
  // One line per passage keeps the numbering unambiguous; the unit text itself is not altered beyond whitespace.
  return `[${n}] ${head}: ${unit.text.replace(/\s+/g, ' ').trim()}`;
}
