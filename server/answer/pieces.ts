/**
 * @module server/answer/pieces
 * Text cut into word-sized pieces for streaming, as models stream it. Shared by the answerer (extractive
 * answers stream like LLM ones), the OpenAI-compatible endpoint and the test stand-ins.
 */

/**
 * Each word with the whitespace after it (the first also with any before it), so the pieces join back to
 * exactly `text`. Not /\s*\S+\s*\/g, which rescans a long run of spaces from each of its positions.
 */
export function wordPieces(text: string): string[] {
  const start = text.search(/\S/);
  if (start === -1) return text ? [text] : [];
  const pieces = text.slice(start).match(/\S+\s*/g) ?? [];
  pieces[0] = text.slice(0, start) + pieces[0];
  return pieces;
}
