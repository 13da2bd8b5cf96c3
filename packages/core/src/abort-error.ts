import { APIConnectionTimeoutError, type APIFreeError, APIUserAbortError } from './errors';

/**
 * The error for a caller's signal that fired: `APIConnectionTimeoutError` when it was a
 * timeout (`AbortSignal.timeout(ms)`, a framework's `timeout` option: the reason is a
 * `TimeoutError`), `APIUserAbortError` otherwise. The reason is kept as the cause; a
 * reason that is already one of those two errors is returned as it is.
 *
 * @example
 * const signal = AbortSignal.timeout(1);
 * // …once it fired:
 * abortError(signal); // APIConnectionTimeoutError
 */
export function abortError(signal: AbortSignal | undefined, cause?: unknown): APIFreeError {
  const reason: unknown = signal?.reason;
  // A signal aborted with one of these errors as its reason already says what happened
  // (`controller.abort(new APIConnectionTimeoutError(…))`): it is the error, not its cause.
  if (APIConnectionTimeoutError.isInstance(reason) || APIUserAbortError.isInstance(reason)) {
    return reason;
  }
  if ((reason as { name?: unknown } | undefined)?.name === 'TimeoutError') {
    return new APIConnectionTimeoutError(
      'The request was stopped by its signal’s timeout (AbortSignal.timeout or a framework’s timeout option). Allow more time, or retry.',
      { cause: reason },
    );
  }
  return new APIUserAbortError(undefined, { cause: cause ?? reason });
}
