import type { ServerResponse } from 'node:http';
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APIError,
  APIFree,
  APIFreeConfigurationError,
  APIResponseFailedError,
  APIStreamError,
} from '../src/node';
import { sendJSON, startTestServer, type TestServer } from './support/test-server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const KEY = 'sk-proj-hostile0123456789ABCDEFghijKLMNop';
const PART = KEY.slice('sk-proj-'.length);
const created = `data: ${JSON.stringify({ type: 'response.created', response: { id: 'r' } })}\n\n`;

/** Every form of the key a careless or malicious server might echo. */
const ECHOES: Record<string, string> = {
  plain: KEY,
  'JSON \\u-escaped': [...KEY]
    .map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join(''),
  'without its prefix': PART,
  base64: Buffer.from(KEY).toString('base64'),
  'base64 of "Bearer <key>"': Buffer.from(`Bearer ${KEY}`).toString('base64'),
  base64url: Buffer.from(`x${KEY}`).toString('base64url'),
  'percent-encoded (lower case)': [...KEY]
    .map((char) => `%${char.charCodeAt(0).toString(16)}`)
    .join(''),
  hex: Buffer.from(KEY).toString('hex'),
};

/** Everything a user could print of an error. */
function shown(error: unknown): string {
  return [
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error),
    String(error),
    (error as Error).stack ?? '',
  ].join('\n');
}

/** The key in any form: the test looks for the plain key and its random part in a decoded view too. */
function leaks(text: string): boolean {
  const views = [text, decodeURIComponent(text.replace(/%(?![0-9a-f]{2})/gi, '%25'))];
  for (const encoding of ['base64', 'base64url', 'hex'] as const) {
    for (const token of text.match(/[A-Za-z0-9+/_=-]{24,}/g) ?? [])
      views.push(Buffer.from(token, encoding).toString('latin1'));
  }
  views.push(
    text.replace(/\\u([0-9a-f]{4})/gi, (_, code) => String.fromCharCode(Number.parseInt(code, 16))),
  );
  return views.some((view) => view.includes(PART.slice(0, 16)) || view.includes(PART.slice(-16)));
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

function client(extra: Record<string, unknown> = {}) {
  return new APIFree({ apiKey: KEY, baseURL: server!.baseURL, maxRetries: 0, ...extra });
}

async function streamFailure(events: string) {
  server = await startTestServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.end(`${created}${events}`);
  });
  return failure(
    (async () => {
      for await (const _ of await client().responses.create({
        model: 'gpt-4o',
        input: 'x',
        stream: true,
      }));
    })(),
  );
}

describe('the key never leaks, whatever a server echoes and however it encodes it', () => {
  for (const [form, echo] of Object.entries(ECHOES)) {
    it(`in an error event's code, type and param, top-level and nested (${form})`, async () => {
      for (const event of [
        { type: 'error', code: echo, message: echo, param: echo },
        { type: 'error', error: { type: echo, code: echo, param: echo, message: 'm' } },
      ]) {
        const raw = JSON.stringify(event).replaceAll('\\\\u', '\\u');
        const error = await streamFailure(`data: ${raw}\n\n`);
        await server!.close();
        server = undefined;
        expect(error).toBeInstanceOf(APIStreamError);
        expect(leaks(shown(error))).toBe(false);
      }
    });

    it(`in a failed response's error, streamed and as JSON (${form})`, async () => {
      const failed = {
        id: 'r',
        status: 'failed',
        output: [],
        error: { code: echo, message: echo },
      };
      const raw = JSON.stringify({ type: 'response.failed', response: failed }).replaceAll(
        '\\\\u',
        '\\u',
      );
      const streamed = await streamFailure(`data: ${raw}\n\n`);
      expect(streamed).toBeInstanceOf(APIResponseFailedError);
      expect(leaks(shown(streamed))).toBe(false);
      await server!.close();
      server = undefined;
      server = await startTestServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(failed).replaceAll('\\\\u', '\\u'));
      });
      const json = await failure(client().responses.create({ model: 'gpt-4o', input: 'x' }));
      expect(json).toBeInstanceOf(APIResponseFailedError);
      expect(leaks(shown(json))).toBe(false);
    });

    it(`in an error body without a message field, and in a header's name and value (${form})`, async () => {
      server = await startTestServer((_request, response) => {
        response.setHeader(`x-echo-${Buffer.from(echo).toString('hex').slice(0, 40)}`, 'v');
        // Cut short, as a log line or a preview would: a piece of the key is a leak too.
        response.setHeader('x-echo', echo.slice(0, Math.ceil(echo.length * 0.8)));
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(`{"detail":"${echo}"}`);
      });
      const error = await failure(client().responses.create({ model: 'gpt-4o', input: 'x' }));
      expect(error).toBeInstanceOf(APIError);
      expect(leaks(shown(error))).toBe(false);
      expect(leaks([...(error as APIError).headers].join('\n'))).toBe(false);
    });
  }

  it('in a header name that is the key itself', async () => {
    server = await startTestServer((_request, response) => {
      response.setHeader(KEY, 'x');
      sendJSON(response, 500, { error: { message: 'boom' } });
    });
    const error = (await failure(
      client().responses.create({ model: 'gpt-4o', input: 'x' }),
    )) as APIError;
    // The masked name stays recognisable (Headers lower-cases names).
    expect([...error.headers.keys()].some((name) => name.startsWith('sk-p****'))).toBe(true);
    expect(leaks(shown(error))).toBe(false);
  });

  it('through the cause of a custom fetch that rejects with the request it was given', async () => {
    const apifree = new APIFree({
      apiKey: KEY,
      baseURL: 'http://127.0.0.1:9/v1',
      maxRetries: 0,
      fetch: async (_url, init) => {
        throw Object.assign(new TypeError('fetch failed'), { init, code: 'ECONNREFUSED' });
      },
    });
    const error = await failure(apifree.responses.create({ model: 'gpt-4o', input: 'x' }));
    expect((error as Error).message).toContain('fetch failed');
    expect((error as Error & { cause: { code: string } }).cause.code).toBe('ECONNREFUSED');
    expect(leaks(shown(error))).toBe(false);
  });

  it('credentials in baseURL are refused without being printed', () => {
    const create = () =>
      new APIFree({ apiKey: KEY, baseURL: 'http://user:p4ssw0rd-secret@127.0.0.1:9/v1' });
    expect(create).toThrow(APIFreeConfigurationError);
    try {
      create();
    } catch (error) {
      expect(shown(error)).not.toContain('p4ssw0rd-secret');
      expect((error as Error).message).toBe(
        "The baseURL http://127.0.0.1:9/v1 has credentials (user:password@) in it: they would be shown in errors and handled differently by each transport. Pass the API key with apiKey, and a proxy's credentials in the headers option.",
      );
    }
  });
});

describe('every read is bounded', () => {
  /** Writes `megabytes` of body without waiting, and counts what the socket really took. */
  function flood(response: ServerResponse, megabytes: number): void {
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    let sent = 0;
    const write = () => {
      while (sent < megabytes) {
        sent++;
        if (!response.write(chunk)) {
          response.once('drain', write);
          return;
        }
      }
      response.end();
    };
    response.on('error', () => undefined);
    write();
  }

  it('an error body is cut at 64 KiB, the message says so, and the rest is not read', async () => {
    let closedEarly = false;
    server = await startTestServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.on('close', () => {
        closedEarly = !response.writableFinished;
      });
      flood(response, 64);
    });
    const error = (await failure(
      client().responses.create({ model: 'gpt-4o', input: 'x' }),
    )) as APIError;
    expect(error).toBeInstanceOf(APIError);
    expect(error.message).toContain('(the error body was cut at 65536 bytes)');
    expect((error.body as string).length).toBe(65_536);
    await server.nextSocketClose();
    expect(closedEarly).toBe(true);
  });

  it('a JSON answer larger than maxResponseSize is a typed error, not retried', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      flood(response, 8);
    });
    const error = await failure(
      client({ maxRetries: 2, maxResponseSize: 1_000_000 }).responses.create({
        model: 'gpt-4o',
        input: 'x',
      }),
    );
    expect(error).toBeInstanceOf(APIStreamError);
    expect(error).toMatchObject({ code: 'response_too_large' });
    expect(server.requests).toHaveLength(1);
  });

  it('asks for an uncompressed body, and a compressed one anyway is a typed error', async () => {
    server = await startTestServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      response.end(gzipSync('{"output":[]}'));
    });
    const error = await failure(client().responses.create({ model: 'gpt-4o', input: 'x' }));
    expect(server.requests[0]?.headers['accept-encoding']).toBe('identity');
    expect(error).toBeInstanceOf(APIStreamError);
    expect((error as Error).message).toContain('content-encoding gzip');
  });
});

describe('every failure a caller can cause is a configuration error before any byte is sent', () => {
  const transports = {
    undici: () => ({}),
    fetch: () => ({ fetch: (url: string, init: RequestInit) => fetch(url, init) }),
  };
  for (const [transport, extra] of Object.entries(transports)) {
    it.each([
      ['a value with CRLF', { 'x-note': 'a\r\nx-injected: 1' }, 'line break or NUL'],
      ['a value beyond Latin-1', { 'x-note': 'café ☕' }, 'beyond Latin-1'],
      ['a content-length', { 'content-length': '5' }, 'it is set from the body'],
      ['an authorization', { authorization: 'Bearer other' }, 'it is set from the API key'],
      ['a bad name', { 'x note': 'v' }, 'not a valid HTTP header name'],
    ])(`${transport}: a header with %s`, async (_name, headers, message) => {
      server = await startTestServer((_request, response) =>
        sendJSON(response, 200, { output: [] }),
      );
      const error = await failure(
        client(extra()).responses.create({ model: 'gpt-4o', input: 'x' }, { headers }),
      );
      expect(error).toBeInstanceOf(APIFreeConfigurationError);
      expect((error as Error).message).toContain(message);
      expect(server.requests).toHaveLength(0);
      expect(() => client({ ...extra(), headers })).toThrow(APIFreeConfigurationError);
    });
  }

  it('a custom fetch that answers with something that is not a Response', async () => {
    const apifree = new APIFree({
      apiKey: KEY,
      baseURL: 'http://127.0.0.1:9/v1',
      maxRetries: 2,
      fetch: async () => ({ status: 200 }) as never,
    });
    const error = await failure(apifree.responses.create({ model: 'gpt-4o', input: 'x' }));
    expect(error).toBeInstanceOf(APIFreeConfigurationError);
    expect((error as Error).message).toBe(
      'The fetch option did not answer with a Response: it has no Headers. A custom fetch must resolve to a Response (status, headers, body).',
    );
  });

  it('a baseURL with a query or a fragment', () => {
    expect(() => new APIFree({ apiKey: KEY, baseURL: 'https://api.apifree.ai/v1?x=1#y' })).toThrow(
      'The baseURL https://api.apifree.ai/v1 has a query or fragment (?…#…); requests go to <baseURL>/responses, so use the bare URL, e.g. https://api.apifree.ai/v1.',
    );
  });
});
