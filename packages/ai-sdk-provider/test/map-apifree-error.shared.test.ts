import { APICallError } from '@ai-sdk/provider';
import {
  APIConnectionTimeoutError,
  APIStreamError,
  APIStreamTruncatedError,
  APIUserAbortError,
  InternalServerError,
  RateLimitError,
} from '@apifree/core';
import { describe, expect, it } from 'vitest';
import { mapAPIFreeError } from '../src/map-apifree-error';

const context = {
  url: 'https://api.apifree.ai/v1/responses',
  requestBodyValues: { model: 'gpt-4.1-mini' },
};
const rateLimit = (code: string) =>
  new RateLimitError({
    status: 429,
    headers: new Headers({ 'retry-after': '1', 'x-request-id': 'req_1' }),
    body: { error: { message: 'slow down', type: 'requests', param: null, code } },
    message: `APIFree returned HTTP 429 (${code})`,
  });

describe('mapAPIFreeError', () => {
  it('keeps status, headers and body of HTTP errors, retryable by status and code', () => {
    const mapped = mapAPIFreeError(rateLimit('rate_limit_exceeded'), context) as APICallError;
    expect(APICallError.isInstance(mapped)).toBe(true);
    expect(mapped).toMatchObject({
      statusCode: 429,
      isRetryable: true,
      url: context.url,
      requestBodyValues: context.requestBodyValues,
      responseHeaders: { 'retry-after': '1', 'x-request-id': 'req_1' },
    });
    expect(JSON.parse(mapped.responseBody ?? '')).toMatchObject({
      error: { code: 'rate_limit_exceeded' },
    });
    expect(
      (mapAPIFreeError(rateLimit('insufficient_quota'), context) as APICallError).isRetryable,
    ).toBe(false);
    const server = new InternalServerError({
      status: 503,
      headers: new Headers(),
      body: 'overloaded',
      message: 'x',
    });
    expect(mapAPIFreeError(server, context)).toMatchObject({
      statusCode: 503,
      isRetryable: true,
      responseBody: 'overloaded',
    });
  });

  it('makes early stream errors retryable by code, never insufficient_quota', () => {
    const event = { type: 'error', error: { code: 'server_error', message: 'oops' } };
    const retryable = mapAPIFreeError(
      new APIStreamError({ message: 'oops', code: 'server_error', event }),
      context,
    );
    expect(retryable).toMatchObject({
      isRetryable: true,
      responseBody: JSON.stringify(event),
      data: { code: 'server_error' },
    });
    const quota = mapAPIFreeError(
      new APIStreamError({ message: 'quota', code: 'insufficient_quota' }),
      context,
    );
    expect(quota).toMatchObject({ isRetryable: false });
    const truncated = mapAPIFreeError(
      new APIStreamTruncatedError({ message: 'cut', code: 'stream_truncated' }),
      context,
    );
    expect(truncated).toMatchObject({ isRetryable: true });
  });

  it('makes connection failures retryable APICallErrors and aborts AbortErrors', () => {
    expect(mapAPIFreeError(new APIConnectionTimeoutError('timed out'), context)).toMatchObject({
      isRetryable: true,
      message: 'timed out',
    });
    const aborted = mapAPIFreeError(new APIUserAbortError(), context) as Error;
    expect(aborted.name).toBe('AbortError');
    const controller = new AbortController();
    const reason = new Error('user left');
    controller.abort(reason);
    expect(
      mapAPIFreeError(new APIUserAbortError(), { ...context, abortSignal: controller.signal }),
    ).toBe(reason);
  });

  it('returns other errors unchanged', () => {
    const error = new TypeError('bug');
    expect(mapAPIFreeError(error, context)).toBe(error);
  });
});
