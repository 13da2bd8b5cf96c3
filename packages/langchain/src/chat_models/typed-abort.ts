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

/** How to let go of each typed signal's listener and timer, once its call has ended. */
const releases = new WeakMap<AbortSignal, () => void>();

/**
 * The call options with LangChain's `signal` and `timeout` replaced by one signal whose
 * reason is already typed: LangChain rejects a stream with its signal's reason, so the
 * stream ends with `APIUserAbortError` / `APIConnectionTimeoutError` on every way of
 * reading it (iterator, reader, pipe), at no cost per chunk. Options without either, or
 * with a timeout LangChain itself refuses, are returned unchanged.
 *
 * The caller's signal gets one listener, and a timeout one timer, until the call ends:
 * {@link releaseTypedAbortSignal} with the new signal then removes both, so a signal
 * reused for many calls gathers nothing. (`AbortSignal.any` would keep every combined
 * signal alive for as long as the caller's signal lives.)
 */
export function withTypedAbortSignal<
  Options extends { signal?: AbortSignal; timeout?: number; metadata?: Record<string, unknown> },
>(options: Options | undefined): Options | undefined {
  if (options === undefined) return options;
  const { signal, timeout } = options;
  const validTimeout = typeof timeout === 'number' && timeout > 0 && Number.isFinite(timeout);
  if (signal === undefined && !validTimeout) return options;
  if (timeout !== undefined && !validTimeout) return options;
  const typed = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onAbort = () => stop(signal?.reason);
  const release = () => {
    signal?.removeEventListener('abort', onAbort);
    if (timer !== undefined) clearTimeout(timer);
    releases.delete(typed.signal);
  };
  const stop = (reason: unknown) => {
    release();
    typed.abort(typedAbort(reason));
  };
  if (signal?.aborted) stop(signal.reason);
  else {
    signal?.addEventListener('abort', onAbort, { once: true });
    if (validTimeout) {
      timer = setTimeout(
        () => stop(new DOMException('The operation timed out.', 'TimeoutError')),
        timeout,
      );
      // Like AbortSignal.timeout: a pending timeout does not keep Node running.
      (timer as { unref?: () => void }).unref?.();
    }
    releases.set(typed.signal, release);
  }
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

/** Ends what {@link withTypedAbortSignal} set up for this signal; any other signal: nothing. */
export function releaseTypedAbortSignal(signal: AbortSignal | undefined): void {
  if (signal !== undefined) releases.get(signal)?.();
}
