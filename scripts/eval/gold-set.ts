/**
 * @module scripts/eval/gold-set
 * Reads a question set (JSON Lines): `{ id, question, history?, expected: [unit ids], answerable }` per line.
 * Documented in tests/eval/README.md.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { containsFolded } from '../../ingest/normalise/text.js';

export const goldQuestionSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  history: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })).optional(),
  expected: z.array(z.string()),
  answerable: z.boolean(),
  documents: z.array(z.string()).optional(),
  expectedQuotes: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
});

export type GoldQuestion = z.infer<typeof goldQuestionSchema>;

export function parseGoldSet(text: string, source = 'set'): GoldQuestion[] {
  return text
    .split('\n')
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line.length > 0 && !line.startsWith('//'))
    .map(({ line, number }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new Error(`eval: ${source}:${number}: not valid JSON`);
      }
      const parsed = goldQuestionSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`eval: ${source}:${number}: ${issue.path.join('.') || 'line'}: ${issue.message}`);
      }
      return parsed.data;
    });
}

export function readGoldSet(file: string): GoldQuestion[] {
  return parseGoldSet(readFileSync(file, 'utf8'), file);
}

/**
 * The gold unit ids of a question: its `expected` ids, plus, for each of its `expectedQuotes`, the unit whose
 * text contains that quote (whitespace and line-break hyphenation ignored). Quotes let a set name units of
 * documents without numbering by their words rather than by an id.
 */
export function resolveExpected(question: GoldQuestion, units: readonly { id: string; text: string }[]): string[] {
  const ids = [...question.expected];
  for (const quote of question.expectedQuotes ?? []) {
    const unit = units.find((u) => containsFolded(u.text, quote));
    if (unit && !ids.includes(unit.id)) ids.push(unit.id);
  }
  return ids;
}

/** The set with every question's `expected` completed from its quotes. */
export function resolveGoldSet(
  questions: GoldQuestion[],
  units: readonly { id: string; text: string }[],
): GoldQuestion[] {
  return questions.map((q) => ({ ...q, expected: resolveExpected(q, units) }));
}
