/**
 * @module tests/server/answer/answerer-llm-intents.int
 * LLM mode by intent, through the real answerer over the test index and the stand-in OpenAI server: the
 * request the stand-in receives carries the intent's instructions, the expected answer kind and the passages
 * grouped by document in date order; its scripted answer, cited by the numbers it was shown, goes through the
 * post-checks unchanged (a verbatim quote passes, an invented one is flagged QUOTE_NOT_IN_SOURCE).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer } from '../../../server/answer/answerer.js';
import { ANSWER_KIND_WORDS, INTENT_WORDS } from '../../../server/answer/llm/brief.js';
import { findPromptsDir, INTENT_PROMPT_FILES } from '../../../server/answer/llm/prompts.js';
import type { Citation } from '../../../server/answer/types.js';
import type { AnswerKind, Intent } from '../../../server/plan/types.js';
import type { RecordedRequest } from '../../support/fake-openai.js';
import { fakeOpenAIPerTest } from '../../support/llm-fixtures.js';
import { testServices } from '../../support/test-server.js';

const setup = fakeOpenAIPerTest();

beforeAll(async () => {
  await import('../../../server/answer/llm/index.js');
  await testServices();
});

const INVENTED = 'carriers shall be banned from every airport forever';

interface ShownPassage {
  n: number;
  /** The line after its marker: "Recommendation 18 (Section): text". */
  line: string;
  text: string;
}

/** The passages as the stand-in saw them: `## Heading` lines and `[n] Label: text` lines, in order. */
function shownIn(request: RecordedRequest): { headings: string[]; passages: ShownPassage[]; user: string } {
  const user = request.body.messages?.find((m) => m.role === 'user')?.content ?? '';
  const block = user.slice(0, user.indexOf('\n\nWhat is asked:'));
  const headings = [...block.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  const passages = [...block.matchAll(/^\[(\d+)\] (.*)$/gm)].map((m) => ({
    n: Number(m[1]),
    line: m[2],
    text: m[2].slice(m[2].indexOf(': ') + 2),
  }));
  return { headings, passages, user };
}

/** A citation as its passage line shows it. */
const lineOf = (c: Citation) =>
  `${c.label}${c.section ? ` (${c.section})` : ''}: ${c.text.replace(/\s+/g, ' ').trim()}`;

/** Quotes the first passage verbatim and the last one falsely, each with the marker it was shown with. */
function scriptedAnswer(request: RecordedRequest): string {
  const { passages } = shownIn(request);
  const first = passages[0];
  const last = passages.at(-1)!;
  const opening = first.text
    .split(' ')
    .slice(0, 8)
    .join(' ')
    .replace(/[,;:.]$/, '');
  return `The passages say "${opening}" [${first.n}]. They also say "${INVENTED}" [${last.n}].`;
}

/** The real answerer over the test index, its model the stand-in answering with scriptedAnswer. */
async function askThroughStandIn(question: string) {
  const { fake, config } = await setup({ kind: 'reply', text: scriptedAnswer });
  const services = await testServices();
  const answerer = createAnswerer({
    config,
    retriever: services.retriever,
    documents: services.index.documents,
    units: services.index.units,
    stats: services.stats,
  });
  return { reply: await answerer.answer({ question }), fake };
}

const CASES: [Intent, AnswerKind, string][] = [
  ['summary', 'text', 'Summarise what the documents say about trafficking in human beings'],
  ['comparison', 'text', 'Compare the Prague 1997 Recommendations and the 2009 Joint Declaration on return'],
  ['timeline', 'text', 'How did the approach to readmission evolve from 1997 to 2019?'],
  ['enumeration', 'list', 'What are the six priority goals of the Call for Action?'],
  ['yesno', 'yesno', 'Do the Prague 1997 Recommendations call for sanctions against carriers?'],
  ['lookup', 'text', 'What did Prague 1997 say about carrier sanctions?'],
  ['overview', 'text', 'What is the Budapest Process?'],
  ['reference', 'text', 'What does Recommendation 18 of the Prague 1997 Recommendations say?'],
];

describe('LLM mode by intent, through the stand-in', () => {
  it.each(CASES)(
    '%s (%s): instructions and grouped passages sent, the reply post-checked',
    async (intent, kind, question) => {
      const { reply, fake } = await askThroughStandIn(question);
      expect(reply.mode).toBe('llm');
      expect(fake.requests).toHaveLength(1);

      // What the model was told.
      const { headings, passages, user } = shownIn(fake.requests[0]);
      const instructions = readFileSync(path.join(findPromptsDir(), 'intents', INTENT_PROMPT_FILES[intent]), 'utf8');
      expect(user).toContain(instructions.trim());
      expect(user).toContain(`What is asked: ${INTENT_WORDS[intent]}.`);
      expect(user).toContain(`The answer should give ${ANSWER_KIND_WORDS[kind]}.`);
      expect(user).toContain(question);
      expect(passages.map((p) => p.n)).toEqual(passages.map((_, i) => i + 1));
      expect(passages.length).toBeGreaterThan(0);
      const years = headings.map((h) => Number(/\((\d{4})\)$/.exec(h)?.[1]));
      expect(years.every(Number.isFinite)).toBe(true);
      expect(years).toEqual([...years].sort((a, b) => a - b));
      expect(new Set(headings).size).toBe(headings.length);

      // What came back, through the unchanged post-checks: markers mean the passages shown with those numbers.
      const first = passages[0];
      const last = passages.at(-1)!;
      const cited = reply.citations;
      expect(lineOf(cited[0])).toBe(first.line);
      expect(cited[0].valid).toBe(true);
      const invented = reply.flags?.find((f) => f.code === 'QUOTE_NOT_IN_SOURCE');
      expect(invented?.text).toContain(INVENTED);
      const flaggedN = first.n === last.n ? 1 : 2;
      expect(invented?.citations).toEqual([flaggedN]);
      expect(lineOf(cited[flaggedN - 1])).toBe(last.line);
      expect(cited[flaggedN - 1].valid).toBe(false);
      expect(reply.flags?.filter((f) => f.code === 'QUOTE_NOT_IN_SOURCE')).toHaveLength(1);
      expect(reply.unsupported).toContain(`They also say "${INVENTED}" [${flaggedN}].`);
    },
  );

  it('a question over several documents is told which of them have no passage', async () => {
    const { fake } = await askThroughStandIn(
      'Compare what the Prague 1997 Recommendations and the Vienna 2005 meeting say about carrier sanctions',
    );
    const { headings, user } = shownIn(fake.requests[0]);
    const named = ['Prague 1997 Recommendations (1997)', 'Vienna 2005 Bali–Budapest Joint Meeting (2005)'];
    // Each document asked about is either given with passages or named as having none, never both.
    for (const heading of named) {
      const silent = new RegExp(`no passage on this: [^\\n]*${heading.replace(/[()]/g, '\\$&')}`).test(user);
      expect(headings.includes(heading) !== silent, heading).toBe(true);
    }
    expect(headings.every((h) => named.includes(h))).toBe(true);
  });
});
