import type { ClientOptions, RequestOptions } from './client-options';
import { APIFreeConfigurationError } from './errors';
import { shownNumber } from './shown-number';

export const DEFAULT_BASE_URL = 'https://api.apifree.ai/v1';
const DEFAULT_TIMEOUT_MS = 600_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_MAX_EVENT_SIZE = 32 * 1024 * 1024;
const DEFAULT_MAX_RESPONSE_SIZE = 32 * 1024 * 1024;

export interface ClientSettings {
  apiKey: string;
  /** Whether `streamIdleTimeout` was given, rather than defaulted from `timeout`. */
  streamIdleTimeoutExplicit: boolean;
  baseURL: string;
  timeout: number;
  maxRetries: number;
  streamIdleTimeout: number;
  maxEventSize: number;
  maxResponseSize: number;
  headers: Record<string, string>;
}

function environment(name: string): string | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env?.[name];
  return value === '' ? undefined : value;
}

/** Resolves and checks the client's options; throws before any network call. */
export function resolveClientSettings(options: ClientOptions): ClientSettings {
  if (typeof options !== 'object' || options === null) {
    throw new APIFreeConfigurationError(
      'options',
      'new APIFree(options): options must be an object.',
    );
  }
  const rawKey = options.apiKey ?? environment('APIFREE_API_KEY');
  if (rawKey !== undefined && typeof rawKey !== 'string') {
    throw new APIFreeConfigurationError(
      'apiKey',
      `The apiKey option must be a string, got ${typeof rawKey}.`,
    );
  }
  // A key read from a file often ends in a newline; spaces at either end are never part of it.
  const apiKey = rawKey?.trim();
  if (apiKey === undefined || apiKey === '') {
    throw new APIFreeConfigurationError(
      'apiKey',
      'No APIFree API key: set the APIFREE_API_KEY environment variable or pass the apiKey option.',
    );
  }
  if (/[^\x21-\x7e]/.test(apiKey)) {
    throw new APIFreeConfigurationError(
      'apiKey',
      'The API key contains spaces, control or non-ASCII characters; check APIFREE_API_KEY or the apiKey option.',
    );
  }
  const baseURL = checkBaseURL(
    options.baseURL ?? environment('APIFREE_BASE_URL') ?? DEFAULT_BASE_URL,
  );
  const timeout = checkDuration('timeout', options.timeout ?? DEFAULT_TIMEOUT_MS);
  return {
    apiKey,
    streamIdleTimeoutExplicit: options.streamIdleTimeout !== undefined,
    baseURL,
    timeout,
    maxRetries: checkRetries(options.maxRetries ?? DEFAULT_MAX_RETRIES),
    streamIdleTimeout: checkDuration('streamIdleTimeout', options.streamIdleTimeout ?? timeout),
    maxEventSize: checkCount('maxEventSize', options.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE),
    maxResponseSize: checkCount(
      'maxResponseSize',
      options.maxResponseSize ?? DEFAULT_MAX_RESPONSE_SIZE,
    ),
    headers: checkHeaders(options.headers ?? {}) as Record<string, string>,
  };
}

/** Merges one request's options over the client's settings, checking them. */
export function resolveRequestSettings(settings: ClientSettings, options: RequestOptions) {
  if (typeof options !== 'object' || options === null) {
    throw new APIFreeConfigurationError('options', 'Request options must be an object.');
  }
  if (options.signal !== undefined && !isAbortSignal(options.signal)) {
    throw new APIFreeConfigurationError('signal', 'The signal option must be an AbortSignal.');
  }
  const timeout =
    options.timeout === undefined ? settings.timeout : checkDuration('timeout', options.timeout);
  return {
    timeout,
    maxRetries:
      options.maxRetries === undefined ? settings.maxRetries : checkRetries(options.maxRetries),
    streamIdleTimeout:
      options.streamIdleTimeout !== undefined
        ? checkDuration('streamIdleTimeout', options.streamIdleTimeout)
        : settings.streamIdleTimeoutExplicit || options.timeout === undefined
          ? settings.streamIdleTimeout
          : timeout,
    signal: options.signal,
    headers: options.headers === undefined ? undefined : checkHeaders(options.headers),
  };
}

function checkDuration(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new APIFreeConfigurationError(
      name,
      `The ${name} option must be a positive number of milliseconds, got ${shownNumber(value)}.`,
    );
  }
  // setTimeout fires at once for delays past 2^31 − 1 ms (about 24.8 days).
  return Math.min(value, 2_147_483_647);
}

function checkRetries(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new APIFreeConfigurationError(
      'maxRetries',
      `The maxRetries option must be a non-negative integer, got ${shownNumber(value)}.`,
    );
  }
  return value;
}

function checkCount(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new APIFreeConfigurationError(
      name,
      `The ${name} option must be a positive integer, got ${shownNumber(value)}.`,
    );
  }
  return value;
}

/** A header name as HTTP allows it (an RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Headers the transport sets from the request itself; a value given here could only break it. */
const RESERVED_HEADERS: Record<string, string> = {
  authorization: 'it is set from the API key (the apiKey option)',
  'content-length': 'it is set from the body',
  'transfer-encoding': 'it is set by the transport',
  host: 'it is set from baseURL',
  connection: 'the connection is managed by the transport',
};

/**
 * Checks headers (the client's, or one request's, where `undefined` removes a client
 * header) before anything is sent, the same way for every transport: a name HTTP does
 * not allow, a value with a line break, NUL or a character beyond Latin-1, or a header
 * the transport owns is a configuration error naming the header, never a connection
 * error to retry.
 */
function checkHeaders(headers: unknown): Record<string, string | undefined> {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new APIFreeConfigurationError(
      'headers',
      'The headers option must be an object of header names to strings.',
    );
  }
  for (const [name, value] of Object.entries(headers)) {
    const shown = JSON.stringify(name.slice(0, 60));
    if (!HEADER_NAME.test(name)) {
      throw new APIFreeConfigurationError(
        'headers',
        `The header name ${shown} is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_\`|~ only).`,
      );
    }
    const reserved = RESERVED_HEADERS[name.toLowerCase()];
    if (reserved !== undefined) {
      throw new APIFreeConfigurationError(
        'headers',
        `The header ${shown} cannot be set: ${reserved}. Remove it from the headers option.`,
      );
    }
    if (value === undefined) continue;
    if (typeof value !== 'string') {
      throw new APIFreeConfigurationError(
        'headers',
        `The header ${shown} must be a string (or undefined to remove it), got ${typeof value}.`,
      );
    }
    // Only the kind of character is named: the value may be a credential.
    if (/[\r\n\0]/.test(value)) {
      throw new APIFreeConfigurationError(
        'headers',
        `The header ${shown} has a line break or NUL in its value; HTTP header values must be one line.`,
      );
    }
    if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) {
      throw new APIFreeConfigurationError(
        'headers',
        `The header ${shown} has a character HTTP header values cannot carry (control characters, or beyond Latin-1 such as emoji); encode the value, e.g. with encodeURIComponent.`,
      );
    }
  }
  return headers as Record<string, string | undefined>;
}

/**
 * The base URL, checked: http(s), no trailing slash, and neither credentials (which one
 * transport would drop and another send, and which would show in every error) nor a query
 * or fragment (which would end up in the middle of the request path). The message never
 * repeats credentials.
 */
function checkBaseURL(configured: unknown): string {
  const text = (configured instanceof URL ? configured.href : String(configured)).replace(
    /\/+$/,
    '',
  );
  const parsed = URL.canParse(text) ? new URL(text) : undefined;
  if (parsed === undefined || !/^https?:$/.test(parsed.protocol)) {
    const shown = parsed === undefined ? 'that value' : `${parsed.protocol}//${parsed.host}`;
    throw new APIFreeConfigurationError(
      'baseURL',
      `The baseURL (${shown}) is not an http(s) URL; use e.g. ${DEFAULT_BASE_URL}.`,
    );
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new APIFreeConfigurationError(
      'baseURL',
      `The baseURL ${parsed.protocol}//${parsed.host}${parsed.pathname} has credentials (user:password@) in it: they would be shown in errors and handled differently by each transport. Pass the API key with apiKey, and a proxy's credentials in the headers option.`,
    );
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    throw new APIFreeConfigurationError(
      'baseURL',
      `The baseURL ${parsed.origin}${parsed.pathname} has a query or fragment (${parsed.search ? '?…' : ''}${parsed.hash ? '#…' : ''}); requests go to <baseURL>/responses, so use the bare URL, e.g. ${DEFAULT_BASE_URL}.`,
    );
  }
  return text;
}

/** Duck-typed, so a signal from another realm (an iframe, a vm context, a polyfill) is accepted. */
function isAbortSignal(value: unknown): value is AbortSignal {
  const candidate = value as Partial<AbortSignal> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.aborted === 'boolean' &&
    typeof candidate.addEventListener === 'function' &&
    typeof candidate.removeEventListener === 'function'
  );
}
