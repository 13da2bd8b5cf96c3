import { APICallError } from '@ai-sdk/provider';
import type { Simulator } from '@apifree/simulator';
import { generateText, streamText } from 'ai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { providerFor, requestBodies, startTestSimulator, TEST_KEY } from './support/simulator';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startTestSimulator();
});
afterAll(() => simulator.close());
beforeEach(() => {
  simulator.requests.length = 0;
});

async function collect(stream: AsyncIterable<{ type: string }>) {
  const parts: Array<{ type: string; [key: string]: unknown }> = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe('errors through the AI SDK', () => {
  it('401: APICallError with status, headers and body, not retried, key not leaked', async () => {
    const apifree = providerFor(simulator, { apiKey: 'sk-wrong-key-123456789' });
    const error = await generateText({ model: apifree('gpt-4.1-mini'), prompt: 'Hi' }).catch(
      (caught: unknown) => caught,
    );
    expect(APICallError.isInstance(error)).toBe(true);
    const callError = error as APICallError;
    expect(callError.statusCode).toBe(401);
    expect(callError.isRetryable).toBe(false);
    expect(callError.url).toBe(`${simulator.baseURL}/responses`);
    expect(callError.responseHeaders?.['content-type']).toContain('application/json');
    expect(JSON.parse(callError.responseBody ?? '{}').error.code).toBe('invalid_api_key');
    expect(
      JSON.stringify({ message: callError.message, body: callError.responseBody }),
    ).not.toContain('sk-wrong-key-123456789');
    expect(requestBodies(simulator)).toHaveLength(1);
  });

  it('400 model_not_found: the server message reaches the caller', async () => {
    const apifree = providerFor(simulator);
    const error = await generateText({
      model: apifree('gpt-nope'),
      prompt: 'Hi',
      maxRetries: 2,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(400);
    expect((error as APICallError).isRetryable).toBe(false);
    expect((error as APICallError).message).toContain('gpt-nope');
    expect((error as APICallError).data).toMatchObject({
      error: { code: 'model_not_found', param: 'model' },
    });
    expect(requestBodies(simulator)).toHaveLength(1);
  });

  it('429: retried by the AI SDK after Retry-After, then succeeds', async () => {
    simulator.failNext({ name: 'rate_limit', retryAfterMs: 200 });
    const apifree = providerFor(simulator);
    const result = await generateText({
      model: apifree('gpt-4.1-mini'),
      prompt: 'Say "after the wait"',
      maxRetries: 2,
    });
    expect(result.text).toBe('after the wait');
    expect(requestBodies(simulator)).toHaveLength(2);
  });

  it('429 insufficient_quota is not retried', async () => {
    simulator.failNext('insufficient_quota');
    const apifree = providerFor(simulator);
    const error = await generateText({
      model: apifree('gpt-4.1-mini'),
      prompt: 'Hi',
      maxRetries: 2,
    }).catch((caught: unknown) => caught);
    expect((error as APICallError).statusCode).toBe(429);
    expect((error as APICallError).isRetryable).toBe(false);
    expect(requestBodies(simulator)).toHaveLength(1);
  });

  it('500 then success, streaming: the SDK retries the request', async () => {
    simulator.failNext('server_error');
    const apifree = providerFor(simulator);
    const result = streamText({
      model: apifree('gpt-4.1-mini'),
      prompt: 'Say "second attempt"',
      maxRetries: 1,
    });
    expect(await result.text).toBe('second attempt');
    expect(requestBodies(simulator)).toHaveLength(2);
  });

  it('an error event before any output makes doStream throw, so maxRetries retries it', async () => {
    simulator.failNext({ name: 'error_event', after: 2, code: 'server_error' });
    const apifree = providerFor(simulator);
    const result = streamText({ model: apifree('gpt-4.1-mini'), prompt: 'Hi', maxRetries: 1 });
    const parts = await collect(result.fullStream);
    expect(parts.some((part) => part.type === 'error')).toBe(false);
    expect(await result.finishReason).toBe('stop');
    expect(requestBodies(simulator)).toHaveLength(2);
  });

  it('a recorded insufficient_quota error event before output throws a non-retryable APICallError', async () => {
    const model = providerFor(simulator)('gpt-5-nano');
    const error = await Promise.resolve(
      model.doStream({
        prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
        headers: { 'x-simulator-replay': 'chunks/openai-error-event-then-failed.chunks.txt' },
      }),
    ).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).isRetryable).toBe(false);
    expect((error as APICallError).message).toContain('insufficient_quota');
    expect((error as APICallError).data).toMatchObject({ code: 'insufficient_quota' });
  });

  it('a failure after output began: an error part and finish reason error', async () => {
    simulator.failNext({
      name: 'error_event',
      after: 6,
      code: 'server_error',
      message: 'upstream broke',
    });
    const apifree = providerFor(simulator);
    const errors: unknown[] = [];
    const result = streamText({
      model: apifree('gpt-4.1-mini'),
      prompt: 'Tell me about caching',
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    const parts = await collect(result.fullStream);
    const error = parts.find((part) => part.type === 'error')?.error;
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toContain('upstream broke');
    expect(parts.find((part) => part.type === 'finish-step')).toMatchObject({
      finishReason: 'error',
    });
    expect(parts.some((part) => part.type === 'text-delta')).toBe(true);
    expect(errors).toHaveLength(1);
    expect(requestBodies(simulator)).toHaveLength(1);
  });

  it('truncation after output began: an error part and finish reason interrupted', async () => {
    simulator.failNext({ name: 'truncate', after: 6 });
    const model = providerFor(simulator)('gpt-4.1-mini');
    const { stream } = await model.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Tell me about caching' }] }],
    });
    const parts = await collect(stream);
    expect(parts.some((part) => part.type === 'text-delta')).toBe(true);
    const error = parts.find((part) => part.type === 'error')?.error;
    expect((error as APICallError).message).toMatch(/closed before the response finished/);
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'interrupted' },
      usage: { inputTokens: { total: undefined } },
    });
    // The text block that was cut off is still closed.
    expect(parts.filter((part) => part.type === 'text-end')).toHaveLength(1);
  });

  it('the timeout setting: a server that never answers is a retryable timeout APICallError', async () => {
    const apifree = providerFor(simulator, { timeout: 100 });
    const error = await generateText({
      model: apifree('gpt-4.1-mini'),
      prompt: 'Hi',
      maxRetries: 0,
      headers: { 'x-simulator-fault': 'slow_headers;ms=600000' },
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).isRetryable).toBe(true);
    expect((error as APICallError).message).toBe(
      'APIFree did not answer within 100 ms. Raise the timeout option, or retry.',
    );
  });

  it('the streamIdleTimeout setting: a stream that goes silent ends interrupted', async () => {
    const model = providerFor(simulator, { streamIdleTimeout: 100 })('gpt-4.1-mini');
    const { stream } = await model.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'Tell me about caching' }] }],
      headers: { 'x-simulator-fault': 'stall;after=6;ms=600000' },
    });
    const parts = await collect(stream);
    const error = parts.find((part) => part.type === 'error')?.error as APICallError;
    expect(error.message).toBe(
      'The stream stalled: no data for 100 ms. Raise streamIdleTimeout, or retry.',
    );
    expect(parts.at(-1)).toMatchObject({
      type: 'finish',
      finishReason: { unified: 'interrupted' },
    });
  });

  it("the AI SDK's timeout.firstChunkMs bounds a server that stalls once the answer's first item began", async () => {
    // created, in_progress, an empty message item, then silence: doStream has returned by
    // then (it reads ahead only to the first output item), so the AI SDK's timer runs.
    const result = streamText({
      model: providerFor(simulator)('gpt-4.1-mini'),
      prompt: 'Hi',
      maxRetries: 0,
      headers: { 'x-simulator-fault': 'stall;after=3;ms=600000' },
      timeout: { firstChunkMs: 200 },
    });
    const parts = await collect(result.fullStream);
    expect(parts.map((part) => part.type)).toEqual(['start', 'start-step', 'abort']);
  });

  it('settings that are not positive durations are refused when the provider is created', () => {
    expect(() => providerFor(simulator, { timeout: 0 })).toThrow(
      'createAPIFree(settings): timeout must be a number from 1 to 2147483647, got 0 (milliseconds).',
    );
    expect(() => providerFor(simulator, { streamIdleTimeout: Number.NaN })).toThrow(
      'streamIdleTimeout must be a number from 1 to 2147483647, got NaN',
    );
  });

  it('an AbortSignal.timeout ends the call with its reason, as the AI SDK expects', async () => {
    const apifree = providerFor(simulator);
    const signal = AbortSignal.timeout(100);
    const error = await generateText({
      model: apifree('gpt-4.1-mini'),
      prompt: 'Hi',
      maxRetries: 2,
      abortSignal: signal,
      headers: { 'x-simulator-fault': 'slow_headers;ms=600000' },
    }).catch((caught: unknown) => caught);
    expect(error).toBe(signal.reason);
    expect(requestBodies(simulator)).toHaveLength(1);
  });

  it('the API key never appears in request bodies, errors or serialized models', async () => {
    const model = providerFor(simulator)('gpt-4.1-mini');
    expect(JSON.stringify(model)).not.toContain(TEST_KEY);
    await generateText({ model, prompt: 'Hi' });
    expect(JSON.stringify(simulator.requests)).not.toContain(TEST_KEY);
  });
});
