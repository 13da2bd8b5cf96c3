import { APIConnectionError, APIConnectionTimeoutError } from '@apifree/core';
import { APICallError, LoadAPIKeyError, RetryError } from 'ai';
import { describe, expect, it } from 'vitest';
import { CHAT_ERROR_MESSAGES, describeChatError } from '../src/lib/describe-chat-error';

function callError(init: Partial<ConstructorParameters<typeof APICallError>[0]>): APICallError {
  return new APICallError({
    message: 'failed',
    url: 'https://api.apifree.ai/v1/responses',
    requestBodyValues: {},
    ...init,
  });
}

describe('describeChatError', () => {
  it.each([
    [401, undefined, CHAT_ERROR_MESSAGES.rejectedKey],
    [403, undefined, CHAT_ERROR_MESSAGES.rejectedKey],
    [429, { error: { code: 'rate_limit_exceeded' } }, CHAT_ERROR_MESSAGES.rateLimited],
    [429, { error: { code: 'insufficient_quota' } }, CHAT_ERROR_MESSAGES.noCredit],
    [400, { error: { code: 'model_not_found' } }, CHAT_ERROR_MESSAGES.unknownModel],
    [400, { error: { code: 'invalid_value' } }, CHAT_ERROR_MESSAGES.badRequest],
    [500, { error: { code: 'server_error' } }, CHAT_ERROR_MESSAGES.upstreamFailed],
    [502, undefined, CHAT_ERROR_MESSAGES.upstreamFailed],
  ])('HTTP %i %j → %s', (statusCode, data, message) => {
    expect(describeChatError(callError({ statusCode, data }))).toBe(message);
  });

  it('reads stream error codes', () => {
    expect(describeChatError(callError({ data: { code: 'insufficient_quota' } }))).toBe(
      CHAT_ERROR_MESSAGES.noCredit,
    );
    expect(describeChatError(callError({ data: { code: 'server_error' } }))).toBe(
      CHAT_ERROR_MESSAGES.upstreamFailed,
    );
  });

  it('tells an unreachable service from a slow one', () => {
    const refused = new APIConnectionError('connect ECONNREFUSED 127.0.0.1:9');
    const slow = new APIConnectionTimeoutError('Request timed out.');
    expect(describeChatError(callError({ cause: refused }))).toBe(CHAT_ERROR_MESSAGES.unreachable);
    expect(describeChatError(callError({ cause: slow }))).toBe(CHAT_ERROR_MESSAGES.timedOut);
  });

  it('describes the last attempt after retries', () => {
    const retries = new RetryError({
      message: 'Failed after 3 attempts.',
      reason: 'maxRetriesExceeded',
      errors: [callError({ statusCode: 500 }), callError({ statusCode: 429 })],
    });
    expect(describeChatError(retries)).toBe(CHAT_ERROR_MESSAGES.rateLimited);
  });

  it('asks for a key when none is configured', () => {
    const missing = new LoadAPIKeyError({ message: 'APIFree API key is missing.' });
    expect(describeChatError(missing)).toBe(CHAT_ERROR_MESSAGES.missingKey);
  });

  it('never shows an unknown error as it is', () => {
    expect(describeChatError(new Error('secret internals at /srv/app'))).toBe(
      CHAT_ERROR_MESSAGES.unexpected,
    );
  });
});
