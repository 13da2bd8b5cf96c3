import { readErrorDetails } from './error-details';

/** The server's error object: `{ error: { message, type, param, code } }`. */
export interface APIErrorBody {
  message?: string;
  type?: string | null;
  param?: string | null;
  code?: string | null;
  [key: string]: unknown;
}

/** Where every error keeps the kinds of its class chain, so identity survives two installed copies. */
const KINDS = Symbol.for('apifree.error.kinds');

/** A class of this package's errors, as `isInstance` takes it. */
type ErrorClass = (abstract new (...args: never[]) => APIFreeError) & { readonly kind: string };

/**
 * Base class of every error `@apifree/core` throws.
 *
 * Identity does not depend on which copy of the package created an error: when an app
 * ends up with two installed copies (an adapter pulling in its own), `instanceof` and
 * `isInstance` still recognise the other copy's errors, through a `Symbol.for` marker.
 *
 * @example
 * if (RateLimitError.isInstance(error)) console.log(error.headers.get('retry-after'));
 */
export class APIFreeError extends Error {
  /** The class's identity across copies of this package. */
  static readonly kind: string = 'APIFreeError';
  override name = 'APIFreeError';

  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    const kinds: string[] = [];
    for (
      let current: unknown = new.target;
      typeof current === 'function' && current !== Error;
      current = Object.getPrototypeOf(current)
    ) {
      if (Object.hasOwn(current, 'kind')) kinds.push((current as ErrorClass).kind);
    }
    Object.defineProperty(this, KINDS, { value: Object.freeze(kinds) });
  }

  /**
   * True when `value` is an error of this class (or a subclass), from any copy of
   * `@apifree/core`.
   */
  static isInstance<T extends ErrorClass>(this: T, value: unknown): value is InstanceType<T> {
    if (typeof value !== 'object' || value === null) return false;
    const kinds: unknown = (value as { [KINDS]?: unknown })[KINDS];
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass the check was called on.
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `instanceof SomeSubclass` must check that subclass.
    return (this as unknown as ErrorClass & typeof APIFreeError).isInstance(value);
  }
}

/** The options given to the client or a request are invalid (missing key, bad timeout, …). */
export class APIFreeConfigurationError extends APIFreeError {
  static override readonly kind: string = 'APIFreeConfigurationError';
  override name = 'APIFreeConfigurationError';
  /** The option or argument at fault (`apiKey`, `timeout`, `model`, …). */
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(message);
    this.argument = argument;
  }
}

/**
 * This runtime cannot run the package: thrown when it is imported on a Node older than
 * the one it needs, naming both versions.
 */
export class APIFreeUnsupportedRuntimeError extends APIFreeError {
  static override readonly kind: string = 'APIFreeUnsupportedRuntimeError';
  override name = 'APIFreeUnsupportedRuntimeError';
  /** The version that is running, e.g. `20.20.2`. */
  readonly runningVersion: string;
  /** The oldest version that works, e.g. `22.19.0`. */
  readonly requiredVersion: string;
  constructor(runningVersion: string, requiredVersion: string, message: string) {
    super(message);
    this.runningVersion = runningVersion;
    this.requiredVersion = requiredVersion;
  }
}

interface APIErrorInit {
  status: number;
  headers: Headers;
  body: unknown;
  message: string;
}

/**
 * The server answered with an HTTP error status. Carries the status, the response
 * headers, the request id and the server's `code`, `type` and `param`.
 */
export class APIError extends APIFreeError {
  static override readonly kind: string = 'APIError';
  override name = 'APIError';
  readonly status: number;
  readonly headers: Headers;
  /** `x-request-id` of the response: quote it when asking APIFree support. */
  readonly requestId: string | undefined;
  readonly code: string | null;
  readonly type: string | null;
  readonly param: string | null;
  /** The parsed error body (or the raw text when it was not JSON). */
  readonly body: unknown;
  /** The server's own message, without the status prefix. */
  readonly serverMessage: string | undefined;

  constructor({ status, headers, body, message }: APIErrorInit) {
    const details = readErrorDetails(body);
    super(message);
    this.status = status;
    this.headers = headers;
    this.requestId = headers.get('x-request-id') ?? undefined;
    this.code = details.code ?? null;
    this.type = details.type ?? null;
    this.param = details.param ?? null;
    this.serverMessage = details.message;
    this.body = body;
  }
}

/** 400: the request was rejected (unknown model, bad parameter, invalid JSON). */
export class BadRequestError extends APIError {
  static override readonly kind: string = 'BadRequestError';
  override name = 'BadRequestError';
}
/** 401: the API key is missing or wrong. */
export class AuthenticationError extends APIError {
  static override readonly kind: string = 'AuthenticationError';
  override name = 'AuthenticationError';
}
/** 403: the key may not use this model or region. */
export class PermissionDeniedError extends APIError {
  static override readonly kind: string = 'PermissionDeniedError';
  override name = 'PermissionDeniedError';
}
/** 404: the URL or resource does not exist (check `baseURL`). */
export class NotFoundError extends APIError {
  static override readonly kind: string = 'NotFoundError';
  override name = 'NotFoundError';
}
/** 409: a conflicting request is in progress. */
export class ConflictError extends APIError {
  static override readonly kind: string = 'ConflictError';
  override name = 'ConflictError';
}
/** 422: the request was understood but cannot be processed. */
export class UnprocessableEntityError extends APIError {
  static override readonly kind: string = 'UnprocessableEntityError';
  override name = 'UnprocessableEntityError';
}
/** 429: rate limited (retry later) or out of quota (`code: "insufficient_quota"`, do not retry). */
export class RateLimitError extends APIError {
  static override readonly kind: string = 'RateLimitError';
  override name = 'RateLimitError';
}
/** 5xx: APIFree or its upstream failed. */
export class InternalServerError extends APIError {
  static override readonly kind: string = 'InternalServerError';
  override name = 'InternalServerError';
}

/** The request could not reach APIFree, or the connection broke before a response arrived. */
export class APIConnectionError extends APIFreeError {
  static override readonly kind: string = 'APIConnectionError';
  override name = 'APIConnectionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** No response (or no stream data) arrived within the timeout. */
export class APIConnectionTimeoutError extends APIConnectionError {
  static override readonly kind: string = 'APIConnectionTimeoutError';
  override name = 'APIConnectionTimeoutError';
}

/** The caller aborted the request through its `AbortSignal`. */
export class APIUserAbortError extends APIFreeError {
  static override readonly kind: string = 'APIUserAbortError';
  override name = 'APIUserAbortError';
  constructor(message = 'The request was aborted by the caller.', options?: { cause?: unknown }) {
    super(message, options);
  }
}

interface StreamErrorInit {
  message: string;
  code?: string | null;
  type?: string | null;
  param?: string | null;
  requestId?: string | undefined;
  /** The response of a `response.failed` event or body, when there was one. */
  response?: unknown;
  /** The raw `error` or `response.failed` event. */
  event?: unknown;
  cause?: unknown;
}

/**
 * The answer failed after the HTTP response began: the server sent an `error` event, a
 * `response.failed` (see {@link APIResponseFailedError}), or something this client cannot
 * read (`code` `invalid_event` or `invalid_response`). Events before it were delivered.
 * Never retried automatically: part of the answer was already consumed.
 */
export class APIStreamError extends APIFreeError {
  static override readonly kind: string = 'APIStreamError';
  override name = 'APIStreamError';
  readonly code: string | null;
  readonly type: string | null;
  readonly param: string | null;
  readonly requestId: string | undefined;
  /** The response of a `response.failed` event or body, when there was one. */
  readonly response: unknown;
  /** The raw `error` or `response.failed` event, when there was one. */
  readonly event: unknown;

  constructor(init: StreamErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code ?? null;
    this.type = init.type ?? null;
    this.param = init.param ?? null;
    this.requestId = init.requestId;
    this.response = init.response;
    this.event = init.event;
  }
}

/**
 * The model failed to produce the answer: a `response.failed` event in a stream, or a
 * response with `status: "failed"` from a call that did not stream. `code` is the
 * server's (`server_error`, `rate_limit_exceeded`, …); `response` holds what the server
 * sent, including any output produced before the failure.
 */
export class APIResponseFailedError extends APIStreamError {
  static override readonly kind: string = 'APIResponseFailedError';
  override name = 'APIResponseFailedError';
}

/** The connection closed before the terminal event: the answer is incomplete. */
export class APIStreamTruncatedError extends APIStreamError {
  static override readonly kind: string = 'APIStreamTruncatedError';
  override name = 'APIStreamTruncatedError';
}
