import { APIUserAbortError, isRetryableError } from '@apifree/core';
import { stampRetryable } from '@langchain/core/errors';

/**
 * Prepares an error from `@apifree/core` for LangChain's `AsyncCaller`, which owns the
 * retries (core's own are off). Core's typed errors already carry what `AsyncCaller`
 * reads — `status`, `headers` (with `retry-after`) and `code` — so the error is rethrown
 * as is, keeping its class; this only marks the ones core knows must not be repeated
 * (`x-should-retry: false`, `insufficient_quota`, an abort by the caller, a stream that
 * already began), because `AsyncCaller` would otherwise retry any error without a status.
 */
export function markRetryability(error: unknown): unknown {
  if (APIUserAbortError.isInstance(error) || !isRetryableError(error)) {
    return stampRetryable(error, false);
  }
  return error;
}
