/**
 * @module server/answer/llm/upstream-reason
 * What a user is told when the chat model fails: a fixed phrase of ours and, for an HTTP failure, the status
 * code, never the upstream's own words (which can carry anything, the caller's key included). The full
 * description stays in the UpstreamError's message for logs. Kept apart from ./chat-model so the answerer
 * can read it without loading LangChain.
 */
import { isAppError } from '../../../core/errors.js';

export type UpstreamFailure =
  | { kind: 'http'; status: number }
  | { kind: 'timeout'; ms: number }
  | { kind: 'cut' }
  | { kind: 'incomplete' }
  | { kind: 'empty' }
  | { kind: 'too-long'; chars: number }
  | { kind: 'other' };

/** The `details` an UpstreamError from the chat model carries. */
export interface UpstreamDetails {
  failure: UpstreamFailure;
}

export function publicReason(failure: UpstreamFailure): string {
  switch (failure.kind) {
    case 'http':
      return `it answered HTTP ${failure.status}`;
    case 'timeout':
      return `it timed out after ${failure.ms} ms`;
    case 'cut':
      return 'its reply was cut off';
    case 'incomplete':
      return 'its reply ended before it was complete';
    case 'empty':
      return 'its reply was empty';
    case 'too-long':
      return `its reply ran past ${failure.chars} characters`;
    case 'other':
      return 'it could not be reached';
  }
}

/** The user-facing reason for any error the LLM path raised. */
export function reasonFor(err: unknown): string {
  const details = isAppError(err) ? (err.details as Partial<UpstreamDetails> | undefined) : undefined;
  return details?.failure ? publicReason(details.failure) : 'the language model failed';
}
