/** The server's error object: `{ error: { message, type, param, code } }`. */
export interface APIErrorBody {
  message?: string;
  type?: string | null;
  param?: string | null;
  code?: string | null;
  [key: string]: unknown;
}

/** Base class of every error `@apifree/core` throws. */
export class APIFreeError extends Error {
  override name = 'APIFreeError';
}

/** The options given to the client or a request are invalid (missing key, bad timeout, …). */
export class APIFreeConfigurationError extends APIFreeError {
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
    const details = errorDetails(body);
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
  override name = 'BadRequestError';
}
/** 401: the API key is missing or wrong. */
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}
/** 403: the key may not use this model or region. */
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}
/** 404: the URL or resource does not exist (check `baseURL`). */
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}
/** 409: a conflicting request is in progress. */
export class ConflictError extends APIError {
  override name = 'ConflictError';
}
/** 422: the request was understood but cannot be processed. */
export class UnprocessableEntityError extends APIError {
  override name = 'UnprocessableEntityError';
}
/** 429: rate limited (retry later) or out of quota (`code: "insufficient_quota"`, do not retry). */
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
}
/** 5xx: APIFree or its upstream failed. */
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

/** The request could not reach APIFree, or the connection broke before a response arrived. */
export class APIConnectionError extends APIFreeError {
  override name = 'APIConnectionError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** No response (or no stream data) arrived within the timeout. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = 'APIConnectionTimeoutError';
}

/** The caller aborted the request through its `AbortSignal`. */
export class APIUserAbortError extends APIFreeError {
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
  /** The response of a `response.failed` event, when there was one. */
  response?: unknown;
  /** The raw `error` or `response.failed` event. */
  event?: unknown;
  cause?: unknown;
}

/**
 * The stream failed after it began: the server sent an `error` event or
 * `response.failed`, or sent an event that is not valid JSON. Events before it were
 * delivered. Never retried automatically: part of the answer was already consumed.
 */
export class APIStreamError extends APIFreeError {
  override name = 'APIStreamError';
  readonly code: string | null;
  readonly type: string | null;
  readonly param: string | null;
  readonly requestId: string | undefined;
  /** The response of a `response.failed` event, when there was one. */
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

/** The connection closed before the terminal event: the answer is incomplete. */
export class APIStreamTruncatedError extends APIStreamError {
  override name = 'APIStreamTruncatedError';
}

function errorDetails(body: unknown): APIErrorBody {
  if (typeof body !== 'object' || body === null) return {};
  const inner = (body as { error?: unknown }).error;
  if (typeof inner === 'object' && inner !== null) return inner as APIErrorBody;
  if (typeof inner === 'string') return { message: inner };
  return body as APIErrorBody;
}
