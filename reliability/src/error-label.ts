import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIFreeConfigurationError,
  APIFreeError,
  APIStreamError,
  APIStreamTruncatedError,
  APIUserAbortError,
} from '@apifree/core';
import { APICallError, RetryError } from 'ai';

/**
 * A stable name for an error, from its class (not its `name`, which LangChain rewrites),
 * with the code that tells faults apart: `RateLimitError:insufficient_quota`,
 * `APICallError>APIStreamTruncatedError`, `RetryError>APICallError>InternalServerError:server_error`,
 * `TimeoutError`. Anything that is not one of the typed errors is `untyped:<name>`.
 */
export function errorLabel(error: unknown): string {
  if (RetryError.isInstance(error)) return `RetryError>${errorLabel(error.lastError)}`;
  if (APICallError.isInstance(error)) return `APICallError>${errorLabel(error.cause)}`;
  if (error instanceof APIStreamTruncatedError) return 'APIStreamTruncatedError';
  if (error instanceof APIStreamError) return `APIStreamError:${error.code}`;
  if (error instanceof APIConnectionTimeoutError) return 'APIConnectionTimeoutError';
  if (error instanceof APIConnectionError) return 'APIConnectionError';
  if (error instanceof APIUserAbortError) return 'APIUserAbortError';
  if (error instanceof APIError) return `${classOf(error)}:${error.code ?? error.status}`;
  if (error instanceof APIFreeConfigurationError)
    return `APIFreeConfigurationError:${error.argument}`;
  if (error instanceof APIFreeError) return classOf(error);
  if (
    error instanceof DOMException &&
    (error.name === 'TimeoutError' || error.name === 'AbortError')
  )
    return error.name;
  if (error instanceof Error) return `untyped:${error.name}`;
  return `untyped:${typeof error}`;
}

function classOf(error: object): string {
  return error.constructor.name;
}

/** True when the label names one of the typed errors the packages (or `ai`) document. */
export function isTyped(label: string): boolean {
  return !label.includes('untyped:');
}
