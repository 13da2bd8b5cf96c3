import { abortError } from './abort-error';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIFreeConfigurationError,
  APIFreeError,
  APIStreamTruncatedError,
} from './errors';
import type { Redactor } from './secret/redactor';

/** Why the client aborted a request: the reason it passes to `AbortController.abort`. */
export type AbortReason =
  | { kind: 'user'; signal: AbortSignal | undefined }
  | { kind: 'timeout'; milliseconds: number }
  | { kind: 'idle'; milliseconds: number };

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * Maps what a transport threw to a typed error. `phase` says whether the response had
 * begun streaming: a broken connection then means a truncated stream.
 */
export function mapTransportError(
  error: unknown,
  signal: AbortSignal,
  url: string,
  phase: 'request' | 'stream',
  redactor: Redactor,
): APIFreeError {
  if (error instanceof APIFreeError) return error;
  // A transport's or a custom fetch's error may carry the request (and its Authorization).
  const cause = redactor.cause(error);
  if (signal.aborted) {
    const reason = signal.reason as AbortReason | undefined;
    if (reason?.kind === 'timeout') {
      return new APIConnectionTimeoutError(
        `APIFree did not answer within ${reason.milliseconds} ms. Raise the timeout option, or retry.`,
        { cause },
      );
    }
    if (reason?.kind === 'idle') {
      return new APIConnectionTimeoutError(
        `The stream stalled: no data for ${reason.milliseconds} ms. Raise streamIdleTimeout, or retry.`,
        { cause },
      );
    }
    return abortError(reason?.kind === 'user' ? reason.signal : undefined, cause);
  }
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
    return new APIConnectionTimeoutError(
      `APIFree did not answer in time (${code}). Raise the timeout option, or retry.`,
      { cause },
    );
  }
  const detail = redactor.text(describe(error));
  if (code === 'UND_ERR_INVALID_ARG') {
    return new APIFreeConfigurationError(
      'headers',
      `The request could not be built (${detail}). Check the headers option for invalid names or values.`,
    );
  }
  if (phase === 'stream') {
    return new APIStreamTruncatedError({
      message: `The connection broke while the response was streaming (${detail}): the answer is incomplete. Retry the request.`,
      code: 'stream_truncated',
      cause,
    });
  }
  return new APIConnectionError(
    `Could not reach APIFree at ${url} (${detail}). Check baseURL and your network, then retry.`,
    cause === undefined ? undefined : { cause },
  );
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const parts = [error instanceof Error ? error.message : String(error)];
  if (typeof cause?.code === 'string') parts.push(cause.code);
  else if (typeof cause?.message === 'string') parts.push(cause.message);
  return parts.join(': ');
}
