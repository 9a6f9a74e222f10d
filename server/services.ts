/**
 * @module server/services
 * What the HTTP layer is given: the loaded index as a catalogue, the retriever and the answerer.
 * Built once at start (bin/start.ts) or by tests with their own pieces.
 */
import type { TermStatistics } from './retrieve/term-stats.js';
import type { TextEmbedder } from '../core/embed/types.js';
import type { LoadedIndex } from '../core/index/store.js';
import type { ChatReply, ChatRequest, TokenSink } from './answer/types.js';
import type { Catalogue } from './catalogue.js';
import type { Config } from '../core/config.js';
import type { Retriever } from './retrieve/types.js';

export interface AnswerOptions {
  /** Receives the answer as it is written. */
  onToken?: TokenSink;
  /** Called when text already sent to onToken is withdrawn (the model failed mid-answer and the offline
   * answer follows): a streaming client must discard what it has shown. */
  onReset?: () => void;
  /** The client went away: the answer is abandoned and the promise rejects. */
  signal?: AbortSignal;
  /** Past this many ms the language model is abandoned and the answer is written offline from the passages
   * already found, with a notice (CHAT_DEADLINE_MS for the chat endpoints). No deadline when absent. */
  deadlineMs?: number;
}

export interface Answerer {
  answer(request: ChatRequest, options?: AnswerOptions): Promise<ChatReply>;
}

export interface Services {
  config: Config;
  index: LoadedIndex;
  embedder: TextEmbedder;
  catalogue: Catalogue;
  retriever: Retriever;
  answerer: Answerer;
  /** Term statistics over the index, shared by the retriever's re-rank and the answerer's evidence check. */
  stats: TermStatistics;
}
