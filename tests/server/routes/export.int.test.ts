/**
 * @module tests/server/routes/export.int
 * POST /api/export with a real /api/chat reply: Markdown with one footnote per citation (reference, quote,
 * link), and a Word document opened as the zip it is, its word/footnotes.xml read back and its footnote
 * references found in word/document.xml where the markers were.
 */
import request from 'supertest';
import type { Express } from 'express';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChatReply } from '../../../server/answer/types.js';
import { DOCX_TYPE } from '../../../server/routes/export.js';
import { testApp } from '../../support/test-server.js';

const PUBLIC_URL = 'https://assistant.example.org';
const QUESTION = 'What did Prague 1997 say about carrier sanctions?';

let app: Express;
let reply: ChatReply;
beforeAll(async () => {
  app = await testApp({ publicUrl: PUBLIC_URL });
  reply = (await request(app).post('/api/chat').send({ question: QUESTION }).expect(200)).body as ChatReply;
  expect(reply.citations.length).toBeGreaterThan(0);
});

/** The text of a WordprocessingML part, runs joined, one line per paragraph. */
function wordText(xml: string): string {
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:footnoteReference w:id="(\d+)"\/>/g, '{fn$1}')
    .replace(/<[^<>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

function binary(res: request.Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('POST /api/export (markdown, the default)', () => {
  it('returns the answer with [^n] footnotes: reference, quote and link', async () => {
    const res = await request(app)
      .post('/api/export')
      .send({ ...reply, question: QUESTION })
      .expect(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=answer.md');
    const markdown = res.text;
    expect(markdown.startsWith(`# ${QUESTION}\n`)).toBe(true);
    expect(markdown).not.toMatch(/\[\d+\]/);
    for (const c of reply.citations) {
      expect(markdown).toContain(`[^${c.n}]`);
      expect(markdown).toContain(
        `[^${c.n}]: ${c.reference}. “${c.quote.replace(/\s+/g, ' ').trim()}” <${PUBLIC_URL}${c.url}>`,
      );
    }
    expect(markdown).toContain('[^1]: Prague 1997 Recommendations (14 Oct 1997), Recommendation 18.');
  });

  it('gives a citation sent without reference or link the ones its unit has', async () => {
    const res = await request(app)
      .post('/api/export')
      .send({ answer: 'Carriers can be fined [1].', citations: [{ n: 1, id: 'call-for-action:pg-1.1' }] })
      .expect(200);
    expect(res.text).toBe(
      `Carriers can be fined[^1].\n\n[^1]: Call for Action (2019), Priority Goal 1, Action 1. <${PUBLIC_URL}/documents/call-for-action#pg-1.1>\n`,
    );
  });

  it.each([
    [{ answer: 'x [1]', citations: [{ n: 1, id: 'nope:rec-1' }] }, /citations\.0\.id: no unit "nope:rec-1"/],
    [{ answer: 'x', citations: [], format: 'pdf' }, /format/],
    [{ citations: [] }, /answer/],
  ])('refuses %j with 400', async (body, message) => {
    const res = await request(app).post('/api/export').send(body).expect(400);
    expect(res.body.error.code).toBe('INVALID_REQUEST');
    expect(res.body.error.message).toMatch(message);
  });
});

describe('POST /api/export (docx)', () => {
  it('returns a Word document whose footnotes hold each citation’s reference, quote and link', async () => {
    const res = await request(app)
      .post('/api/export')
      .send({ ...reply, question: QUESTION, format: 'docx' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe(DOCX_TYPE);
    expect(res.headers['content-disposition']).toBe('attachment; filename=answer.docx');
    const files = unzipSync(new Uint8Array(res.body as Buffer));
    const footnotesXml = strFromU8(files['word/footnotes.xml']);
    const documentXml = strFromU8(files['word/document.xml']);
    const relsXml = strFromU8(files['word/_rels/footnotes.xml.rels'] ?? new Uint8Array());

    const footnotes = wordText(footnotesXml);
    const body = wordText(documentXml);
    expect(body).toContain(QUESTION);
    expect(body).not.toMatch(/\[\d+\]/);
    for (const c of reply.citations) {
      expect(body).toContain(`{fn${c.n}}`);
      expect(footnotes).toContain(`${c.reference}. “${c.quote.replace(/\s+/g, ' ').trim()}” ${PUBLIC_URL}${c.url}`);
      // Word keeps an external link's #fragment apart: the address in the relationship, the fragment as w:anchor.
      const [address, fragment] = `${PUBLIC_URL}${c.url}`.split('#');
      expect(relsXml).toContain(`Target="${address}" TargetMode="External"`);
      expect(footnotesXml).toContain(`w:anchor="${fragment}"`);
    }
    expect(footnotesXml.match(/<w:footnote [^>]*w:id="[1-9]\d*"/g)).toHaveLength(reply.citations.length);
  });

  it('keeps the answer’s Markdown headings, bullets and bold as Word’s own', async () => {
    const res = await request(app)
      .post('/api/export')
      .send({
        format: 'docx',
        answer: '## Prague 1997\n\n- Carriers are **fined** [1].',
        citations: [{ n: 1, id: 'prague-1997:rec-18', quote: 'by fining' }],
      })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const documentXml = strFromU8(unzipSync(new Uint8Array(res.body as Buffer))['word/document.xml']);
    expect(documentXml).toMatch(
      /<w:pStyle w:val="Heading2"\/><\/w:pPr><w:r><w:t xml:space="preserve">Prague 1997<\/w:t>/,
    );
    expect(documentXml).toMatch(/<w:numPr>.*Carriers are /);
    expect(documentXml).toMatch(/<w:b\/>.*fined/);
    expect(wordText(documentXml)).toContain('Carriers are fined{fn1}.');
  });
});
