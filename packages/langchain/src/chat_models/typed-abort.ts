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

/**
 * The call options with LangChain's `signal` and `timeout` replaced by one signal whose
 * reason is already typed: LangChain rejects a stream with its signal's reason, so the
 * stream ends with `APIUserAbortError` / `APIConnectionTimeoutError` on every way of
 * reading it (iterator, reader, pipe), at no cost per chunk. Options without either, or
 * with a timeout LangChain itself refuses, are returned unchanged.
 */
export function withTypedAbortSignal<
  Options extends { signal?: AbortSignal; timeout?: number; metadata?: Record<string, unknown> },
>(options: Options | undefined): Options | undefined {
  // Every runtime this package supports has AbortSignal.any; without it, LangChain's own.
  if (options === undefined || typeof AbortSignal.any !== 'function') return options;
  const { signal, timeout } = options;
  const validTimeout = typeof timeout === 'number' && timeout > 0 && Number.isFinite(timeout);
  if (signal === undefined && !validTimeout) return options;
  if (timeout !== undefined && !validTimeout) return options;
  const sources = [signal, validTimeout ? AbortSignal.timeout(timeout) : undefined].filter(
    (source): source is AbortSignal => source !== undefined,
  );
  // A signal of our own that follows the sources: AbortSignal.any holds the caller's signal
  // only weakly, so a long-lived signal reused for many calls gathers no listeners.
  const combined = AbortSignal.any(sources);
  const typed = new AbortController();
  const follow = () => typed.abort(typedAbort(combined.reason));
  if (combined.aborted) follow();
  else combined.addEventListener('abort', follow, { once: true });
  const { timeout: _timeout, ...rest } = options;
  return {
    ...rest,
    signal: typed.signal,
    // LangChain records the timeout in the run's metadata; so do we, having taken it over.
    ...(validTimeout && {
      metadata: { timeoutMs: timeout, ...options.metadata },
    }),
  } as Options;
}
