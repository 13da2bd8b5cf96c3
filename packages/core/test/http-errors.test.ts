import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APIError,
  APIFree,
  APIFreeConfigurationError,
  APIStreamError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  isRetryableError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from '../src/node';
import { readJSONFixture } from './support/fixtures';
import { sendJSON, sendSSE, startTestServer, type TestServer } from './support/test-server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const errorBody = (code: string | null, message: string, param: string | null = null) => ({
  error: { message, type: 'invalid_request_error', param, code },
});

async function failWith(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  maxRetries = 0,
) {
  server = await startTestServer((_request, response) => sendJSON(response, status, body, headers));
  const client = new APIFree({ apiKey: 'sk-test-key-123456', baseURL: server.baseURL, maxRetries });
  const error = await client.responses.create({ model: 'gpt-4.1-mini', input: 'hi' }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return { error: error as APIError, requests: server.requests.length };
}

describe('HTTP errors become typed errors', () => {
  const table: Array<[number, typeof APIError, string | null]> = [
    [400, BadRequestError, 'model_not_found'],
    [401, AuthenticationError, 'invalid_api_key'],
    [403, PermissionDeniedError, 'unsupported_country_region_territory'],
    [404, NotFoundError, null],
    [409, ConflictError, null],
    [422, UnprocessableEntityError, null],
    [429, RateLimitError, 'rate_limit_exceeded'],
    [500, InternalServerError, 'server_error'],
    [502, InternalServerError, null],
    [503, InternalServerError, null],
  ];
  for (const [status, ErrorClass, code] of table) {
    it(`${status} → ${ErrorClass.name}`, async () => {
      const { error } = await failWith(
        status,
        errorBody(code, `Problem ${status}`, status === 400 ? 'model' : null),
      );
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toBeInstanceOf(APIError);
      expect(error).toMatchObject({
        status,
        code,
        type: 'invalid_request_error',
        requestId: 'req_test',
        serverMessage: `Problem ${status}`,
      });
      expect(error.param).toBe(status === 400 ? 'model' : null);
      expect(error.headers.get('x-request-id')).toBe('req_test');
      expect(error.message).toContain(`HTTP ${status}`);
      expect(error.message).toContain(`Problem ${status}`);
      expect(error.message).toContain('req_test');
    });
  }

  it('keeps the recorded insufficient_quota and unsupported-parameter bodies', async () => {
    const quota = await failWith(429, readJSONFixture('error-insufficient-quota.json'), {}, 2);
    expect(quota.error).toBeInstanceOf(RateLimitError);
    expect(quota.error.code).toBe('insufficient_quota');
    expect(quota.error.message).toMatch(/quota/);
    expect(quota.requests).toBe(1);
    expect(isRetryableError(quota.error)).toBe(false);
    await server?.close();
    const temperature = await failWith(400, readJSONFixture('error-unsupported-temperature.json'));
    expect(temperature.error).toBeInstanceOf(BadRequestError);
    expect(temperature.error.param).toBe('temperature');
  });

  it('a non-JSON error body keeps its text', async () => {
    const { error } = await failWith(502, '<html>Bad gateway</html>');
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.body).toBe('<html>Bad gateway</html>');
    expect(error.message).toContain('Bad gateway');
  });

  it('an error body with null param and code is read, not rejected', async () => {
    const { error } = await failWith(400, {
      error: { message: 'Bad input', type: 'invalid_request_error', param: null, code: null },
    });
    expect(error).toMatchObject({ serverMessage: 'Bad input', code: null, param: null });
  });
});

describe('retries follow the official SDK conventions', () => {
  it('retries 429 and 5xx up to maxRetries, counted at the server', async () => {
    const { error, requests } = await failWith(
      500,
      errorBody('server_error', 'boom'),
      { 'retry-after-ms': '5' },
      2,
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect(requests).toBe(3);
  });

  it('does not retry 400, 401, 403, 404, 422', async () => {
    for (const status of [400, 401, 403, 404, 422]) {
      const { requests } = await failWith(status, errorBody(null, 'no'), {}, 3);
      expect(requests).toBe(1);
      await server?.close();
      server = undefined;
    }
  });

  it('x-should-retry overrides the status', async () => {
    expect(
      (
        await failWith(
          400,
          errorBody(null, 'retry me'),
          { 'x-should-retry': 'true', 'retry-after-ms': '1' },
          1,
        )
      ).requests,
    ).toBe(2);
    await server?.close();
    expect(
      (await failWith(503, errorBody(null, 'do not'), { 'x-should-retry': 'false' }, 3)).requests,
    ).toBe(1);
  });

  it('succeeds after a 429 with Retry-After, and the per-request maxRetries wins', async () => {
    server = await startTestServer((_request, response, index) => {
      if (index < 2)
        sendJSON(response, 429, errorBody('rate_limit_exceeded', 'slow down'), {
          'retry-after': '0',
        });
      else sendJSON(response, 200, { id: 'resp_ok', object: 'response', output: [] });
    });
    const client = new APIFree({ apiKey: 'sk-test', baseURL: server.baseURL, maxRetries: 0 });
    const response = await client.responses.create(
      { model: 'gpt-4o', input: 'x' },
      { maxRetries: 2 },
    );
    expect(response.id).toBe('resp_ok');
    expect(server.requests).toHaveLength(3);
  });

  it('retries a refused connection, then reports a connection error naming the URL', async () => {
    const client = new APIFree({
      apiKey: 'sk-test',
      baseURL: 'http://127.0.0.1:1/v1',
      maxRetries: 1,
    });
    const error = await client.responses
      .create({ model: 'gpt-4o', input: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toContain('http://127.0.0.1:1/v1/responses');
    expect(isRetryableError(error)).toBe(true);
  });

  it('never retries once a stream has begun', async () => {
    server = await startTestServer((_request, response) =>
      sendSSE(response, 'data: {"type":"response.created","response":{}}\n\n'),
    );
    const client = new APIFree({ apiKey: 'sk-test', baseURL: server.baseURL, maxRetries: 3 });
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    await expect(stream.finalResponse()).rejects.toMatchObject({ name: 'APIStreamTruncatedError' });
    expect(server.requests).toHaveLength(1);
  });
});

describe('requests as sent', () => {
  it('sends the body, bearer key, JSON headers and custom headers to /responses', async () => {
    server = await startTestServer((_request, response) =>
      sendJSON(response, 200, { id: 'r', output: [] }),
    );
    const client = new APIFree({
      apiKey: 'sk-test',
      baseURL: `${server.baseURL}/`,
      headers: { 'X-Team': 'a' },
    });
    const { response } = await client.responses
      .create(
        { model: 'gpt-4.1-mini', input: 'Hi', metadata: { a: 'b' } },
        { headers: { 'x-trace': '1', 'x-team': undefined } },
      )
      .withResponse();
    const request = server.requests[0]!;
    expect(request.url).toBe('/v1/responses');
    expect(JSON.parse(request.body)).toEqual({
      model: 'gpt-4.1-mini',
      input: 'Hi',
      metadata: { a: 'b' },
    });
    expect(request.headers.authorization).toBe('Bearer sk-test');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-trace']).toBe('1');
    expect(request.headers['x-team']).toBeUndefined();
    expect(response).toMatchObject({ status: 200, requestId: 'req_test' });
  });
});

describe('bad input fails before any network call', () => {
  it('names APIFREE_API_KEY when no key is set', () => {
    const saved = process.env.APIFREE_API_KEY;
    delete process.env.APIFREE_API_KEY;
    try {
      expect(() => new APIFree()).toThrow(APIFreeConfigurationError);
      expect(() => new APIFree()).toThrow(/APIFREE_API_KEY/);
    } finally {
      if (saved !== undefined) process.env.APIFREE_API_KEY = saved;
    }
  });

  it('rejects bad options and bodies with typed errors naming the argument', async () => {
    expect(() => new APIFree({ apiKey: 'k', timeout: -1 })).toThrow(/timeout/);
    expect(() => new APIFree({ apiKey: 'k', maxRetries: 1.5 })).toThrow(/maxRetries/);
    expect(() => new APIFree({ apiKey: 'k', baseURL: 'not a url' })).toThrow(/baseURL/);
    expect(() => new APIFree({ apiKey: 'k', headers: { a: 1 as unknown as string } })).toThrow(
      /header/,
    );
    const client = new APIFree({ apiKey: 'k', baseURL: 'http://127.0.0.1:1/v1' });
    await expect(client.responses.create({ model: '', input: 'x' })).rejects.toMatchObject({
      argument: 'model',
    });
    await expect(client.responses.create({ model: 'gpt-4o' } as never)).rejects.toMatchObject({
      argument: 'input',
    });
    await expect(
      client.responses.create({ model: 'gpt-4o', input: 'x' }, { timeout: 0 }),
    ).rejects.toBeInstanceOf(APIFreeConfigurationError);
  });

  it('rejects bodies the service would reject, naming the field, with no request sent', async () => {
    server = await startTestServer((_request, response) =>
      sendJSON(response, 200, { id: 'r', output: [] }),
    );
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL });
    const base = { model: 'gpt-4.1-mini', input: 'Hi' };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ max_output_tokens: Number.NaN }, 'max_output_tokens'],
      [{ max_output_tokens: -5 }, 'max_output_tokens'],
      [{ max_output_tokens: 1.5 }, 'max_output_tokens'],
      [{ temperature: 3 }, 'temperature'],
      [{ top_p: Number.POSITIVE_INFINITY }, 'top_p'],
      [{ tools: 'x' }, 'tools'],
      [
        { tools: [{ type: 'function', name: 'bad name!', parameters: { type: 'object' } }] },
        'tools',
      ],
      [{ tools: [{ type: 'function', name: 'lookup', parameters: { type: 'string' } }] }, 'tools'],
      [{ tool_choice: 'sometimes' }, 'tool_choice'],
      [{ tool_choice: { type: 'function' } }, 'tool_choice'],
      [{ text: { format: { type: 'json_schema', name: 'x' } } }, 'text.format'],
      [{ metadata: { a: 1 } }, 'metadata'],
      [{ input: [1, 2] }, 'input'],
      [{ extra: { nested: Number.NaN } }, 'nested'],
      [{ extra: 10n }, 'body'],
    ];
    for (const [patch, argument] of cases) {
      const error = await client.responses
        .create({ ...base, ...patch } as never)
        .catch((caught: unknown) => caught);
      expect(error, JSON.stringify(Object.keys(patch))).toBeInstanceOf(APIFreeConfigurationError);
      expect(error).toMatchObject({ argument });
      expect((error as Error).message).toContain(argument === 'body' ? 'JSON' : argument);
    }
    const circular: Record<string, unknown> = { ...base };
    circular.self = circular;
    await expect(client.responses.create(circular as never)).rejects.toMatchObject({
      argument: 'body',
    });
    await expect(client.responses.create(base, { headers: 'x' as never })).rejects.toMatchObject({
      argument: 'headers',
    });
    await expect(
      client.responses.create(base, { headers: { a: 1 } as never }),
    ).rejects.toMatchObject({ argument: 'headers' });
    expect(server.requests).toHaveLength(0);
  });

  it('a 200 whose body is not a response object is a typed error', async () => {
    server = await startTestServer((_request, response) => sendJSON(response, 200, [1, 2, 3]));
    const client = new APIFree({ apiKey: 'k', baseURL: server.baseURL });
    const error = await client.responses
      .create({ model: 'gpt-4o', input: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIStreamError);
    expect(error).toMatchObject({ code: 'invalid_response', requestId: 'req_test' });
    expect((error as Error).message).toBe(
      'APIFree answered HTTP 200 with a response this client cannot read (response must be an object, got an array): [1,2,3]',
    );
  });

  it('reads APIFREE_BASE_URL and tolerates a trailing slash', () => {
    process.env.APIFREE_BASE_URL = 'http://127.0.0.1:5/v1/';
    try {
      expect(new APIFree({ apiKey: 'k' }).baseURL).toBe('http://127.0.0.1:5/v1');
    } finally {
      delete process.env.APIFREE_BASE_URL;
    }
    expect(new APIFree({ apiKey: 'k' }).baseURL).toBe('https://api.apifree.ai/v1');
  });
});

describe('the API key never leaks', () => {
  const key = 'sk-live-0123456789abcdefSECRET';

  it('is masked when the server echoes it, and absent from inspect and JSON', async () => {
    server = await startTestServer((_request, response) =>
      sendJSON(response, 401, errorBody('invalid_api_key', `Incorrect API key provided: ${key}.`)),
    );
    const client = new APIFree({ apiKey: key, baseURL: server.baseURL });
    const error = (await client.responses
      .create({ model: 'gpt-4o', input: 'x' })
      .catch((caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(AuthenticationError);
    for (const view of [
      error.message,
      error.stack ?? '',
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      JSON.stringify((error as APIError).body),
      inspect(client, { depth: 10 }),
      JSON.stringify(client),
      String(client),
    ]) {
      expect(view).not.toContain(key);
    }
    expect(error.message).toContain('sk-l****CRET');
  });

  it('is masked in stream error events that echo it', async () => {
    server = await startTestServer((_request, response) =>
      sendSSE(
        response,
        `data: ${JSON.stringify({ type: 'error', code: 'bad', message: `key ${key} rejected` })}\n\n`,
      ),
    );
    const client = new APIFree({ apiKey: key, baseURL: server.baseURL });
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    const error = await stream.finalResponse().catch((caught: unknown) => caught);
    expect(inspect(error, { depth: 10 })).not.toContain(key);
    expect(JSON.stringify(error)).not.toContain(key);
  });
});
