/**
 * @module scripts/eval/run
 * Runs a gold set through a target, one question at a time (so latencies are not skewed by contention), and
 * returns the figures and per-question details the eval command prints.
 */
import { performance } from 'node:perf_hooks';
import { readGoldSet, type GoldQuestion } from './gold-set.js';
import { resolveGold, scoreQuestion, summarise, unitTexts, type EvalFigures, type QuestionScore } from './score.js';
import type { EvalMode, EvalTarget, IndexIdentity } from './target.js';

export interface EvalOptions {
  /** A JSON Lines file (see tests/eval/README.md), or the questions themselves. */
  set: string | GoldQuestion[];
  target: EvalTarget;
  mode?: EvalMode;
  /** Called after each question, e.g. for a progress line. */
  onProgress?: (done: number, total: number) => void;
}

export interface EvalReport extends EvalFigures, IndexIdentity {
  set: string;
  target: string;
  mode: EvalMode;
  questions: QuestionScore[];
}

export async function runEval(options: EvalOptions): Promise<EvalReport> {
  const questions = typeof options.set === 'string' ? readGoldSet(options.set) : options.set;
  if (questions.length === 0)
    throw new Error(`eval: ${typeof options.set === 'string' ? options.set : 'set'}: no questions`);
  const mode = options.mode ?? 'auto';
  const { target } = options;
  const units = unitTexts(await target.units());
  const index = await target.index();

  // One untimed round trip first, so the first timed answer does not pay for lazy initialisation.
  await target.answer(questions[0], mode);

  const scores: QuestionScore[] = [];
  for (const q of questions) {
    const gold = resolveGold(q, units);
    const ranked = q.answerable && gold.units.length > 0 ? await target.rank(q) : null;
    const started = performance.now();
    const reply = await target.answer(q, mode);
    const latencyMs = performance.now() - started;
    scores.push(scoreQuestion(q, gold, { ranked, reply, latencyMs }, units));
    options.onProgress?.(scores.length, questions.length);
  }
  return {
    set: typeof options.set === 'string' ? options.set : '(inline)',
    target: target.name,
    ...index,
    mode,
    ...summarise(scores),
    questions: scores,
  };
}
