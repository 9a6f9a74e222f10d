/**
 * @module scripts/verify/report
 * The verdicts of `npm run verify` for people (a Markdown table, one row per answer), for scripts (one JSON
 * object) and for CI (JUnit XML, one testcase per answer).
 */
import { formatJUnitSuite } from '../shared/junit.js';
import { citationsHold, problemsOf, type AnswerVerdict } from './answers.js';

export interface VerifyReport {
  file: string;
  /** "in-process" or the server's URL. */
  target: string;
  /** The index the answers were verified against (its corpus fingerprint). */
  indexBuild: string;
  counts: { answers: number; valid: number; invalid: number };
  answers: (AnswerVerdict & { problems: string[] })[];
}

export function buildReport(file: string, target: string, indexBuild: string, verdicts: AnswerVerdict[]): VerifyReport {
  const valid = verdicts.filter((v) => v.valid).length;
  return {
    file,
    target,
    indexBuild,
    counts: { answers: verdicts.length, valid, invalid: verdicts.length - valid },
    answers: verdicts.map((v) => ({ ...v, problems: problemsOf(v) })),
  };
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

export function formatTable(r: VerifyReport): string {
  const rows = r.answers.map((a) => {
    const holds = citationsHold(a);
    const citations = a.result ? `${holds.filter(Boolean).length}/${holds.length}` : '–';
    return `| ${cell(a.id)} | ${a.line} | ${a.valid ? 'valid' : 'INVALID'} | ${citations} | ${cell(a.problems.join('; '))} |`;
  });
  return [
    `Verified ${r.counts.answers} answers from ${r.file} against ${r.target} (index ${r.indexBuild.slice(0, 12)}): ${r.counts.valid} valid, ${r.counts.invalid} invalid.`,
    '',
    '| answer | line | verdict | citations ok | problems |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

export function formatJUnit(r: VerifyReport): string {
  return formatJUnitSuite(
    'budapest-process-verify',
    `verify ${r.file}`,
    r.answers.map((a) => ({
      name: `${a.id} (line ${a.line})`,
      outcome: a.valid ? 'pass' : 'fail',
      message: a.problems[0] ?? '',
      type: a.error ? 'unreadable-answer' : 'invalid-citation',
      details: a.problems.join('\n'),
    })),
  );
}
