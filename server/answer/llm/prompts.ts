/**
 * @module server/answer/llm/prompts
 * The prompts are data (prompts/*.md), loaded once into LangChain templates. The system rules go in as a
 * literal message, not a template, so braces in the rules can never be read as template variables.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SystemMessage } from '@langchain/core/messages';
import { ChatPromptTemplate, PromptTemplate } from '@langchain/core/prompts';

export type AnswerVariables = { passages: string; question: string };
export type CondenseVariables = { history: string; question: string };

export interface Prompts {
  /** The rules, verbatim from prompts/system.md. */
  system: string;
  /** System rules + the user turn carrying the numbered passages and the question. */
  answer: ChatPromptTemplate<AnswerVariables>;
  /** Follow-up + history → one standalone question. */
  condense: PromptTemplate<CondenseVariables>;
}

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

/** Reads and compiles the prompts in `dir`; throws when a file is missing or a template lacks its variables. */
export function loadPrompts(dir: string = findPromptsDir()): Prompts {
  const read = (name: string): string => readFileSync(path.join(dir, name), 'utf8').trim();
  const system = read('system.md');
  const answerText = read('answer.md');
  const condenseText = read('condense.md');
  requireVariables('answer.md', answerText, ['passages', 'question']);
  requireVariables('condense.md', condenseText, ['history', 'question']);
  return {
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
