/**
 * @module tests/web/stream.test
 * The SSE parser and the chat client over a stubbed fetch: tokens arrive in arbitrary chunks, the `done`
 * event carries the reply, `error` events and cut streams become ApiErrors, and a JSON reply still works.
 */
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  askStreaming,
  attachmentName,
  exportAnswer,
  fetchDocuments,
  toChatReply,
} from '../../web/src/api.js';
import { SseParser } from '../../web/src/sse.js';
import type { ChatReply } from '../../web/src/types.js';

const REPLY: ChatReply = {
  answer: 'Carriers should be fined [1].',
  citations: [
    {
      n: 1,
      id: 'prague-1997:rec-18',
      documentId: 'prague-1997',
      documentTitle: 'Prague',
      label: 'Recommendation 18',
      section: '',
      quote: 'sanctions be introduced against carriers',
      text: 'Recommend that sanctions be introduced against carriers',
      page: null,
      url: '/documents/prague-1997#rec-18',
      reference: 'Prague 1997 Recommendations (14 Oct 1997), Recommendation 18',
      valid: true,
    },
  ],
  grounded: true,
  mode: 'extractive',
};

function sse(events: Array<[string, unknown]>): string {
  return events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}

/** A fetch answering with `body` cut into `chunkSize`-byte pieces, recording what was requested. */
function stubFetch(body: string, init: ResponseInit & { chunkSize?: number } = {}) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const bytes = new TextEncoder().encode(body);
  const size = init.chunkSize ?? 7;
  const fetchImpl = async (url: string, req?: RequestInit): Promise<Response> => {
    calls.push({ url, init: req });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
        controller.close();
      },
    });
    return new Response(stream, {
      status: init.status ?? 200,
      headers: init.headers ?? { 'content-type': 'text/event-stream' },
    });
  };
  return { fetchImpl, calls };
}

describe('SseParser', () => {
  it('parses events split across arbitrary chunks, CRLF included', () => {
    const text = ': keep-alive\r\nevent: token\r\ndata: {"text":"a"}\r\n\r\nevent: done\ndata: line1\ndata: line2\n\n';
    for (let size = 1; size <= text.length; size++) {
      const p = new SseParser();
      const events = [];
      for (let i = 0; i < text.length; i += size) events.push(...p.push(text.slice(i, i + size)));
      events.push(...p.flush());
      expect(events).toEqual([
        { event: 'token', data: '{"text":"a"}' },
        { event: 'done', data: 'line1\nline2' },
      ]);
    }
  });

  it('defaults the event name to "message" and delivers a final event without its blank line', () => {
    const p = new SseParser();
    expect(p.push('data: x\n\ndata:y')).toEqual([{ event: 'message', data: 'x' }]);
    expect(p.flush()).toEqual([{ event: 'message', data: 'y' }]);
  });

  it('ignores an event with no data', () => {
    expect(new SseParser().push('event: ping\n\n')).toEqual([]);
  });
});

describe('askStreaming', () => {
  it('streams tokens, returns the done reply, and posts question, history and documents', async () => {
    const body = sse([
      ['token', { text: 'Carriers ' }],
      ['token', { text: 'should be fined [1].' }],
      ['done', REPLY],
    ]);
    const { fetchImpl, calls } = stubFetch(body, { chunkSize: 5 });
    const tokens: string[] = [];
    const reply = await askStreaming({
      question: 'And fraud?',
      history: [{ role: 'user', content: 'carriers?' }],
      documents: ['prague-1997'],
      onToken: (t) => tokens.push(t),
      fetch: fetchImpl,
    });
    expect(tokens.join('')).toBe('Carriers should be fined [1].');
    expect(reply).toEqual(REPLY);
    expect(calls[0].url).toBe('/api/chat');
    expect(new Headers(calls[0].init?.headers).get('accept')).toBe('text/event-stream');
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({
      question: 'And fraud?',
      history: [{ role: 'user', content: 'carriers?' }],
      mode: 'auto',
      documents: ['prague-1997'],
    });
  });

  it('discards streamed text on a reset event and keeps what follows', async () => {
    const body = sse([
      ['token', { text: 'The model began ' }],
      ['reset', {}],
      ['token', { text: 'Offline answer [1].' }],
      ['done', REPLY],
    ]);
    const { fetchImpl } = stubFetch(body, { chunkSize: 7 });
    let shown = '';
    const reply = await askStreaming({
      question: 'q',
      history: [],
      onToken: (t) => (shown += t),
      onReset: () => (shown = ''),
      fetch: fetchImpl,
    });
    expect(shown).toBe('Offline answer [1].');
    expect(reply).toEqual(REPLY);
  });

  it('omits documents when none are chosen', async () => {
    const { fetchImpl, calls } = stubFetch(sse([['done', REPLY]]));
    await askStreaming({ question: 'q', history: [], documents: [], fetch: fetchImpl });
    expect(JSON.parse(String(calls[0].init?.body))).not.toHaveProperty('documents');
  });

  it('accepts a plain JSON reply', async () => {
    const { fetchImpl } = stubFetch(JSON.stringify(REPLY), { headers: { 'content-type': 'application/json' } });
    await expect(askStreaming({ question: 'q', history: [], fetch: fetchImpl })).resolves.toEqual(REPLY);
  });

  it('turns an error event into an ApiError with the matching status', async () => {
    const { fetchImpl } = stubFetch(
      sse([
        ['token', { text: 'Carr' }],
        ['error', { error: { code: 'UPSTREAM_FAILED', message: 'LLM timed out' } }],
      ]),
    );
    const err = await askStreaming({ question: 'q', history: [], fetch: fetchImpl }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 503, code: 'UPSTREAM_FAILED', message: 'LLM timed out' });
  });

  it('reports a stream that ends before done as STREAM_CUT', async () => {
    const { fetchImpl } = stubFetch(sse([['token', { text: 'Carr' }]]));
    await expect(askStreaming({ question: 'q', history: [], fetch: fetchImpl })).rejects.toMatchObject({
      status: 0,
      code: 'STREAM_CUT',
    });
  });

  it('reads the error body of a failed request', async () => {
    const { fetchImpl } = stubFetch(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'slow down' } }), {
      status: 429,
      headers: { 'content-type': 'application/json' },
    });
    await expect(askStreaming({ question: 'q', history: [], fetch: fetchImpl })).rejects.toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
      message: 'slow down',
    });
    const { fetchImpl: html } = stubFetch('<html>Bad gateway</html>', {
      status: 502,
      headers: { 'content-type': 'text/html' },
    });
    await expect(askStreaming({ question: 'q', history: [], fetch: html })).rejects.toMatchObject({
      status: 502,
      code: 'HTTP_502',
    });
  });

  it('reports no response at all as status 0', async () => {
    const down = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    await expect(askStreaming({ question: 'q', history: [], fetch: down })).rejects.toMatchObject({
      status: 0,
      code: 'NETWORK',
    });
  });
});

describe('reply shape checks', () => {
  it('rejects a reply without an answer and fills gaps in citations', () => {
    expect(() => toChatReply({ nope: 1 })).toThrow(ApiError);
    const r = toChatReply({
      answer: 'a',
      citations: [{ n: 1 }, 'junk'],
      grounded: false,
      closestMatches: [{ label: 'L' }],
    });
    expect(r.citations).toHaveLength(1);
    expect(r.citations[0]).toMatchObject({ n: 1, quote: '', url: '/documents', valid: true });
    expect(r.mode).toBe('extractive');
    expect(r.closestMatches?.[0]).toMatchObject({ label: 'L', url: '/documents' });
  });

  it('reads the document list', async () => {
    const { fetchImpl } = stubFetch(
      JSON.stringify({
        documents: [
          { id: 'a', title: 'T', shortTitle: 'S', date: null, place: null, kind: 'publication', unitCount: 3 },
        ],
      }),
      { headers: { 'content-type': 'application/json' } },
    );
    await expect(fetchDocuments(fetchImpl)).resolves.toEqual([
      {
        id: 'a',
        title: 'T',
        shortTitle: 'S',
        date: null,
        year: null,
        dateSource: null,
        place: null,
        kind: 'publication',
        unitCount: 3,
      },
    ]);
  });

  it('reads each document’s year and where its date comes from', async () => {
    const { fetchImpl } = stubFetch(
      JSON.stringify({
        documents: [
          {
            id: 'call-for-action',
            title: 'T',
            shortTitle: 'Call for Action',
            date: null,
            year: 2019,
            dateSource: 'budapest-process-30-years: “… in February 2019”',
            unitCount: 37,
          },
          { id: 'b', year: '2019', dateSource: '  ' },
        ],
      }),
      { headers: { 'content-type': 'application/json' } },
    );
    const [cfa, b] = await fetchDocuments(fetchImpl);
    expect(cfa).toMatchObject({ year: 2019, dateSource: 'budapest-process-30-years: “… in February 2019”' });
    expect(b).toMatchObject({ year: null, dateSource: null });
  });

  it('keeps flags, unsupported sentences and why a citation failed; drops malformed ones', () => {
    const r = toChatReply({
      answer: 'Carriers pay 5000 euros [1].',
      citations: [
        { n: 1, valid: false, problem: 'quote not found in this unit' },
        { n: 2, valid: false, problem: 3 },
      ],
      grounded: true,
      unsupported: ['Carriers pay 5000 euros [1].', 7, ''],
      flags: [
        {
          code: 'QUOTE_NOT_IN_SOURCE',
          text: 'Carriers pay 5000 euros [1].',
          reason: 'not in Recommendation 18',
          citations: [1, 'x'],
        },
        { code: 'MADE_UP', text: 'x', reason: 'y', citations: [] },
        'junk',
      ],
    });
    expect(r.citations[0]).toMatchObject({ valid: false, problem: 'quote not found in this unit' });
    expect(r.citations[1]).not.toHaveProperty('problem');
    expect(r.unsupported).toEqual(['Carriers pay 5000 euros [1].']);
    expect(r.flags).toEqual([
      {
        code: 'QUOTE_NOT_IN_SOURCE',
        text: 'Carriers pay 5000 euros [1].',
        reason: 'not in Recommendation 18',
        citations: [1],
      },
    ]);
    expect(toChatReply({ answer: 'a', flags: [], unsupported: [] })).not.toHaveProperty('flags');
  });
});

describe('a finished stream', () => {
  it('is read to its end after done rather than cut off (a cut response is a failed request)', async () => {
    let cancelled = false;
    let closedByServer = false;
    const body = sse([
      ['token', { text: 'x' }],
      ['done', REPLY],
    ]);
    const fetchImpl = async (): Promise<Response> => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(body));
          setTimeout(() => {
            closedByServer = true;
            controller.close();
          }, 20);
        },
        cancel() {
          cancelled = true;
        },
      });
      return new Response(stream, { headers: { 'content-type': 'text/event-stream' } });
    };
    await expect(askStreaming({ question: 'q', history: [], fetch: fetchImpl })).resolves.toEqual(REPLY);
    expect(closedByServer).toBe(true);
    expect(cancelled).toBe(false);
  });
});

describe('exportAnswer', () => {
  it('posts the answer with only what footnotes need, and returns the file and its name', async () => {
    const calls: Array<{ url: string; body: unknown }> = [];
    const fetchImpl = async (url: string, init?: RequestInit): Promise<Response> => {
      calls.push({ url, body: JSON.parse(String(init?.body)) });
      return new Response('# Q\n\nA[^1]\n', {
        headers: {
          'content-type': 'text/markdown; charset=utf-8',
          'content-disposition': 'attachment; filename="answer.md"',
        },
      });
    };
    const file = await exportAnswer(
      'markdown',
      { question: ' Q ', answer: REPLY.answer, citations: [{ ...REPLY.citations[0], link: 'https://x.org/d' }] },
      fetchImpl,
    );
    expect(file.filename).toBe('answer.md');
    expect(await file.blob.text()).toContain('[^1]');
    expect(calls).toEqual([
      {
        url: '/api/export',
        body: {
          format: 'markdown',
          question: 'Q',
          answer: REPLY.answer,
          citations: [
            {
              n: 1,
              id: 'prague-1997:rec-18',
              quote: 'sanctions be introduced against carriers',
              reference: 'Prague 1997 Recommendations (14 Oct 1997), Recommendation 18',
              url: '/documents/prague-1997#rec-18',
              link: 'https://x.org/d',
            },
          ],
        },
      },
    ]);
  });

  it('reads the attachment name, falling back when it is missing or odd', () => {
    expect(attachmentName('attachment; filename="answer.docx"', 'x')).toBe('answer.docx');
    expect(attachmentName('attachment; filename=answer.md', 'x')).toBe('answer.md');
    expect(attachmentName('attachment; filename="../../etc/passwd"', 'answer.md')).toBe('answer.md');
    expect(attachmentName(null, 'answer.md')).toBe('answer.md');
  });

  it('turns an error response into an ApiError', async () => {
    const fetchImpl = async (): Promise<Response> =>
      new Response(JSON.stringify({ error: { code: 'INVALID_REQUEST', message: 'export: bad' } }), {
        status: 400,
        headers: { 'content-type': 'application/json' },
      });
    await expect(exportAnswer('docx', { answer: 'a', citations: [] }, fetchImpl)).rejects.toMatchObject({
      status: 400,
      code: 'INVALID_REQUEST',
    });
  });
});
