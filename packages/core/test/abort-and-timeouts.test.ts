import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  APIConnectionTimeoutError,
  APIFree,
  APIStreamTruncatedError,
  APIUserAbortError,
  type ResponseStreamEvent,
} from '../src/node';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

const created = `data: ${JSON.stringify({ type: 'response.created', response: { id: 'r' } })}\n\n`;
const event = (index: number) =>
  `event: response.output_text.delta\ndata: ${JSON.stringify({ type: 'response.output_text.delta', sequence_number: index, item_id: 'm', output_index: 0, content_index: 0, delta: `t${index} ` })}\n\n`;
const completed = `data: ${JSON.stringify({ type: 'response.completed', response: { id: 'r', output: [] } })}\n\n`;

/** A server that streams forever, one event per tick, until the client goes away. */
async function endlessServer() {
  return startTestServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(created);
    let index = 0;
    const timer = setInterval(() => response.write(event(index++)), 5);
    response.on('close', () => clearInterval(timer));
  });
}

/**
 * A `fetch` whose answers the test controls: each call gets a body the test writes to
 * with `send` and ends with `end`; a call without `answer` never gets headers. Aborts
 * behave as `fetch`'s do. With fake timers this makes every timeout deterministic.
 */
function controlledFetch(options: { answer: boolean }) {
  const calls: Array<{ send(text: string): void; end(): void; cancelled: boolean }> = [];
  const fetch = (_url: string, init: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal as AbortSignal;
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      const call = {
        cancelled: false,
        send: (text: string) => controller.enqueue(new TextEncoder().encode(text)),
        end: () => controller.close(),
      };
      calls.push(call);
      const body = new ReadableStream<Uint8Array>({
        start(streamController) {
          controller = streamController;
        },
        cancel() {
          call.cancelled = true;
        },
      });
      signal.addEventListener('abort', () => {
        reject(signal.reason);
        controller.error(signal.reason);
      });
      if (options.answer)
        resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
    });
  return { fetch, calls };
}

describe('abort and break free the connection', () => {
  it('an already-aborted signal rejects before any request', async () => {
    server = await endlessServer();
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL });
    await expect(
      client.responses.create(
        { model: 'gpt-4o', input: 'x', stream: true },
        { signal: AbortSignal.abort() },
      ),
    ).rejects.toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(0);
  });

  it('break out of the loop closes the socket', async () => {
    server = await endlessServer();
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL });
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    const closed = server.nextSocketClose();
    let seen = 0;
    for await (const _ of stream) if (++seen === 5) break;
    await closed;
    expect(seen).toBe(5);
  });

  it('aborting mid-stream throws APIUserAbortError and closes the socket', async () => {
    server = await endlessServer();
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL });
    const controller = new AbortController();
    const stream = await client.responses.create(
      { model: 'gpt-4o', input: 'x', stream: true },
      { signal: controller.signal },
    );
    const closed = server.nextSocketClose();
    let seen = 0;
    const error = await (async () => {
      for await (const _ of stream) if (++seen === 3) controller.abort();
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(seen).toBe(3);
    await closed;
  });

  it('aborting during a retry wait stops at once', async () => {
    const controller = new AbortController();
    server = await startTestServer((_request, response) => {
      response.writeHead(503, { 'retry-after': '30' });
      // Once the 503 is out, the client can only be reading it or waiting 30 s to retry.
      response.end('{"error":{"message":"busy"}}', () => controller.abort());
    });
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL, maxRetries: 5 });
    await expect(
      client.responses.create({ model: 'gpt-4o', input: 'x' }, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('nothing hangs', () => {
  it('a stream silent for streamIdleTimeout fails with a timeout after the events before it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { fetch, calls } = controlledFetch({ answer: true });
    const client = new APIFree({ apiKey: 'k', baseURL: 'http://127.0.0.1:9/v1', fetch });
    const stream = await client.responses.create(
      { model: 'gpt-4o', input: 'x', stream: true },
      { streamIdleTimeout: 1_000 },
    );
    calls[0]!.send(created);
    const first = await stream.next();
    expect(first.value?.type).toBe('response.created');
    const failure = stream.next().catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(999);
    calls[0]!.send(event(1));
    expect((await failure) as IteratorResult<ResponseStreamEvent>).toMatchObject({
      value: { type: 'response.output_text.delta' },
    });
    const stalled = stream.next().catch((caught: unknown) => caught);
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await stalled;
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toBe(
      'The stream stalled: no data for 1000 ms. Raise streamIdleTimeout, or retry.',
    );
  });

  it('keep-alive comments keep a stream alive: they are data, if not events', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { fetch, calls } = controlledFetch({ answer: true });
    const client = new APIFree({
      apiKey: 'k',
      baseURL: 'http://127.0.0.1:9/v1',
      fetch,
      streamIdleTimeout: 1_000,
    });
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    calls[0]!.send(created);
    expect((await stream.next()).value?.type).toBe('response.created');
    const next = stream.next().catch((caught: unknown) => caught);
    // Ten seconds with nothing but a comment every 900 ms: never 1 000 ms without data.
    for (let tick = 0; tick < 11; tick++) {
      await vi.advanceTimersByTimeAsync(900);
      calls[0]!.send(': keep-alive\n\n');
    }
    calls[0]!.send(completed);
    expect(((await next) as IteratorResult<ResponseStreamEvent>).value?.type).toBe(
      'response.completed',
    );
  });

  it('the consumer reads at its own pace: time between reads is not a stall', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { fetch, calls } = controlledFetch({ answer: true });
    const client = new APIFree({
      apiKey: 'k',
      baseURL: 'http://127.0.0.1:9/v1',
      fetch,
      streamIdleTimeout: 50,
    });
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    calls[0]!.send(`${created}${event(1)}${completed}`);
    const types: string[] = [];
    for await (const item of stream) {
      types.push(item.type);
      await vi.advanceTimersByTimeAsync(5_000);
    }
    expect(types).toEqual(['response.created', 'response.output_text.delta', 'response.completed']);
  });

  it('a server that never answers times out, and the timeout is retried', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
    const { fetch, calls } = controlledFetch({ answer: false });
    const client = new APIFree({
      apiKey: 'k',
      baseURL: 'http://127.0.0.1:9/v1',
      fetch,
      timeout: 1_000,
      maxRetries: 1,
    });
    const pending = client.responses
      .create({ model: 'gpt-4o', input: 'x' })
      .catch((caught: unknown) => caught);
    // The request timer, the retry wait (at most 500 ms for the first retry), the retry's timer.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await pending;
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toBe(
      'APIFree did not answer within 1000 ms. Raise the timeout option, or retry.',
    );
  });

  it('over a real socket, a silent server is a timeout and a stalled stream closes the socket', async () => {
    server = await startTestServer((_request, response, index) => {
      if (index === 0) return;
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(created);
    });
    const client = new APIFree({
      apiKey: 'k',
      baseURL: server.baseURL,
      timeout: 100,
      maxRetries: 0,
    });
    await expect(client.responses.create({ model: 'gpt-4o', input: 'x' })).rejects.toBeInstanceOf(
      APIConnectionTimeoutError,
    );
    const stream = await client.responses.create(
      { model: 'gpt-4o', input: 'x', stream: true },
      { timeout: 60_000, streamIdleTimeout: 100 },
    );
    const closed = server.nextSocketClose();
    const error = await (async () => {
      for await (const _ of stream);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    await closed;
  });

  it('a connection dropped mid-stream is a truncated-stream error', async () => {
    let pending: ServerResponse | undefined;
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(created);
      pending = response;
    });
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL });
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    expect((await stream.next()).value?.type).toBe('response.created');
    pending!.socket!.destroy();
    await expect(stream.finalResponse()).rejects.toBeInstanceOf(APIStreamTruncatedError);
  });
});
