import type { ClientOptions, RequestOptions } from './client-options';
import { APIFreeConfigurationError } from './errors';

export const DEFAULT_BASE_URL = 'https://api.apifree.ai/v1';
const DEFAULT_TIMEOUT_MS = 600_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_MAX_EVENT_SIZE = 32 * 1024 * 1024;

export interface ClientSettings {
  apiKey: string;
  /** Whether `streamIdleTimeout` was given, rather than defaulted from `timeout`. */
  streamIdleTimeoutExplicit: boolean;
  baseURL: string;
  timeout: number;
  maxRetries: number;
  streamIdleTimeout: number;
  maxEventSize: number;
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
  const configuredURL = options.baseURL ?? environment('APIFREE_BASE_URL') ?? DEFAULT_BASE_URL;
  const baseURL = (
    configuredURL instanceof URL ? configuredURL.href : String(configuredURL)
  ).replace(/\/+$/, '');
  if (!URL.canParse(baseURL) || !/^https?:$/.test(new URL(baseURL).protocol)) {
    throw new APIFreeConfigurationError(
      'baseURL',
      `The baseURL ${JSON.stringify(baseURL)} is not an http(s) URL; use e.g. ${DEFAULT_BASE_URL}.`,
    );
  }
  const timeout = checkDuration('timeout', options.timeout ?? DEFAULT_TIMEOUT_MS);
  return {
    apiKey,
    streamIdleTimeoutExplicit: options.streamIdleTimeout !== undefined,
    baseURL,
    timeout,
    maxRetries: checkRetries(options.maxRetries ?? DEFAULT_MAX_RETRIES),
    streamIdleTimeout: checkDuration('streamIdleTimeout', options.streamIdleTimeout ?? timeout),
    maxEventSize: checkCount('maxEventSize', options.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE),
    headers: checkHeaders(options.headers ?? {}),
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
    headers: options.headers === undefined ? undefined : checkRequestHeaders(options.headers),
  };
}

function checkDuration(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new APIFreeConfigurationError(
      name,
      `The ${name} option must be a positive number of milliseconds, got ${String(value)}.`,
    );
  }
  // setTimeout fires at once for delays past 2^31 − 1 ms (about 24.8 days).
  return Math.min(value, 2_147_483_647);
}

function checkRetries(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new APIFreeConfigurationError(
      'maxRetries',
      `The maxRetries option must be a non-negative integer, got ${String(value)}.`,
    );
  }
  return value;
}

function checkCount(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new APIFreeConfigurationError(
      name,
      `The ${name} option must be a positive integer, got ${String(value)}.`,
    );
  }
  return value;
}

function checkHeaders(headers: unknown): Record<string, string> {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new APIFreeConfigurationError(
      'headers',
      'The headers option must be an object of header names to strings.',
    );
  }
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') {
      throw new APIFreeConfigurationError(
        'headers',
        `The header ${JSON.stringify(name)} must be a string, got ${typeof value}.`,
      );
    }
  }
  return headers as Record<string, string>;
}

function checkRequestHeaders(headers: unknown): Record<string, string | undefined> {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new APIFreeConfigurationError(
      'headers',
      'The headers option must be an object of header names to strings.',
    );
  }
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && typeof value !== 'string') {
      throw new APIFreeConfigurationError(
        'headers',
        `The header ${JSON.stringify(name)} must be a string (or undefined to remove it), got ${typeof value}.`,
      );
    }
  }
  return headers as Record<string, string | undefined>;
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
