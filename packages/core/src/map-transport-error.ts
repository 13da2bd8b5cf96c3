import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIFreeConfigurationError,
  APIFreeError,
  APIStreamTruncatedError,
  APIUserAbortError,
} from './errors';

/** Why the client aborted a request: the reason it passes to `AbortController.abort`. */
export type AbortReason =
  | { kind: 'user' }
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
  redact: (text: string) => string,
): APIFreeError {
  if (error instanceof APIFreeError) return error;
  if (signal.aborted) {
    const reason = signal.reason as AbortReason | undefined;
    if (reason?.kind === 'timeout') {
      return new APIConnectionTimeoutError(
        `APIFree did not answer within ${reason.milliseconds} ms. Raise the timeout option, or retry.`,
        { cause: error },
      );
    }
    if (reason?.kind === 'idle') {
      return new APIConnectionTimeoutError(
        `The stream stalled: no data for ${reason.milliseconds} ms. Raise streamIdleTimeout, or retry.`,
        { cause: error },
      );
    }
    return new APIUserAbortError(undefined, { cause: error });
  }
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
    return new APIConnectionTimeoutError(
      `APIFree did not answer in time (${code}). Raise the timeout option, or retry.`,
      {
        cause: error,
      },
    );
  }
  const raw = describe(error);
  const detail = redact(raw);
  // An error whose text carried the key is not kept as the cause: the cause is shown too.
  const cause = detail === raw ? error : undefined;
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
