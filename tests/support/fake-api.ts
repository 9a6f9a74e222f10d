/**
 * @module tests/support/fake-api
 * A stand-in for the real server, used only until it exists: serves the built page (dist/web) with the same
 * Content-Security-Policy and client-side-routing fallback, and answers the API per the contract — the
 * document list, whole documents, and /api/chat as JSON or SSE. Units are cut from the real corpus with a
 * rough paragraph splitter and answers are keyword-matched extracts, so quotes are verbatim and the page is
 * exercised with realistic text. It is not the retrieval or answer logic; tests must not rely on its ranking
 * beyond the few questions the browser tests ask.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { type Request, type Response } from 'express';
import type { ChatReply, ChatTurn, Citation, ClosestMatch } from '../../server/answer/types.js';
import type { PublicUnit } from '../../server/catalogue.js';
import type { DocumentMeta } from '../../core/types.js';
import { citationReference } from '../../server/answer/reference.js';
import { ROOT } from './paths.js';

/** The CSP the real server sends; the fake sends it too so a CSP violation shows up in the browser tests. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

type FakeUnit = PublicUnit;

interface FakeDoc {
  meta: DocumentMeta;
  units: FakeUnit[];
}

/** Cuts a corpus text into units: numbered paragraphs ("18. …"), headings, and other paragraphs. */
function cutUnits(meta: DocumentMeta, raw: string): FakeUnit[] {
  const blocks = raw
    .split(/\n\s*\n/)
    .map((b) =>
      b
        .replace(/(?<![ \t])[ \t]+\n/g, '\n')
        .replace(/-\n(?=[a-z])/g, '')
        .replace(/(?<!\s)\s*\n\s*/g, ' ')
        .trim(),
    )
    .filter(Boolean);
  // Rejoin blocks split mid-sentence (some files have a blank line after every line).
  const merged: string[] = [];
  for (const b of blocks) {
    const prev = merged[merged.length - 1];
    if (prev !== undefined && !/[.;:!?”")]$/.test(prev) && /^[a-z(]/.test(b))
      merged[merged.length - 1] = `${prev} ${b}`;
    else merged.push(b);
  }
  const units: FakeUnit[] = [];
  let section = '';
  let para = 0;
  const used = new Set<string>();
  const add = (u: FakeUnit): void => {
    let id = u.id;
    for (let i = 2; used.has(id); i++) id = `${u.id}-${i}`;
    used.add(id);
    units.push({ ...u, id });
  };
  for (const text of merged) {
    const numbered = /^(\d{1,3})\.\s+/.exec(text);
    const isHeading =
      !numbered &&
      text.length < 90 &&
      !/[.;,]$/.test(text) &&
      (/^\([a-z]\)\s/.test(text) || /^[A-Z0-9 ’'–-]+$/.test(text) || /^Priority Goal \d+$/i.test(text));
    if (isHeading) {
      section = text;
      add({
        id: `${meta.id}:h-${units.length + 1}`,
        label: text,
        kind: 'heading',
        number: null,
        section: '',
        text,
        page: 1,
      });
      continue;
    }
    if (numbered) {
      const n = Number(numbered[1]);
      const rec = meta.structure === 'recommendations';
      add({
        id: `${meta.id}:${rec ? 'rec' : 'para'}-${n}`,
        label: `${rec ? 'Recommendation' : 'Paragraph'} ${n}`,
        kind: rec ? 'recommendation' : 'paragraph',
        number: n,
        section,
        text: text.slice(numbered[0].length),
        page: 1,
      });
      continue;
    }
    para += 1;
    add({
      id: `${meta.id}:p-${para}`,
      label: `Passage ${para}`,
      kind: 'paragraph',
      number: para,
      section,
      text,
      page: 1,
    });
  }
  return units;
}

function loadCorpus(): FakeDoc[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'corpus', 'manifest.json'), 'utf8')) as {
    documents: DocumentMeta[];
  };
  return manifest.documents.map((meta) => ({
    meta,
    units: cutUnits(meta, readFileSync(path.join(ROOT, 'corpus', meta.file), 'utf8')),
  }));
}

const STOP = new Set(
  'a an and are as at be by did do does for from how in is it its of on or say said should the their them they this to was were what when where which who why will with about within there these those into than then also any all can between change changed position'.split(
    ' ',
  ),
);

function terms(text: string): string[] {
  return [
    ...new Set(
      text
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 2 && !STOP.has(w))
        .map((w) => w.replace(/ies$/, 'y').replace(/s$/, '')),
    ),
  ];
}

function mentionedDocs(docs: FakeDoc[], text: string): FakeDoc[] {
  const lower = text.toLowerCase();
  return docs.filter((d) => [d.meta.shortTitle, ...d.meta.aliases].some((a) => lower.includes(a.toLowerCase())));
}

/** The sentence of `text` sharing most terms with the question: a verbatim substring, as quotes must be. */
function bestSentence(text: string, qTerms: string[]): string {
  const sentences = text.split(/(?<=[.;])\s+/);
  let best = sentences[0] ?? text;
  let bestScore = -1;
  for (const s of sentences) {
    const st = new Set(terms(s));
    const score = qTerms.filter((t) => st.has(t)).length;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

interface Hit {
  doc: FakeDoc;
  unit: FakeUnit;
  score: number;
}

/** The canned answer for a question: keyword-matched units, quoted, or declined when too little matches. */
export function fakeAnswer(
  docs: FakeDoc[],
  question: string,
  history: ChatTurn[],
  only: string[] | undefined,
): ChatReply {
  let scope = only?.length ? docs.filter((d) => only.includes(d.meta.id)) : mentionedDocs(docs, question);
  // A follow-up ("And what about …?") keeps the document the previous question named.
  if (!scope.length && !only?.length) {
    const lastUser = [...history].reverse().find((t) => t.role === 'user');
    if (lastUser) scope = mentionedDocs(docs, lastUser.content);
  }
  if (!scope.length) scope = docs;
  const aliasTerms = new Set(scope.flatMap((d) => terms([d.meta.shortTitle, ...d.meta.aliases].join(' '))));
  const qTerms = terms(question).filter((t) => !aliasTerms.has(t) || scope === docs);
  const hits: Hit[] = [];
  for (const doc of scope) {
    for (const unit of doc.units) {
      if (unit.kind === 'heading') continue;
      const ut = new Set(terms(unit.text));
      const score = qTerms.filter((t) => ut.has(t)).length;
      if (score > 0) hits.push({ doc, unit, score });
    }
  }
  hits.sort((a, b) => b.score - a.score);
  const best = hits[0]?.score ?? 0;
  const needed = Math.min(2, qTerms.length);
  if (!qTerms.length || best < needed) {
    const closestMatches: ClosestMatch[] = hits.slice(0, 3).map((h) => ({
      id: h.unit.id,
      documentId: h.doc.meta.id,
      documentTitle: h.doc.meta.title,
      label: h.unit.label,
      text: h.unit.text,
      url: `/documents/${h.doc.meta.id}#${h.unit.id.split(':')[1]}`,
      score: Math.min(1, h.score / Math.max(1, qTerms.length)),
    }));
    return {
      answer: 'The documents do not appear to address this question.',
      citations: [],
      grounded: false,
      mode: 'extractive',
      closestMatches,
    };
  }
  const chosen = hits.filter((h) => h.score >= Math.max(1, best - 1)).slice(0, 2);
  const citations: Citation[] = chosen.map((h, i) => ({
    n: i + 1,
    id: h.unit.id,
    documentId: h.doc.meta.id,
    documentTitle: h.doc.meta.title,
    label: h.unit.label,
    section: h.unit.section,
    quote: bestSentence(h.unit.text, qTerms),
    text: h.unit.text,
    page: h.unit.page,
    url: `/documents/${h.doc.meta.id}#${h.unit.id.split(':')[1]}`,
    reference: citationReference(h.doc.meta, h.unit),
    valid: true,
  }));
  const answer = citations
    .map(
      (c) =>
        `${docs.find((d) => d.meta.id === c.documentId)?.meta.shortTitle}, ${c.label}: “${c.quote.replace(/[;,]$/, '')}” [${c.n}]`,
    )
    .join('\n');
  return {
    answer,
    citations,
    grounded: true,
    mode: 'extractive',
    notice: 'No language model is configured, so the answer quotes the documents directly.',
  };
}

function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

function isTurn(v: unknown): v is ChatTurn {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Record<string, unknown>;
  return (t.role === 'user' || t.role === 'assistant') && typeof t.content === 'string';
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface FakeApiOptions {
  /** Where the built page is (default dist/web). */
  webDir?: string;
  /** Delay between streamed tokens, so streaming is visible (default 15 ms). */
  tokenDelayMs?: number;
}

export function createFakeApi(options: FakeApiOptions = {}): express.Express {
  const webDir = options.webDir ?? path.join(ROOT, 'dist', 'web');
  const tokenDelay = options.tokenDelayMs ?? 15;
  const docs = loadCorpus();
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use(express.json({ limit: '64kb' }));

  const summary = (d: FakeDoc) => ({
    id: d.meta.id,
    title: d.meta.title,
    shortTitle: d.meta.shortTitle,
    date: d.meta.date,
    year: d.meta.year ?? null,
    dateSource: d.meta.dateSource ?? null,
    place: d.meta.place,
    kind: d.meta.kind,
    unitCount: d.units.length,
  });

  app.get('/api/documents', (_req, res) => {
    res.json({ documents: docs.map(summary) });
  });

  app.get('/api/documents/:id', (req, res) => {
    const d = docs.find((x) => x.meta.id === req.params.id);
    if (!d) return sendError(res, 404, 'NOT_FOUND', `No document "${req.params.id}".`);
    res.json({ ...summary(d), units: d.units });
  });

  app.post('/api/chat', async (req: Request, res: Response) => {
    const body: unknown = req.body;
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const question = typeof b.question === 'string' ? b.question.trim() : '';
    if (!question) return sendError(res, 400, 'INVALID_REQUEST', 'question: must be a non-empty string');
    if (question.length > 2000) return sendError(res, 413, 'PAYLOAD_TOO_LARGE', 'question: at most 2000 characters');
    const history = Array.isArray(b.history) ? b.history.filter(isTurn) : [];
    const only = Array.isArray(b.documents) ? b.documents.filter((x): x is string => typeof x === 'string') : undefined;
    const reply = fakeAnswer(docs, question, history, only);
    if (!(req.headers.accept ?? '').includes('text/event-stream')) {
      res.json(reply);
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    res.write(': stream open\n\n');
    for (const token of reply.answer.match(/\S+\s*|\s+/g) ?? []) {
      if (res.destroyed) return;
      res.write(`event: token\ndata: ${JSON.stringify({ text: token })}\n\n`);
      await sleep(tokenDelay);
    }
    res.write(`event: done\ndata: ${JSON.stringify(reply)}\n\n`);
    res.end();
  });

  app.use('/api', (_req, res) => sendError(res, 404, 'NOT_FOUND', 'No such endpoint.'));
  app.use(express.static(webDir, { index: 'index.html' }));
  // Client-side routes: the page decides what to show.
  app.get(['/documents', '/documents/*splat'], (_req, res) => res.sendFile(path.join(webDir, 'index.html')));
  return app;
}

/** Starts the fake on a free port of 127.0.0.1. Same shape as tests/support/test-server's startTestServer. */
export async function startFakeApi(options: FakeApiOptions = {}): Promise<{ url: string; close(): Promise<void> }> {
  const app = createFakeApi(options);
  const server = await new Promise<ReturnType<express.Express['listen']>>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (err?: Error) => (err ? reject(err) : resolve(s)));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
