/**
 * @module ingest/parse/chunk
 * Cuts long units into embedding-sized chunks at sentence boundaries. Chunks keep their unit's id
 * (citations always name the unit) and, joined with single spaces, give back the unit text.
 */
import type { Chunk, Unit } from '../../core/types.js';
import { splitSentences } from '../../core/text/sentences.js';

export function chunkUnit(unit: Unit, maxChars = 1000): Chunk[] {
  const texts = packPieces(sentencePieces(unit.text, maxChars), maxChars);
  return texts.map((text, part) => ({ unitId: unit.id, part, text }));
}

// A sentence longer than the limit (a recommendation is often one long sentence) is cut at its
// semicolons; one still too long stays whole rather than being cut mid-clause.
function sentencePieces(text: string, maxChars: number): string[] {
  if (text.length <= maxChars) return [text];
  return splitSentences(text).flatMap((s) =>
    s.text.length > maxChars ? splitSentences(s.text, { clauses: true }).map((c) => c.text) : [s.text],
  );
}

function packPieces(pieces: string[], maxChars: number): string[] {
  const chunks: string[] = [];
  for (const piece of pieces) {
    const last = chunks[chunks.length - 1];
    if (last !== undefined && last.length + 1 + piece.length <= maxChars)
      chunks[chunks.length - 1] = `${last} ${piece}`;
    else chunks.push(piece);
  }
  return chunks;
}
