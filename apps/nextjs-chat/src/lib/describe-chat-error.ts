import { APIConnectionError, APIConnectionTimeoutError } from '@apifree/core';
import { APICallError, LoadAPIKeyError, RetryError } from 'ai';

/** The messages a person sees; the route sends one of these instead of the raw error. */
export const CHAT_ERROR_MESSAGES = {
  missingKey: 'The server has no API key. Set APIFREE_API_KEY and restart it.',
  rejectedKey: 'The API key was rejected. Check APIFREE_API_KEY on the server.',
  rateLimited: 'Rate limited — try again in a moment.',
  noCredit: 'The APIFree account has run out of credit.',
  unknownModel: 'This model is not available. Pick another one.',
  badRequest: 'The model service refused the request.',
  unreachable: 'Could not reach the model service. Check the connection and try again.',
  timedOut: 'The model service took too long to answer. Try again.',
  upstreamFailed: 'The model service failed. Try again in a moment.',
  unexpected: 'Something went wrong. Try again.',
} as const;

// HTTP errors carry the server's body ({ error: { code } }); stream errors carry { code }.
function errorCode(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const nested = (data as { error?: unknown }).error;
  const source = typeof nested === 'object' && nested !== null ? nested : data;
  const code = (source as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Turns an error from `streamText` into a sentence for the person chatting. Details
 * (status, request id, server message) stay in the server log: they help an operator,
 * not the reader, and the server's text is not ours to show.
 *
 * @example
 * result.toUIMessageStreamResponse({ onError: describeChatError });
 */
export function describeChatError(error: unknown): string {
  if (RetryError.isInstance(error)) return describeChatError(error.lastError);
  if (LoadAPIKeyError.isInstance(error)) return CHAT_ERROR_MESSAGES.missingKey;
  if (!APICallError.isInstance(error)) return CHAT_ERROR_MESSAGES.unexpected;

  const code = errorCode(error.data);
  const status = error.statusCode;
  if (status === 401 || status === 403 || code === 'invalid_api_key') {
    return CHAT_ERROR_MESSAGES.rejectedKey;
  }
  if (code === 'insufficient_quota') return CHAT_ERROR_MESSAGES.noCredit;
  if (status === 429 || code === 'rate_limit_exceeded') return CHAT_ERROR_MESSAGES.rateLimited;
  if (status === 404 || code === 'model_not_found') return CHAT_ERROR_MESSAGES.unknownModel;
  if (status !== undefined && status >= 400 && status < 500) return CHAT_ERROR_MESSAGES.badRequest;
  if (error.cause instanceof APIConnectionTimeoutError) return CHAT_ERROR_MESSAGES.timedOut;
  if (error.cause instanceof APIConnectionError) return CHAT_ERROR_MESSAGES.unreachable;
  return CHAT_ERROR_MESSAGES.upstreamFailed;
}
