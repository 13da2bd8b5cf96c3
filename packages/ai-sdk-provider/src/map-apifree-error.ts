import { APICallError } from '@ai-sdk/provider';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIStreamError,
  APIUserAbortError,
  isRetryableError,
  isRetryableStreamError,
} from '@apifree/core';

interface RequestContext {
  url: string;
  requestBodyValues: unknown;
  /** The HTTP response's headers, for errors that arrive inside a stream. */
  responseHeaders?: Record<string, string>;
  /** Lets an abort surface as the caller's own abort reason. */
  abortSignal?: AbortSignal;
}

/**
 * Maps an `@apifree/core` error to the AI SDK's: HTTP, connection and stream errors
 * become `APICallError` (with `isRetryable` telling `maxRetries` what to do), an abort
 * becomes the caller's abort reason, anything else is returned unchanged. Errors are
 * recognised with `isInstance`, so a second installed copy of core is no problem.
 */
export function mapAPIFreeError(error: unknown, context: RequestContext): unknown {
  // The caller's own signal (an abort, or an AbortSignal.timeout): the AI SDK expects its reason.
  if (
    context.abortSignal?.aborted &&
    (APIUserAbortError.isInstance(error) || APIConnectionTimeoutError.isInstance(error))
  ) {
    return abortReason(context.abortSignal, error);
  }
  if (APIError.isInstance(error)) {
    return new APICallError({
      message: error.message,
      url: context.url,
      requestBodyValues: context.requestBodyValues,
      statusCode: error.status,
      responseHeaders: Object.fromEntries(error.headers),
      responseBody: typeof error.body === 'string' ? error.body : JSON.stringify(error.body),
      isRetryable: isRetryableError(error),
      data: error.body,
      cause: error,
    });
  }
  if (APIStreamError.isInstance(error)) {
    return new APICallError({
      message: error.message,
      url: context.url,
      requestBodyValues: context.requestBodyValues,
      ...(context.responseHeaders !== undefined && { responseHeaders: context.responseHeaders }),
      ...((error.event ?? error.response) !== undefined && {
        responseBody: JSON.stringify(error.event ?? error.response),
      }),
      isRetryable: isRetryableStreamError(error),
      data: {
        code: error.code,
        type: error.type,
        param: error.param,
        requestId: error.requestId ?? null,
      },
      cause: error,
    });
  }
  if (APIUserAbortError.isInstance(error)) return abortReason(context.abortSignal, error);
  if (APIConnectionError.isInstance(error)) {
    return new APICallError({
      message: error.message,
      url: context.url,
      requestBodyValues: context.requestBodyValues,
      ...(context.responseHeaders !== undefined && { responseHeaders: context.responseHeaders }),
      isRetryable: true,
      cause: error,
    });
  }
  return error;
}

function abortReason(signal: AbortSignal | undefined, error: Error): unknown {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new DOMException(error.message, 'AbortError');
}
