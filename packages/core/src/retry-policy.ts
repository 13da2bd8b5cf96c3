import { APIConnectionError, APIError, APIStreamError, APIStreamTruncatedError } from './errors';

const MAX_BACKOFF_MS = 8_000;
const INITIAL_BACKOFF_MS = 500;
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Whether the official SDKs' retry conventions retry a response with this status and
 * headers: 408, 409, 429 and ≥ 500, unless `x-should-retry` says otherwise, and never
 * `insufficient_quota` (retrying cannot add credit).
 */
export function shouldRetryResponse(
  status: number,
  headers: Headers,
  code?: string | null,
): boolean {
  if (code === 'insufficient_quota') return false;
  const override = headers.get('x-should-retry');
  if (override === 'true') return true;
  if (override === 'false') return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * True when repeating the request may succeed: connection errors, timeouts and
 * retryable HTTP errors. Stream errors are never retryable here: part of the answer was
 * already delivered. Adapters use this to tell their framework what to retry.
 */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof APIError)
    return shouldRetryResponse(error.status, error.headers, error.code);
  if (error instanceof APIStreamError) return false;
  return error instanceof APIConnectionError;
}

/** Stream error codes that mean "the server had a problem": a new request may succeed. */
const RETRYABLE_STREAM_CODES = new Set([
  'server_error',
  'internal_error',
  'rate_limit_exceeded',
  'server_is_overloaded',
  'overloaded',
  'service_unavailable',
  'timeout',
]);

/**
 * Whether sending the request again may succeed after this stream error: a truncated
 * stream or a server-side failure code; never `insufficient_quota` or a bad request.
 * Core itself never retries a stream that began; adapters use this when the error
 * arrived before any output, so their framework may retry.
 */
export function isRetryableStreamError(error: APIStreamError): boolean {
  if (error instanceof APIStreamTruncatedError) return true;
  return error.code !== null && RETRYABLE_STREAM_CODES.has(error.code);
}

/**
 * How long to wait before retry number `attempt` (0-based): `retry-after-ms`, else
 * `Retry-After` (seconds or an HTTP date) when between 0 and 60 s, else
 * `min(0.5 s · 2^attempt, 8 s)` less up to 25 % jitter.
 */
export function retryDelay(
  attempt: number,
  headers?: Headers,
  random: () => number = Math.random,
): number {
  const fromServer = serverRetryDelay(headers);
  if (fromServer !== undefined) return fromServer;
  const backoff = Math.min(INITIAL_BACKOFF_MS * 2 ** attempt, MAX_BACKOFF_MS);
  return backoff * (1 - random() * 0.25);
}

function serverRetryDelay(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null) {
    const value = Number.parseFloat(milliseconds);
    if (Number.isFinite(value) && value >= 0 && value <= MAX_RETRY_AFTER_MS) return value;
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter === null) return undefined;
  const seconds = Number.parseFloat(retryAfter);
  const value = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
  return Number.isFinite(value) && value >= 0 && value <= MAX_RETRY_AFTER_MS ? value : undefined;
}
