import { afterEach, describe, expect, it } from 'vitest';
import {
  APIConnectionTimeoutError,
  APIFree,
  APIStreamTruncatedError,
  APIUserAbortError,
} from '../src/node';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const event = (index: number) =>
  `event: response.output_text.delta\ndata: ${JSON.stringify({ type: 'response.output_text.delta', sequence_number: index, item_id: 'm', output_index: 0, content_index: 0, delta: `t${index} ` })}\n\n`;

/** A server that streams forever, one event per tick, until the client goes away. */
async function endlessServer() {
  return startTestServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(
      `data: ${JSON.stringify({ type: 'response.created', response: { id: 'r' } })}\n\n`,
    );
    let index = 0;
    const timer = setInterval(() => response.write(event(index++)), 5);
    response.on('close', () => clearInterval(timer));
  });
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
    await closed;
  });

  it('aborting during a retry wait stops at once', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(503, { 'retry-after': '30' });
      response.end('{"error":{"message":"busy"}}');
    });
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL, maxRetries: 5 });
    const controller = new AbortController();
    const pending = client.responses.create(
      { model: 'gpt-4o', input: 'x' },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('nothing hangs', () => {
  it('a stream that stalls longer than streamIdleTimeout fails', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(
        `data: ${JSON.stringify({ type: 'response.created', response: { id: 'r' } })}\n\n`,
      );
    });
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL, streamIdleTimeout: 200 });
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    const closed = server.nextSocketClose();
    const events: unknown[] = [];
    const error = await (async () => {
      for await (const item of stream) events.push(item);
    })().catch((caught: unknown) => caught);
    expect(events).toHaveLength(1);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/stalled/);
    await closed;
  });

  it('a server that never answers times out (and the timeout is retried)', async () => {
    server = await startTestServer(() => undefined);
    const client = new APIFree({
      apiKey: 'k',
      baseURL: server.baseURL,
      timeout: 150,
      maxRetries: 1,
    });
    const error = await client.responses
      .create({ model: 'gpt-4o', input: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  it('a connection dropped mid-stream is a truncated-stream error', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(
        `data: ${JSON.stringify({ type: 'response.created', response: { id: 'r' } })}\n\n`,
      );
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL });
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    await expect(stream.finalResponse()).rejects.toBeInstanceOf(APIStreamTruncatedError);
  });

  it('the consumer reads at its own pace: a slow loop is not a stall', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(
        `data: {"type":"response.created","response":{}}\n\n${event(1)}data: {"type":"response.completed","response":{"id":"r"}}\n\n`,
      );
    });
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL, streamIdleTimeout: 50 });
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    const types: string[] = [];
    for await (const item of stream) {
      types.push(item.type);
      await new Promise((resolve) => setTimeout(resolve, 120));
    }
    expect(types).toEqual(['response.created', 'response.output_text.delta', 'response.completed']);
  });
});
