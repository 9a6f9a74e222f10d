/**
 * @module tests/server/routes/flags.int
 * A made-up quote or claim never looks verified (issue #12), end to end: a stand-in OpenAI server writes the
 * issue's two sentences, and /api/chat (JSON and streamed) and /v1/chat/completions flag them and mark their
 * citations invalid. /v1 content loses model-written HTML and javascript:/data: links, which Markdown front
 * ends would render.
 */
import request from 'supertest';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerFlag, ChatReply } from '../../../server/answer/types.js';
import { citing, startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai.js';
import { standInOpenAI } from '../../support/llm-fixtures.js';
import { testApp } from '../../support/test-server.js';
import { GOOD_QUESTION } from '../../reliability/helpers.js';

const INVENTED =
  '“All migrants shall be detained indefinitely without review” [1]. Recommendation 55 says carriers are exempt [2].';
const FAITHFUL = 'Recommendation 18 asks that “sanctions be introduced against carriers” [1].';
const HOSTILE =
  'Carriers are fined [1]. <script>alert(1)</script><img src=x onerror="alert(2)"> See [this](javascript:alert(3)), ' +
  '![pixel](data:image/png;base64,AAAA) and [the text](https://www.budapestprocess.org/) [1].';

let fake: FakeOpenAI;
let app: Express;
beforeAll(async () => {
  fake = await startFakeOpenAI({ kind: 'reply', text: INVENTED });
  app = await testApp({ openai: standInOpenAI(fake.url) });
});
afterAll(() => fake.close());

const chat = (accept?: string) => {
  const req = request(app).post('/api/chat');
  if (accept) req.set('Accept', accept);
  return req.send({ question: GOOD_QUESTION }).expect(200);
};

function expectIssueFlags(reply: Pick<ChatReply, 'flags' | 'citations' | 'unsupported'>): void {
  const flags = reply.flags ?? [];
  expect(flags.map((f: AnswerFlag) => [f.code, f.citations])).toEqual(
    expect.arrayContaining([
      ['QUOTE_NOT_IN_SOURCE', [1]],
      ['UNIT_NOT_CITED', [2]],
    ]),
  );
  expect(flags.find((f) => f.code === 'QUOTE_NOT_IN_SOURCE')?.text).toBe(
    '“All migrants shall be detained indefinitely without review”',
  );
  expect(flags.find((f) => f.code === 'UNIT_NOT_CITED')?.reason).toMatch(/names Recommendation 55 but cites/);
  for (const c of reply.citations) {
    expect(c.valid).toBe(false);
    expect(c.problem).toEqual(expect.any(String));
  }
  expect(reply.unsupported).toEqual(
    expect.arrayContaining([
      expect.stringContaining('All migrants shall be detained'),
      'Recommendation 55 says carriers are exempt [2].',
    ]),
  );
}

describe('/api/chat with an invented quote and a wrongly cited unit', () => {
  it('flags both, and neither citation is valid (JSON)', async () => {
    fake.setBehaviour({ kind: 'reply', text: INVENTED });
    const reply = (await chat()).body as ChatReply;
    expect(reply.mode).toBe('llm');
    expect(reply.citations).toHaveLength(2);
    expect(reply.citations[1].id).not.toBe('prague-1997:rec-55');
    expectIssueFlags(reply);
  });

  it('flags both in the streamed `done` event too', async () => {
    fake.setBehaviour({ kind: 'reply', text: INVENTED });
    const res = await chat('text/event-stream');
    const done = /^event: done\ndata: (.*)$/m.exec(res.text)?.[1];
    expectIssueFlags(JSON.parse(done ?? '{}') as ChatReply);
  });

  it('raises no flag, and keeps the citation valid, for a faithful quote', async () => {
    fake.setBehaviour({ kind: 'reply', text: citing('Recommendation 18', FAITHFUL) });
    const reply = (await chat()).body as ChatReply;
    expect(reply.citations.map((c) => [c.id, c.valid])).toEqual([['prague-1997:rec-18', true]]);
    expect(reply.flags).toBeUndefined();
    expect(reply.unsupported).toEqual([]);
  });
});

describe('/v1/chat/completions', () => {
  const completions = (stream: boolean) =>
    request(app)
      .post('/v1/chat/completions')
      .send({ stream, messages: [{ role: 'user', content: GOOD_QUESTION }] })
      .expect(200);

  it('carries the flags and invalid citations in its extra fields, and says NOT VERIFIED in the sources', async () => {
    fake.setBehaviour({ kind: 'reply', text: INVENTED });
    const body = (await completions(false)).body as {
      flags: AnswerFlag[];
      citations: ChatReply['citations'];
      unsupported: string[];
      choices: { message: { content: string; flags: AnswerFlag[] } }[];
    };
    expectIssueFlags(body);
    expect(body.choices[0].message.flags).toEqual(body.flags);
    expect(body.choices[0].message.content).toMatch(/\[1\] [^\n]+NOT VERIFIED: A quotation attributed to it/);
  });

  it('removes model-written HTML and javascript:/data: links from content, JSON and streamed', async () => {
    fake.setBehaviour({ kind: 'reply', text: HOSTILE });
    const json = (await completions(false)).body as { choices: { message: { content: string } }[] };
    const streamed = [...(await completions(true)).text.matchAll(/^data: (\{.*\})$/gm)]
      .map((m) => JSON.parse(m[1]) as { choices: { delta: { content?: string } }[] })
      .map((c) => c.choices[0]?.delta.content ?? '')
      .join('');
    for (const content of [json.choices[0].message.content, streamed]) {
      expect(content).toContain('Carriers are fined [1].');
      expect(content).not.toMatch(/<script|<img|onerror|alert\(1\)|javascript:|data:image/i);
      expect(content).toContain('[this](#)');
      expect(content).toContain('![pixel](#)');
      expect(content).toContain('[the text](https://www.budapestprocess.org/)');
    }
    // The page renders answers as text: /api/chat keeps the model's words as written.
    const reply = (await chat()).body as ChatReply;
    expect(reply.answer).toContain('<script>');
  });
});
