import { readErrorDetails } from './error-details';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from './errors';

const CLASS_BY_STATUS: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

const ADVICE_BY_STATUS: Record<number, string> = {
  400: 'Check the request parameters named in the message.',
  401: 'Check the API key (APIFREE_API_KEY or the apiKey option).',
  403: 'The key may not use this model or region; check your APIFree account.',
  404: 'Check baseURL: it should end in /v1 (e.g. https://api.apifree.ai/v1).',
  409: 'Retry the request.',
  422: 'Check the request parameters named in the message.',
  429: 'Slow down and retry after the time in the Retry-After header.',
};

/** Builds the typed error for an HTTP error response. The one place status → class happens. */
export function makeAPIError(
  status: number,
  headers: Headers,
  body: unknown,
  rawText: string,
): APIError {
  const ErrorClass = CLASS_BY_STATUS[status] ?? (status >= 500 ? InternalServerError : APIError);
  const details = readErrorDetails(body);
  const serverMessage = details.message ?? (rawText.trim().slice(0, 500) || undefined);
  let advice =
    status >= 500 ? 'APIFree or its upstream failed; retry later.' : ADVICE_BY_STATUS[status];
  if (details.code === 'insufficient_quota')
    advice = 'Your APIFree quota is used up: add credit; retrying will not help.';
  const requestId = headers.get('x-request-id');
  let summary = `APIFree returned HTTP ${status}`;
  if (details.code) summary += ` (${details.code})`;
  if (details.param) summary += ` for ${details.param}`;
  const message = `${summary}: ${serverMessage ?? 'no error message in the body'}${advice ? ` ${advice}` : ''}${requestId ? ` [request id ${requestId}]` : ''}`;
  return new ErrorClass({ status, headers, body, message });
}
