/**
 * @module server/answer/llm/prompts
 * The prompts are data (prompts/*.md), loaded once into LangChain templates. The system rules go in as a
 * literal message, not a template, so braces in the rules can never be read as template variables. Each
 * intent's instructions (prompts/intents/*.md) reach the user turn as the {instructions} variable's value,
 * which a template inserts as is.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SystemMessage } from '@langchain/core/messages';
import { ChatPromptTemplate, PromptTemplate } from '@langchain/core/prompts';
import { INTENTS, type Intent } from '../../plan/types.js';

export type AnswerVariables = {
  passages: string;
  question: string;
  /** What is asked, in plain words. */
  intent: string;
  /** The kind of fact that would answer it, in plain words ("a date or period"). */
  answer_kind: string;
  /** The intent's instructions, from prompts/intents/. */
  instructions: string;
};
export type CondenseVariables = { history: string; question: string };

export interface Prompts {
  /** The rules, verbatim from prompts/system.md. */
  system: string;
  /** System rules + the user turn carrying the numbered passages and the question. */
  answer: ChatPromptTemplate<AnswerVariables>;
  /** Follow-up + history → one standalone question. */
  condense: PromptTemplate<CondenseVariables>;
  /** How to write the answer, by intent, verbatim from prompts/intents/. */
  intents: Record<Intent, string>;
}

/**
 * Which file of prompts/intents/ instructs each intent. Lookups, overviews and named references share the
 * default (a direct answer, then supporting passages); small talk never reaches the model but has an entry so
 * that every intent has one.
 */
export const INTENT_PROMPT_FILES: Record<Intent, string> = {
  lookup: 'default.md',
  yesno: 'yesno.md',
  enumeration: 'enumeration.md',
  summary: 'summary.md',
  comparison: 'comparison.md',
  timeline: 'timeline.md',
  overview: 'default.md',
  reference: 'default.md',
  smalltalk: 'default.md',
};

const ANSWER_VARIABLES: (keyof AnswerVariables)[] = ['passages', 'question', 'intent', 'answer_kind', 'instructions'];

const MARKER = path.join('prompts', 'system.md');

/**
 * The prompts folder, found by walking up from `from` (this module's folder by default). Walking up rather
 * than a fixed relative path keeps it working both from source (server/answer/llm/) and bundled (dist/server/).
 */
export function findPromptsDir(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, MARKER))) return path.join(dir, 'prompts');
    if (path.dirname(dir) === dir) throw new Error(`prompts: no ${MARKER} found above ${from}`);
  }
}

/**
 * Reads and compiles the prompts in `dir`; throws, naming the file, when one is missing or empty or a
 * template lacks its variables.
 */
export function loadPrompts(dir: string = findPromptsDir()): Prompts {
  const read = (name: string): string => {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch (err) {
      throw new Error(`prompts: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    if (!text) throw new Error(`prompts: ${file} is empty`);
    return text;
  };
  const system = read('system.md');
  const answerText = read('answer.md');
  const condenseText = read('condense.md');
  requireVariables('answer.md', answerText, ANSWER_VARIABLES);
  requireVariables('condense.md', condenseText, ['history', 'question']);
  // Record<Intent, …> from INTENTS: a new intent without a file is a type error here, not a silent default.
  const intents = Object.fromEntries(
    INTENTS.map((intent) => [intent, read(path.join('intents', INTENT_PROMPT_FILES[intent]))]),
  ) as Record<Intent, string>;
  return {
    intents,
    system,
    answer: ChatPromptTemplate.fromMessages<AnswerVariables>([new SystemMessage(system), ['human', answerText]]),
    condense: new PromptTemplate<CondenseVariables>({
      template: condenseText,
      inputVariables: ['history', 'question'],
      templateFormat: 'f-string',
    }),
  };
}

let cached: Prompts | undefined;

/** The project's prompts, read from disk on first use only. */
export function getPrompts(): Prompts {
  cached ??= loadPrompts();
  return cached;
}

// An edited prompt that lost its {question} would otherwise send the model passages with nothing to answer.
function requireVariables(file: string, template: string, names: string[]): void {
  for (const name of names) {
    if (!template.includes(`{${name}}`)) throw new Error(`prompts: ${file} must contain {${name}}`);
  }
}
