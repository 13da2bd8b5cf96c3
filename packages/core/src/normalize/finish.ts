import {
  APIConnectionError,
  APIResponseFailedError,
  APIStreamError,
  APIStreamTruncatedError,
} from '../errors';

/**
 * Why an answer ended, the one classification both adapters map to their framework's:
 * - `completed`: the model finished;
 * - `tool-calls`: it finished by asking for function calls (the caller runs them and
 *   continues the conversation);
 * - `length`: `max_output_tokens` cut it;
 * - `content-filter`: a content filter cut it, or the model refused;
 * - `other`: incomplete for a reason this package does not know (`raw` says which);
 * - `error`: the server reported a failure (an `error` event, `response.failed`);
 * - `interrupted`: the connection ended before the server's final event.
 */
export type FinishKind =
  | 'completed'
  | 'tool-calls'
  | 'length'
  | 'content-filter'
  | 'other'
  | 'error'
  | 'interrupted';

/** A {@link FinishKind} with the server's own word for it (status, incomplete reason or error code). */
export interface Finish {
  kind: FinishKind;
  raw: string | undefined;
}

/**
 * Classifies the end of an answer from its terminal response. A function call wins over
 * every reason except `max_output_tokens` and `content_filter`: a `stopWhen` tool loop must
 * continue after a completed turn that called tools.
 *
 * @example
 * classifyFinish({ status: 'incomplete', incompleteReason: 'max_output_tokens', hasToolCalls: false, hasRefusal: false });
 * // { kind: 'length', raw: 'max_output_tokens' }
 */
export function classifyFinish({
  status,
  incompleteReason,
  hasToolCalls,
  hasRefusal,
}: {
  status: string | undefined;
  incompleteReason: string | null | undefined;
  hasToolCalls: boolean;
  hasRefusal: boolean;
}): Finish {
  const raw = incompleteReason ?? status;
  if (status === 'failed') return { kind: 'error', raw };
  switch (incompleteReason) {
    case undefined:
    case null:
      if (hasToolCalls) return { kind: 'tool-calls', raw };
      // Incomplete for a reason the server did not give.
      if (status === 'incomplete') return { kind: 'other', raw };
      return { kind: hasRefusal ? 'content-filter' : 'completed', raw };
    case 'max_output_tokens':
      return { kind: 'length', raw };
    case 'content_filter':
      return { kind: 'content-filter', raw };
    default:
      return { kind: hasToolCalls ? 'tool-calls' : 'other', raw };
  }
}

/**
 * Classifies an answer that ended in an error: `interrupted` when the connection broke or
 * ended early, `error` when the server reported a failure or sent what cannot be read.
 */
export function classifyFailure(error: unknown): Finish {
  if (APIStreamTruncatedError.isInstance(error) || APIConnectionError.isInstance(error)) {
    return {
      kind: 'interrupted',
      raw: APIStreamError.isInstance(error) ? (error.code ?? undefined) : 'connection_error',
    };
  }
  if (APIResponseFailedError.isInstance(error))
    return { kind: 'error', raw: error.code ?? 'failed' };
  if (APIStreamError.isInstance(error)) return { kind: 'error', raw: error.code ?? 'error' };
  return { kind: 'error', raw: undefined };
}
