/**
 * @module scripts/eval/gold-set
 * Reads a question set (JSON Lines): `{ id, question, history?, expected?: [unit ids], expectedQuotes?,
 * answerable }` per line; `expected` may be left out (it is then `[]`), e.g. when `expectedQuotes` name the
 * answering units. Documented in tests/eval/README.md.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const goldQuestionSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  history: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })).optional(),
  expected: z.array(z.string()).default([]),
  answerable: z.boolean(),
  documents: z.array(z.string()).optional(),
  expectedQuotes: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  // The fresh set's labels (tests/eval/README.md): what kind of question, what it asks for, what a good answer
  // must cite or quote, and which half of the set it belongs to.
  kind: z.string().optional(),
  intent: z.string().optional(),
  answerKind: z.string().optional(),
  citeDocuments: z.array(z.string()).optional(),
  required: z.array(z.string()).optional(),
  answerText: z.array(z.string()).optional(),
  split: z.enum(['train', 'test']).optional(),
  note: z.string().optional(),
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
