/**
 * @module tests/server/answer/llm/prompts
 * The prompts are data: every intent has its instructions in prompts/intents/, they reach the user turn the
 * model is sent, and a missing or broken prompt file stops the load with a message naming it.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWER_KIND_WORDS, answerVariables, INTENT_WORDS } from '../../../../server/answer/llm/brief.js';
import { numberPassages } from '../../../../server/answer/llm/passages.js';
import { findPromptsDir, INTENT_PROMPT_FILES, loadPrompts } from '../../../../server/answer/llm/prompts.js';
import { INTENTS, type Intent } from '../../../../server/plan/types.js';
import { PRAGUE_1997, REC_18 } from '../../../support/llm-fixtures.js';

const PROMPTS = findPromptsDir();
const prompts = loadPrompts(PROMPTS);
const instructionsOf = (intent: Intent) =>
  readFileSync(path.join(PROMPTS, 'intents', INTENT_PROMPT_FILES[intent]), 'utf8').trim();

const passages = numberPassages([
  { unit: REC_18, document: PRAGUE_1997, score: 0.9, lexical: 0.9, vector: 0.8, referenced: false },
]);

describe('the intent instructions', () => {
  it.each([
    ['summary', 'summary.md', /bold heading with the document's name and year/],
    ['comparison', 'comparison.md', /markdown table/],
    ['timeline', 'timeline.md', /dated entries in date order/],
    ['enumeration', 'enumeration.md', /numbered markdown list/],
    ['yesno', 'yesno.md', /"Yes\." or "No\."/],
    ['lookup', 'default.md', /answer the question directly/],
    ['overview', 'default.md', /defining sentences/],
    ['reference', 'default.md', /answer the question directly/],
  ] as const)('%s: %s reaches the user turn the model is sent', async (intent, file, says) => {
    expect(INTENT_PROMPT_FILES[intent]).toBe(file);
    expect(prompts.intents[intent]).toBe(instructionsOf(intent));
    expect(prompts.intents[intent]).toMatch(says);
    const plan = { intent, answerKind: 'date', acrossDocuments: false, scope: null } as const;
    const messages = await prompts.answer.formatMessages(
      answerVariables({ question: 'When?', plan, passages }, prompts.intents),
    );
    expect(messages).toHaveLength(2);
    expect(messages[0].content).toBe(prompts.system);
    const user = String(messages[1].content);
    expect(user).toContain(prompts.intents[intent]);
    expect(user).toContain(`What is asked: ${INTENT_WORDS[intent]}.`);
    expect(user).toContain('The answer should give a date or period.');
    expect(user).toContain('## Prague 1997 Recommendations (1997)\n\n[1] Recommendation 18: Recommend that sanctions');
    expect(user).not.toMatch(/\{(?:intent|answer_kind|instructions|passages|question)\}/);
  });

  it('has a file for every intent, each different from the default except lookup, overview and reference', () => {
    for (const intent of INTENTS) expect(prompts.intents[intent].length).toBeGreaterThan(50);
    const shared = INTENTS.filter((i) => prompts.intents[i] === prompts.intents.lookup);
    expect(shared.sort()).toEqual(['lookup', 'overview', 'reference', 'smalltalk']);
  });

  it.each([
    ['amount', 'an amount (a sum, fee, fine or budget)'],
    ['count', 'a number (how many)'],
    ['date', 'a date or period'],
    ['place', 'a place'],
    ['body', 'a body, organisation, country or person'],
    ['list', 'a list of items'],
    ['yesno', 'a yes or no, with what the passages state'],
    ['text', 'an explanation in plain words'],
  ] as const)('says the answer kind %s in plain words: "%s"', async (answerKind, words) => {
    expect(ANSWER_KIND_WORDS[answerKind]).toBe(words);
    const plan = { intent: 'lookup', answerKind, acrossDocuments: false, scope: null } as const;
    const messages = await prompts.answer.formatMessages(
      answerVariables({ question: 'Q?', plan, passages }, prompts.intents),
    );
    expect(String(messages[1].content)).toContain(`The answer should give ${words}.`);
  });
});

describe('the system rules', () => {
  it('require quotes verbatim from the passages, in double quotes, each with its [n] marker', () => {
    expect(prompts.system).toMatch(/verbatim/);
    expect(prompts.system).toMatch(/inside double quotes/);
    expect(prompts.system).toMatch(/each quote followed by the \[n\] marker/);
  });
});

describe('loading a broken prompts folder', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const copy = (): string => {
    dir = mkdtempSync(path.join(tmpdir(), 'prompts-'));
    cpSync(PROMPTS, dir, { recursive: true });
    return dir;
  };

  it.each(['timeline.md', 'default.md', 'yesno.md'])('fails naming intents/%s when it is missing', (file) => {
    const copied = copy();
    unlinkSync(path.join(copied, 'intents', file));
    expect(() => loadPrompts(copied)).toThrow(`prompts: cannot read ${path.join(copied, 'intents', file)}: ENOENT`);
  });

  it('fails naming an intent file that is empty', () => {
    const copied = copy();
    writeFileSync(path.join(copied, 'intents', 'summary.md'), '  \n');
    expect(() => loadPrompts(copied)).toThrow(`prompts: ${path.join(copied, 'intents', 'summary.md')} is empty`);
  });

  it.each(['intent', 'answer_kind', 'instructions'])('fails when answer.md lost {%s}', (name) => {
    const copied = copy();
    const file = path.join(copied, 'answer.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(`{${name}}`, name));
    expect(() => loadPrompts(copied)).toThrow(`prompts: answer.md must contain {${name}}`);
  });
});
