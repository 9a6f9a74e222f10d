/**
 * @module scripts/verify/answers
 * A file of answers to verify (JSON Lines): `{ id?, answer?, citations: [{ id, quote?, n? }] }` per line, the
 * body /api/verify takes (with the same schema and limits), plus an optional `id` naming the answer. A whole
 * /api/chat reply fits too: what verification does not read is ignored. Lines that are blank or start with
 * `//` are skipped. A line that is not JSON or does not fit is kept as an invalid answer saying why, so one bad
 * line does not hide the verdict on the others.
 */
import { z } from 'zod';
import { verifySchema } from '../../server/http/schemas.js';
import type { VerifyRequest, VerifyResponse } from '../../server/verify/verify-citations.js';

const answerLineSchema = verifySchema.extend({ id: z.union([z.string().max(200), z.number()]).optional() });

export interface AnswerLine {
  /** 1-based line number in the file. */
  line: number;
  /** The answer's own id, else "line N". */
  name: string;
  /** The request to verify, or why the line cannot be verified. */
  request?: VerifyRequest;
  error?: string;
}

export function parseAnswers(text: string): AnswerLine[] {
  return text
    .split('\n')
    .map((raw, i) => ({ raw: raw.trim(), line: i + 1 }))
    .filter(({ raw }) => raw.length > 0 && !raw.startsWith('//'))
    .map(({ raw, line }): AnswerLine => {
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return { line, name: `line ${line}`, error: 'not valid JSON' };
      }
      const named = (json as { id?: unknown } | null)?.id;
      const name = typeof named === 'string' || typeof named === 'number' ? String(named) : `line ${line}`;
      const parsed = answerLineSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return { line, name, error: `${issue.path.join('.') || 'line'}: ${issue.message}` };
      }
      const { answer, citations } = parsed.data;
      return { line, name, request: { ...(answer === undefined ? {} : { answer }), citations } };
    });
}

export interface AnswerVerdict {
  line: number;
  id: string;
  valid: boolean;
  /** What was verified, and the verifier's reply, when the line could be verified. */
  request?: VerifyRequest;
  result?: VerifyResponse;
  /** Why the line could not be verified. */
  error?: string;
}

/**
 * Whether each citation holds, as /api/verify rules: its unit exists and, when a quote was given, the quote was
 * found (a citation without a quote has quoteFound false, and its reason is only a note).
 */
export function citationsHold(v: AnswerVerdict): boolean[] {
  return (v.result?.citations ?? []).map(
    (c, i) => c.exists && (v.request?.citations[i]?.quote === undefined || c.quoteFound),
  );
}

/** What makes an answer invalid, in plain words, one entry per problem; empty when it is valid. */
export function problemsOf(v: AnswerVerdict): string[] {
  if (v.error) return [v.error];
  if (!v.result) return [];
  const holds = citationsHold(v);
  const problems = v.result.citations.flatMap((c, i) =>
    holds[i] ? [] : [`citation ${i + 1} (${c.id}): ${c.reason ?? 'not valid'}`],
  );
  if (v.result.unmatchedMarkers?.length) {
    problems.push(`markers without a citation: ${v.result.unmatchedMarkers.map((n) => `[${n}]`).join(' ')}`);
  }
  return problems;
}
