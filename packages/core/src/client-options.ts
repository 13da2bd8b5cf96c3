import type { FetchFunction } from './transport/fetch-transport';

/** Options of {@link APIFree}. */
export interface ClientOptions {
  /** Defaults to the `APIFREE_API_KEY` environment variable. */
  apiKey?: string;
  /** Defaults to `APIFREE_BASE_URL`, else `https://api.apifree.ai/v1`. */
  baseURL?: string | URL;
  /** Milliseconds to wait for a response (and, for JSON, its body). Default 600 000 (10 min). */
  timeout?: number;
  /** Retries of failed requests (connection errors, 408, 409, 429, 5xx). Default 2. */
  maxRetries?: number;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** A `fetch` to use instead of the built-in transport (undici on Node, `fetch` elsewhere). */
  fetch?: FetchFunction;
  /** Milliseconds a stream may stay silent before it fails. Defaults to `timeout`. */
  streamIdleTimeout?: number;
  /** Largest single SSE event, in characters, before the stream fails. Default 32 Mi. */
  maxEventSize?: number;
  /**
   * Largest JSON answer, in bytes, before the request fails with `response_too_large`
   * (and is not retried). Default 32 MiB.
   */
  maxResponseSize?: number;
}

/** Options of one request; they override the client's. */
export interface RequestOptions {
  /** Aborts the request, its retries and its stream. */
  signal?: AbortSignal;
  timeout?: number;
  maxRetries?: number;
  /** Extra headers; `undefined` removes a client header. */
  headers?: Record<string, string | undefined>;
  streamIdleTimeout?: number;
}
