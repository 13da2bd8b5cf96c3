import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APIConnectionTimeoutError,
  APIError,
  APIFree,
  APIFreeConfigurationError,
  APIStreamError,
  type ResponseStreamEvent,
} from '../src/node';
import { startTestServer, type TestServer } from './support/test-server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const created = `data: ${JSON.stringify({ type: 'response.created', response: { id: 'r' } })}\n\n`;
const completed = `data: ${JSON.stringify({ type: 'response.completed', response: { id: 'r', output: [] } })}\n\n`;

async function collect(stream: AsyncIterable<ResponseStreamEvent>) {
  const events: ResponseStreamEvent[] = [];
  try {
    for await (const event of stream) events.push(event);
  } catch (error) {
    return { events, error };
  }
  return { events, error: undefined };
}

describe('hostile or odd servers', () => {
  it('an error event whose error is a string or whose fields are not strings is a typed error, after earlier events', async () => {
    for (const body of [
      { type: 'error', error: 'boom' },
      { type: 'error', message: { text: 'x' }, code: 7 },
    ]) {
      server = await startTestServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(`${created}data: ${JSON.stringify(body)}\n\n`);
      });
      const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL });
      const { events, error } = await collect(
        await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true }),
      );
      expect(events.map((event) => event.type)).toEqual(['response.created']);
      expect(error).toBeInstanceOf(APIStreamError);
      await server.close();
      server = undefined;
    }
  });

  it('masks a key echoed in a response header and in JSON with escaped slashes', async () => {
    const key = 'sk-live/abc+def/ghijklmnop0123456789';
    server = await startTestServer((request, response) => {
      response.writeHead(401, {
        'content-type': 'application/json',
        'x-request-id': request.headers.authorization ?? '',
      });
      response.end(
        JSON.stringify({
          error: {
            message: `Incorrect API key provided: ${key}`,
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          },
        }).replaceAll('/', '\\/'),
      );
    });
    const client = new APIFree({ apiKey: key, baseURL: server.baseURL });
    const error = (await client.responses
      .create({ model: 'gpt-4o', input: 'x' })
      .catch((caught: unknown) => caught)) as APIError;
    expect(error).toBeInstanceOf(APIError);
    const escaped = key.replaceAll('/', '\\/');
    for (const view of [
      error.message,
      error.stack ?? '',
      String(error.requestId),
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      JSON.stringify(error.body),
      JSON.stringify([...error.headers]),
    ]) {
      expect(view).not.toContain(key);
      expect(view).not.toContain(escaped);
    }
  });

  it('a streaming request answered with JSON reports the server message instead of a truncated stream', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          error: {
            message: 'Model is not available for streaming',
            type: 'invalid_request_error',
            param: null,
            code: 'model_not_available',
          },
        }),
      );
    });
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL });
    const error = await client.responses
      .create({ model: 'gpt-4o', input: 'x', stream: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({ code: 'model_not_available' });
    expect((error as Error).message).toContain('not available for streaming');
  });

  it('a streaming request answered with a JSON response streams it as its terminal event', async () => {
    const answer = {
      id: 'resp_json',
      object: 'response',
      status: 'completed',
      model: 'gpt-4o',
      output: [
        {
          type: 'message',
          id: 'msg_1',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Hello.', annotations: [] }],
        },
      ],
      usage: { input_tokens: 3, output_tokens: 2, total_tokens: 5 },
    };
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer, null, 2));
    });
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL });
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    const { events, error } = await collect(stream);
    expect(error).toBeUndefined();
    expect(events).toEqual([{ type: 'response.completed', response: answer }]);
    expect(await stream.finalResponse()).toEqual(answer);
  });

  it('a streaming request answered with a failed or unfinished JSON response throws its error', async () => {
    for (const [body, expected] of [
      [
        {
          id: 'r',
          status: 'failed',
          output: [],
          error: { code: 'server_error', message: 'Down.' },
        },
        {
          name: 'APIResponseFailedError',
          code: 'server_error',
          message: 'The response failed (server_error): Down.',
        },
      ],
      [
        { id: 'r', status: 'queued', output: [] },
        { name: 'APIStreamError', code: 'invalid_response' },
      ],
    ] as const) {
      server = await startTestServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      });
      const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL, maxRetries: 0 });
      const error = await client.responses
        .create({ model: 'gpt-4o', input: 'x', stream: true })
        .catch((caught: unknown) => caught);
      expect(error).toMatchObject(expected);
      await server.close();
      server = undefined;
    }
  });

  it('empty data lines (keep-alives) are skipped', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(`${created}data\n\ndata:\n\n${completed}`);
    });
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL });
    const { events, error } = await collect(
      await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true }),
    );
    expect(error).toBeUndefined();
    expect(events.map((event) => event.type)).toEqual(['response.created', 'response.completed']);
  });
});

describe('stream lifecycle', () => {
  it('abort() while a read is pending ends the loop quietly and closes the socket', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(created);
    });
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL });
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    const closed = server.nextSocketClose();
    expect((await stream.next()).value?.type).toBe('response.created');
    // The server sends nothing more, so this read stays pending until abort() ends it.
    const pending = stream.next();
    stream.abort();
    expect(await pending).toEqual({ done: true, value: undefined });
    await closed;
  });

  it('two concurrent next() calls both settle', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(created);
      setTimeout(() => response.end(completed), 50);
    });
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL });
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    const [first, second] = await Promise.all([stream.next(), stream.next()]);
    expect([first.value?.type, second.value?.type].sort()).toEqual([
      'response.completed',
      'response.created',
    ]);
  });

  it('a client streamIdleTimeout is kept when a request sets only timeout, and the body timeout does not cut a slow stream', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(created);
      // Longer than the request timeout below: the body must not be cut by it.
      setTimeout(() => response.end(completed), 300);
    });
    const client = new APIFree({
      apiKey: 'k',
      baseURL: server.baseURL,
      timeout: 100,
      streamIdleTimeout: 600_000,
    });
    const { error, events } = await collect(
      await client.responses.create(
        { model: 'gpt-4o', input: 'x', stream: true },
        { timeout: 100 },
      ),
    );
    expect(error).toBeUndefined();
    expect(events.at(-1)?.type).toBe('response.completed');
    await server.close();
    // A stream that stalls for good: only the idle timeout can end it, however slow the machine.
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(created);
    });
    const strict = new APIFree({ apiKey: 'k', baseURL: server.baseURL, streamIdleTimeout: 100 });
    const stalled = await collect(
      await strict.responses.create({ model: 'gpt-4o', input: 'x', stream: true }),
    );
    expect(stalled.error).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('finalResponse() after a failed iteration rethrows the stream error', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(
        `${created}data: ${JSON.stringify({ type: 'error', code: 'server_error', message: 'down' })}\n\n`,
      );
    });
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL });
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    await collect(stream);
    await expect(stream.finalResponse()).rejects.toMatchObject({ code: 'server_error' });
  });
});

describe('keys and options', () => {
  it('trims a key read with a trailing newline and rejects control characters without echoing them', () => {
    expect(new APIFree({ apiKey: 'sk-from-file\n' }).toJSON()).toMatchObject({ apiKey: '****' });
    const error = (() => {
      try {
        new APIFree({ apiKey: 'sk-bad\u0000key' });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(APIFreeConfigurationError);
    expect(error?.message).not.toContain('sk-bad');
  });

  it('a string where a number belongs is named by its type, its content not repeated', () => {
    expect(() => new APIFree({ apiKey: 'k', timeout: '100' as never })).toThrow(
      'The timeout option must be a positive number of milliseconds, got a string.',
    );
    expect(() => new APIFree({ apiKey: 'k', maxEventSize: [1024] as never })).toThrow(
      'The maxEventSize option must be a positive integer, got an array.',
    );
  });

  it('accepts a URL object as baseURL and clamps huge timeouts', () => {
    expect(new APIFree({ apiKey: 'k', baseURL: new URL('http://127.0.0.1:9/v1/') }).baseURL).toBe(
      'http://127.0.0.1:9/v1',
    );
    expect(new APIFree({ apiKey: 'k', timeout: 2 ** 40 }).timeout).toBe(2_147_483_647);
  });
});
