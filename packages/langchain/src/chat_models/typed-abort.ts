import { APIConnectionTimeoutError, APIUserAbortError } from '@apifree/core';

/**
 * LangChain checks its signal itself and rejects with the signal's reason, a
 * `DOMException` (`AbortError`, or `TimeoutError` for its `timeout` option): those become
 * core's typed errors, as the README promises. Anything else is returned unchanged.
 */
export function typedAbort(error: unknown): unknown {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError') {
    return new APIConnectionTimeoutError(
      'The call took longer than its timeout option and was stopped. Allow more time, or retry.',
      { cause: error },
    );
  }
  if (name === 'AbortError') return new APIUserAbortError(undefined, { cause: error });
  return error;
}
