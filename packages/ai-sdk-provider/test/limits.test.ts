import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { APICallError, type LanguageModelV4StreamPart } from '@ai-sdk/provider';
import type { Simulator } from '@apifree/simulator';
import { generateText } from 'ai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { providerFor, startTestSimulator } from './support/simulator';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startTestSimulator();
});
afterAll(() => simulator.close());

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }];

describe('bounded reads', () => {
  it('doStream hands the stream over after a bounded read-ahead when no output comes', async () => {
    // 300 events of a type nobody knows, then silence for good: doStream must not wait for
    // output that never comes (nor buffer without end), and the stream stays readable.
    const unknown = Array.from(
      { length: 300 },
      (_, index) => `data: ${JSON.stringify({ type: 'response.future_event', n: index })}\n\n`,
    ).join('');
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(
        `data: ${JSON.stringify({ type: 'response.created', response: { id: 'resp_1', output: [] } })}\n\n${unknown}`,
      );
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const model = providerFor({ baseURL: `http://127.0.0.1:${port}/v1` })('gpt-4.1-mini');
    const { stream } = await model.doStream({ prompt, includeRawChunks: true });
    const reader = stream.getReader();
    const first: LanguageModelV4StreamPart[] = [];
    // What was read ahead is delivered at once: stream-start, metadata, then raw events.
    for (let index = 0; index < 3; index++) first.push((await reader.read()).value!);
    expect(first.map((part) => part.type)).toEqual(['stream-start', 'raw', 'response-metadata']);
    await reader.cancel();
  });

  it('maxResponseSize: a larger JSON answer is a non-retryable APICallError', async () => {
    const apifree = providerFor(simulator, { maxResponseSize: 64 });
    const error = await generateText({
      model: apifree('gpt-4.1-mini'),
      prompt: 'Hi',
      maxRetries: 2,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).isRetryable).toBe(false);
    expect((error as APICallError).message).toBe(
      'APIFree answered with a response larger than maxResponseSize (64 bytes); it was not read further. Raise maxResponseSize if you expect answers this large.',
    );
  });

  it('maxEventSize: a larger stream event fails the call before any output', async () => {
    const model = providerFor(simulator, { maxEventSize: 16 })('gpt-4.1-mini');
    const error = await Promise.resolve(model.doStream({ prompt })).catch(
      (caught: unknown) => caught,
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).isRetryable).toBe(false);
    expect((error as APICallError).message).toBe(
      'A stream event was larger than maxEventSize (16 characters); the stream was stopped. Raise maxEventSize if you expect events this large.',
    );
  });

  it('size limits that are not positive integers are refused when the provider is created', () => {
    expect(() => providerFor(simulator, { maxResponseSize: 1.5 })).toThrow(
      'createAPIFree(settings): maxResponseSize must be an integer from 1 to 2147483647, got 1.5 (bytes).',
    );
    expect(() => providerFor(simulator, { maxEventSize: 0 })).toThrow(
      'createAPIFree(settings): maxEventSize must be an integer from 1 to 2147483647, got 0 (characters).',
    );
  });
});
