/**
 * @module web/src/api
 * The page's only contact with the server: the document list, one document, and the chat, streamed over
 * SSE. `fetch` is injectable so the streaming logic is tested in Node without a browser. Replies are
 * checked for shape before the page trusts their structure (their text is still rendered as text only).
 */
import { SseParser } from './sse.js';
import type {
  AnswerFlag,
  ChatReply,
  ChatTurn,
  ClosestMatch,
  DocumentDetail,
  DocumentSummary,
  PageCitation,
} from './types.js';

/** A failure with what the page needs to explain it: HTTP status (0 = no response) and the server's code. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Reads `{ error: { code, message } }` from a failed response; tolerates bodies that are not JSON. */
async function errorFrom(res: Response): Promise<ApiError> {
  let code = `HTTP_${res.status}`;
  let message = res.statusText || `HTTP ${res.status}`;
  try {
    const body: unknown = await res.json();
    if (isRecord(body) && isRecord(body.error)) {
      code = str(body.error.code, code);
      message = str(body.error.message, message);
    }
  } catch {
    // Not JSON (a proxy's HTML error page, say): the status alone has to do.
  }
  return new ApiError(res.status, code, message);
}

/** fetch, with "no response at all" turned into an ApiError of status 0 (network down, CORS, abort). */
async function request(fetchImpl: FetchLike, url: string, init?: RequestInit): Promise<Response> {
  let res: Response;
  try {
    res = await fetchImpl(url, init);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) throw await errorFrom(res);
  return res;
}

function toCitation(v: unknown): PageCitation | null {
  if (!isRecord(v) || typeof v.n !== 'number') return null;
  return {
    n: v.n,
    id: str(v.id),
    documentId: str(v.documentId),
    documentTitle: str(v.documentTitle),
    label: str(v.label),
    section: str(v.section),
    quote: str(v.quote),
    text: str(v.text),
    page: numOrNull(v.page),
    url: str(v.url, '/documents'),
    reference: str(v.reference),
    ...(typeof v.link === 'string' ? { link: v.link } : {}),
    valid: v.valid !== false,
    ...(typeof v.problem === 'string' && v.problem.trim() ? { problem: v.problem } : {}),
  };
}

const FLAG_CODES: ReadonlySet<string> = new Set<AnswerFlag['code']>([
  'QUOTE_NOT_IN_SOURCE',
  'UNIT_NOT_CITED',
  'WEAK_SUPPORT',
  'SPECIFIC_NOT_STATED',
]);

function toFlag(v: unknown): AnswerFlag | null {
  if (!isRecord(v) || typeof v.text !== 'string' || typeof v.code !== 'string' || !FLAG_CODES.has(v.code)) return null;
  return {
    code: v.code as AnswerFlag['code'],
    text: v.text,
    reason: str(v.reason),
    citations: Array.isArray(v.citations)
      ? v.citations.filter((n): n is number => typeof n === 'number' && Number.isInteger(n))
      : [],
  };
}

function toMatch(v: unknown): ClosestMatch | null {
  if (!isRecord(v)) return null;
  return {
    id: str(v.id),
    documentId: str(v.documentId),
    documentTitle: str(v.documentTitle),
    label: str(v.label),
    text: str(v.text),
    url: str(v.url, '/documents'),
    score: typeof v.score === 'number' ? v.score : 0,
  };
}

/** Checks a ChatReply's shape and fills gaps, so a malformed reply cannot break rendering half-way. */
export function toChatReply(v: unknown): ChatReply {
  if (!isRecord(v) || typeof v.answer !== 'string') {
    throw new ApiError(0, 'BAD_REPLY', 'The server sent a reply the page could not read.');
  }
  const citations = Array.isArray(v.citations) ? v.citations.map(toCitation).filter((c) => c !== null) : [];
  const reply: ChatReply = {
    answer: v.answer,
    citations,
    grounded: v.grounded !== false,
    mode: v.mode === 'llm' ? 'llm' : 'extractive',
  };
  if (typeof v.notice === 'string' && v.notice.trim()) reply.notice = v.notice;
  if (Array.isArray(v.closestMatches)) reply.closestMatches = v.closestMatches.map(toMatch).filter((m) => m !== null);
  if (typeof v.standaloneQuestion === 'string') reply.standaloneQuestion = v.standaloneQuestion;
  if (Array.isArray(v.unsupported)) {
    const unsupported = v.unsupported.filter((s): s is string => typeof s === 'string' && s.trim() !== '');
    if (unsupported.length) reply.unsupported = unsupported;
  }
  if (Array.isArray(v.flags)) {
    const flags = v.flags.map(toFlag).filter((f) => f !== null);
    if (flags.length) reply.flags = flags;
  }
  return reply;
}

export async function fetchDocuments(fetchImpl: FetchLike = fetch): Promise<DocumentSummary[]> {
  const res = await request(fetchImpl, '/api/documents', { headers: { Accept: 'application/json' } });
  const body: unknown = await res.json();
  if (!isRecord(body) || !Array.isArray(body.documents))
    throw new ApiError(0, 'BAD_REPLY', 'Unexpected document list.');
  return body.documents.filter(isRecord).map((d) => toDocumentSummary(d, 0));
}

/** A document's metadata from untrusted JSON; `unitCount` falls back to `units` when the server omits it. */
function toDocumentSummary(d: Record<string, unknown>, units: number): DocumentSummary {
  return {
    id: str(d.id),
    title: str(d.title),
    shortTitle: str(d.shortTitle),
    date: typeof d.date === 'string' ? d.date : null,
    year: typeof d.year === 'number' && Number.isInteger(d.year) ? d.year : null,
    dateSource: typeof d.dateSource === 'string' && d.dateSource.trim() ? d.dateSource : null,
    place: typeof d.place === 'string' ? d.place : null,
    kind: str(d.kind),
    unitCount: typeof d.unitCount === 'number' ? d.unitCount : units,
  };
}

export async function fetchDocument(id: string, fetchImpl: FetchLike = fetch): Promise<DocumentDetail> {
  const res = await request(fetchImpl, `/api/documents/${encodeURIComponent(id)}`, {
    headers: { Accept: 'application/json' },
  });
  const d: unknown = await res.json();
  if (!isRecord(d) || !Array.isArray(d.units)) throw new ApiError(0, 'BAD_REPLY', 'Unexpected document.');
  return {
    ...toDocumentSummary(d, d.units.length),
    units: d.units.filter(isRecord).map((u) => ({
      id: str(u.id),
      label: str(u.label),
      kind: str(u.kind),
      number: typeof u.number === 'number' || typeof u.number === 'string' ? u.number : null,
      section: str(u.section),
      text: str(u.text),
      page: numOrNull(u.page),
    })),
  };
}

export type ExportFormat = 'markdown' | 'docx';

export interface ExportedFile {
  blob: Blob;
  /** The name the server gives the attachment (answer.md, answer.docx). */
  filename: string;
}

/** "attachment; filename=\"answer.md\"" → "answer.md"; only a plain file name is accepted. */
export function attachmentName(disposition: string | null, fallback: string): string {
  const m = disposition ? /filename="?(\w[\w.-]*)"?\s*(?:;|$)/i.exec(disposition) : null;
  return m ? m[1] : fallback;
}

/**
 * POST /api/export: the answer with one footnote per citation, as a Markdown or Word file. Only what the
 * footnotes need is sent (not each unit's whole text), so a long answer stays far below the body limit.
 */
export async function exportAnswer(
  format: ExportFormat,
  input: { question?: string; answer: string; citations: readonly PageCitation[] },
  fetchImpl: FetchLike = fetch,
): Promise<ExportedFile> {
  const citations = input.citations.map((c) => ({
    n: c.n,
    id: c.id,
    quote: c.quote,
    ...(c.reference ? { reference: c.reference } : {}),
    url: c.url,
    ...(c.link ? { link: c.link } : {}),
  }));
  const res = await request(fetchImpl, '/api/export', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      format,
      ...(input.question?.trim() ? { question: input.question.trim() } : {}),
      answer: input.answer,
      citations,
    }),
  });
  const fallback = format === 'docx' ? 'answer.docx' : 'answer.md';
  return { blob: await res.blob(), filename: attachmentName(res.headers.get('content-disposition'), fallback) };
}

export interface AskOptions {
  question: string;
  history: ChatTurn[];
  /** Restrict the search to these documents; empty or absent = all. */
  documents?: string[];
  /** Called with each piece of the answer as the server writes it. */
  onToken?: (text: string) => void;
  /** Called when the server withdraws the text streamed so far (the model failed; the offline answer follows). */
  onReset?: () => void;
  signal?: AbortSignal;
  fetch?: FetchLike;
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

/**
 * Asks a question and streams the answer. Handles a server that answers with plain JSON instead of a
 * stream, an `error` event mid-stream, and a stream that ends before `done` (reported as STREAM_CUT).
 */
export async function askStreaming(opts: AskOptions): Promise<ChatReply> {
  const body: Record<string, unknown> = { question: opts.question, history: opts.history, mode: 'auto' };
  if (opts.documents && opts.documents.length) body.documents = opts.documents;
  const res = await request(opts.fetch ?? fetch, '/api/chat', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify(body),
    signal: opts.signal,
  });
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('text/event-stream') || !res.body) {
    return toChatReply(await res.json());
  }
  const parser = new SseParser();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  const handle = (events: ReturnType<SseParser['push']>): ChatReply | null => {
    for (const ev of events) {
      const payload = parseJson(ev.data);
      if (ev.event === 'token') {
        if (isRecord(payload) && typeof payload.text === 'string') opts.onToken?.(payload.text);
      } else if (ev.event === 'reset') {
        opts.onReset?.();
      } else if (ev.event === 'done') {
        return toChatReply(payload);
      } else if (ev.event === 'error') {
        const e = isRecord(payload) && isRecord(payload.error) ? payload.error : {};
        // The HTTP status was already 200; map the code back to what it would have been for the message.
        const code = str(e.code, 'INTERNAL');
        throw new ApiError(statusForCode(code), code, str(e.message, 'The answer failed.'));
      }
    }
    return null;
  };
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<string>;
      try {
        chunk = await reader.read();
      } catch (err) {
        if (err instanceof DOMException && err.name === 'AbortError') throw err;
        throw new ApiError(0, 'STREAM_CUT', 'The connection closed before the answer was complete.');
      }
      if (chunk.done) break;
      const reply = handle(parser.push(chunk.value));
      if (reply) {
        await drain(reader);
        return reply;
      }
    }
    const reply = handle(parser.flush());
    if (reply) return reply;
  } finally {
    // Frees the connection when we stop early (done seen, error event); harmless on a finished stream.
    reader.cancel().catch(() => undefined);
  }
  throw new ApiError(0, 'STREAM_CUT', 'The connection closed before the answer was complete.');
}

/**
 * Reads what follows `done` (the server ends the stream right after it), so the response completes rather
 * than being cut off — a cut-off response is a failed request to the browser. Gives up after `ms`.
 */
async function drain(reader: ReadableStreamDefaultReader<string>, ms = 2000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  const end = (async () => {
    try {
      while (!(await reader.read()).done);
    } catch {
      // Already cut: nothing left to read.
    }
  })();
  await Promise.race([end, late]);
  clearTimeout(timer);
}

/** The HTTP status an error code stands for, for errors that arrive inside a 200 stream. */
export function statusForCode(code: string): number {
  switch (code) {
    case 'INVALID_REQUEST':
      return 400;
    case 'NOT_FOUND':
      return 404;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL':
    case 'CONFIG_INVALID':
      return 500;
    default:
      return 503;
  }
}
