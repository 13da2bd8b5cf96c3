import {
  APIFree,
  APIFreeError,
  type ClientOptions,
  type ResponseCreateParams,
} from '@apifree/core';
import { afterAll, beforeAll, describe } from 'vitest';
import { MODEL } from '../src/adapters';
import {
  type BadHeader,
  forbiddenHeader,
  MALFORMED_HEADERS,
  SET_FROM_BASE_URL,
  SET_FROM_BODY,
  SET_FROM_KEY,
} from '../src/bad-headers';
import {
  type BadInputCase,
  type BadInputOutcome,
  defineBadInputTable,
  exactly,
} from '../src/bad-input';
import { type HostileServer, startHostileServer } from '../src/hostile-server';
import { type SimulatorProcess, startSimulatorProcess } from '../src/simulator-process';

const KEY = 'sk-drill-bad-input';
let sim: SimulatorProcess;
let hostile: HostileServer;

beforeAll(async () => {
  delete process.env.APIFREE_API_KEY;
  delete process.env.APIFREE_BASE_URL;
  [sim, hostile] = await Promise.all([
    startSimulatorProcess({ pace: false }),
    startHostileServer(),
  ]);
});
afterAll(async () => {
  await Promise.all([sim.close(), hostile.close()]);
});

const client = (options: Partial<ClientOptions> = {}) =>
  new APIFree({ apiKey: KEY, baseURL: sim.baseURL, maxRetries: 0, ...options });
/** Lets a test pass what the types forbid, as a JavaScript caller could. */
const loose = <T>(value: unknown) => value as T;

const construct = (name: string, options: unknown, names: RegExp): BadInputCase => ({
  name: `new APIFree(${name})`,
  run: () => new APIFree(loose<ClientOptions>(options)),
  names,
});

const create = (
  name: string,
  body: unknown,
  names: RegExp,
  options: unknown = {},
): BadInputCase => ({
  name: `responses.create(${name})`,
  run: () => client().responses.create(loose<ResponseCreateParams>(body), loose(options)),
  names,
});

const valid = { model: MODEL, input: 'Hi' };
const tool = { type: 'function', name: 'lookup', parameters: { type: 'object', properties: {} } };

/** Streams from the hostile server in `mode`; resolves with the function call arguments. */
async function hostileStream(mode: string) {
  const stream = await new APIFree({
    apiKey: KEY,
    baseURL: hostile.baseURL,
    maxRetries: 0,
  }).responses.create(
    { model: MODEL, input: 'Weather in Paris?', stream: true },
    { headers: { 'x-hostile-mode': mode } },
  );
  let doneArguments: string | undefined;
  for await (const event of stream)
    if (event.type === 'response.function_call_arguments.done') doneArguments = event.arguments;
  return doneArguments;
}

const cases: BadInputCase[] = [
  construct('null', null, /options/),
  construct('"a string"', 'sk-key', /options/),
  construct('{ apiKey: 123 }', { apiKey: 123 }, /apiKey/),
  construct('{ apiKey: {} }', { apiKey: {} }, /apiKey/),
  construct('{} without APIFREE_API_KEY', {}, /APIFREE_API_KEY/),
  construct('{ apiKey: "" }', { apiKey: '' }, /APIFREE_API_KEY|apiKey/),
  construct('{ baseURL: "not a url" }', { apiKey: KEY, baseURL: 'not a url' }, /baseURL/),
  construct('{ baseURL: "ftp://…" }', { apiKey: KEY, baseURL: 'ftp://example.com/v1' }, /baseURL/),
  construct('{ baseURL: "" }', { apiKey: KEY, baseURL: '' }, /baseURL/),
  construct('{ baseURL: 42 }', { apiKey: KEY, baseURL: 42 }, /baseURL/),
  construct('{ timeout: -1 }', { apiKey: KEY, timeout: -1 }, /timeout/),
  construct('{ timeout: NaN }', { apiKey: KEY, timeout: Number.NaN }, /timeout/),
  construct('{ timeout: 0 }', { apiKey: KEY, timeout: 0 }, /timeout/),
  construct(
    '{ timeout: "100" }',
    { apiKey: KEY, timeout: '100' },
    exactly('The timeout option must be a positive number of milliseconds, got a string.'),
  ),
  construct('{ timeout: Infinity }', { apiKey: KEY, timeout: Number.POSITIVE_INFINITY }, /timeout/),
  construct('{ maxRetries: -1 }', { apiKey: KEY, maxRetries: -1 }, /maxRetries/),
  construct('{ maxRetries: 1.5 }', { apiKey: KEY, maxRetries: 1.5 }, /maxRetries/),
  construct('{ maxRetries: "2" }', { apiKey: KEY, maxRetries: '2' }, /maxRetries/),
  construct('{ maxRetries: NaN }', { apiKey: KEY, maxRetries: Number.NaN }, /maxRetries/),
  construct('{ headers: "x" }', { apiKey: KEY, headers: 'x-a: b' }, /headers/),
  construct('{ headers: [] }', { apiKey: KEY, headers: [] }, /headers/),
  construct('{ headers: { a: 1 } }', { apiKey: KEY, headers: { a: 1 } }, /header|"a"/),
  construct('{ fetch: "fetch" }', { apiKey: KEY, fetch: 'fetch' }, /fetch/),
  construct(
    '{ streamIdleTimeout: -5 }',
    { apiKey: KEY, streamIdleTimeout: -5 },
    /streamIdleTimeout/,
  ),
  construct('{ maxEventSize: 0 }', { apiKey: KEY, maxEventSize: 0 }, /maxEventSize/),
  construct('{ maxEventSize: 1.5 }', { apiKey: KEY, maxEventSize: 1.5 }, /maxEventSize/),
  ...[0, -1, 1.5, '10', Number.NaN].map((value) =>
    construct(
      `{ maxResponseSize: ${typeof value === 'string' ? `"${value}"` : value} }`,
      { apiKey: KEY, maxResponseSize: value },
      exactly(
        `The maxResponseSize option must be a positive integer, got ${typeof value === 'number' ? String(value) : `a ${typeof value}`}.`,
      ),
    ),
  ),
  construct(
    '{ apiKey: "sk-with space" }',
    { apiKey: 'sk-with space' },
    exactly(
      'The API key contains spaces, control or non-ASCII characters; check APIFREE_API_KEY or the apiKey option.',
    ),
  ),
  construct(
    '{ baseURL: "http://user:password@host/v1" } (credentials)',
    { apiKey: KEY, baseURL: 'http://drill:hunter2-secret@127.0.0.1:9/v1' },
    exactly(
      "The baseURL http://127.0.0.1:9/v1 has credentials (user:password@) in it: they would be shown in errors and handled differently by each transport. Pass the API key with apiKey, and a proxy's credentials in the headers option.",
    ),
  ),
  construct(
    '{ baseURL: "http://user@host/v1" } (a user name only)',
    { apiKey: KEY, baseURL: 'http://drill@127.0.0.1:9/v1' },
    exactly(
      "The baseURL http://127.0.0.1:9/v1 has credentials (user:password@) in it: they would be shown in errors and handled differently by each transport. Pass the API key with apiKey, and a proxy's credentials in the headers option.",
    ),
  ),
  construct(
    '{ baseURL: "…/v1?query#fragment" }',
    { apiKey: KEY, baseURL: 'https://api.apifree.ai/v1?tenant=a#top' },
    exactly(
      'The baseURL https://api.apifree.ai/v1 has a query or fragment (?…#…); requests go to <baseURL>/responses, so use the bare URL, e.g. https://api.apifree.ai/v1.',
    ),
  ),
  construct(
    '{ baseURL: "…/v1?query" }',
    { apiKey: KEY, baseURL: 'https://api.apifree.ai/v1?tenant=a' },
    exactly(
      'The baseURL https://api.apifree.ai/v1 has a query or fragment (?…); requests go to <baseURL>/responses, so use the bare URL, e.g. https://api.apifree.ai/v1.',
    ),
  ),

  create('undefined', undefined, /body/),
  create('null', null, /body/),
  create('[]', [], /body/),
  create('"Hi"', 'Hi', /body/),
  create('{ model: "" }', { ...valid, model: '' }, /model/),
  create('{ model: "   " }', { ...valid, model: '   ' }, /model/),
  create('{ model: 42 }', { ...valid, model: 42 }, /model/),
  create('{ model: null }', { ...valid, model: null }, /model/),
  create('no model', { input: 'Hi' }, /model/),
  create('{ model: "no-such-model" }', { ...valid, model: 'no-such-model' }, /model/),
  create('no input', { model: MODEL }, /input/),
  create('{ input: 42 }', { ...valid, input: 42 }, /input/),
  create('{ input: {} }', { ...valid, input: {} }, /input/),
  create(
    '{ input: [{ role: "wizard" }] }',
    { ...valid, input: [{ type: 'message', role: 'wizard', content: 'x' }] },
    /role/,
  ),
  create('{ max_output_tokens: -5 }', { ...valid, max_output_tokens: -5 }, /max_output_tokens/),
  create(
    '{ max_output_tokens: "ten" }',
    { ...valid, max_output_tokens: 'ten' },
    /max_output_tokens/,
  ),
  create(
    '{ max_output_tokens: NaN }',
    { ...valid, max_output_tokens: Number.NaN },
    /max_output_tokens/,
  ),
  create('{ temperature: "hot" }', { ...valid, temperature: 'hot' }, /temperature/),
  create('{ tools: "lookup" }', { ...valid, tools: 'lookup' }, /tools/),
  create(
    'tool without a name',
    { ...valid, tools: [{ type: 'function', parameters: {} }] },
    /tools\[0\].*name/,
  ),
  create(
    'tool with a bad name',
    { ...valid, tools: [{ ...tool, name: 'look up!' }] },
    /tools\[0\].*name/,
  ),
  create(
    'tool with parameters "object"',
    { ...valid, tools: [{ ...tool, parameters: 'object' }] },
    /tools\[0\].*parameters/,
  ),
  create(
    'tool whose schema is not an object schema',
    { ...valid, tools: [{ ...tool, parameters: { type: 'string' } }] },
    /parameters|schema|object/,
  ),
  create(
    'tool_choice naming an unknown tool',
    { ...valid, tools: [tool], tool_choice: { type: 'function', name: 'missing' } },
    /missing/,
  ),
  create(
    'tool_choice "sometimes"',
    { ...valid, tools: [tool], tool_choice: 'sometimes' },
    /tool_choice/,
  ),
  create(
    'text.format json_schema with schema "nope"',
    { ...valid, text: { format: { type: 'json_schema', name: 'x', schema: 'nope' } } },
    /text\.format.*schema/,
  ),
  create(
    'text.format json_schema without a name',
    { ...valid, text: { format: { type: 'json_schema', schema: { type: 'object' } } } },
    /text\.format.*name/,
  ),
  create(
    'reasoning.effort "extreme"',
    { ...valid, model: 'gpt-5-mini', reasoning: { effort: 'extreme' } },
    /effort/,
  ),
  create('metadata with a number', { ...valid, metadata: { a: 1 } }, /metadata/),
  create('options null', valid, /options/, null),
  create('options { signal: {} }', valid, /signal/, { signal: {} }),
  create('options { timeout: -1 }', valid, /timeout/, { timeout: -1 }),
  create('options { maxRetries: 1.5 }', valid, /maxRetries/, { maxRetries: 1.5 }),
  create('options { headers: "x" }', valid, /headers/, { headers: 'x-a: b' }),
  create('options { headers: { a: 1 } }', valid, /header|"a"/, { headers: { a: 1 } }),
  create('options { streamIdleTimeout: 0 }', valid, /streamIdleTimeout/, { streamIdleTimeout: 0 }),
  {
    name: 'server: function_call arguments "{not json" are delivered unchanged (core does not parse them)',
    run: () => hostileStream('bad-tool-arguments'),
    names: /./,
    check: (outcome: BadInputOutcome) =>
      outcome.kind === 'returned' && outcome.value === '{not json'
        ? undefined
        : `expected the raw arguments, got ${outcome.kind}`,
  },
  {
    name: 'server: a stream event that is not a JSON object',
    run: () => hostileStream('event-not-object'),
    names: /not a JSON object/,
  },
  {
    name: 'server: a stream data line that is not JSON',
    run: () => hostileStream('echo-malformed'),
    names: /not valid JSON/,
  },
  {
    name: 'server: a 200 JSON body that is not a response object ([…])',
    run: () =>
      new APIFree({ apiKey: KEY, baseURL: hostile.baseURL, maxRetries: 0 }).responses.create(
        valid,
        {
          headers: { 'x-hostile-mode': 'json-not-object' },
        },
      ),
    names: exactly(
      'APIFree answered HTTP 200 with a response this client cannot read (response must be an object, got an array): ["not","a","response"]',
    ),
  },
  {
    name: 'server: a 200 JSON body cut short',
    run: () =>
      new APIFree({ apiKey: KEY, baseURL: hostile.baseURL, maxRetries: 0 }).responses.create(
        valid,
        {
          headers: { 'x-hostile-mode': 'echo-json-truncated' },
        },
      ),
    names:
      /^APIFree answered HTTP 200 with a response this client cannot read \(a body that is not JSON\): \{"id":"resp_hostile"/,
  },
];

/** The transports core has: undici (its Node default) and fetch (the `fetch` option). */
const TRANSPORTS: Record<string, Partial<ClientOptions>> = {
  undici: {},
  fetch: { fetch: (input, init) => globalThis.fetch(input, init) },
};

/** Headers a caller may get wrong, and core's exact answer. */
const BAD_HEADERS: BadHeader[] = [
  ...MALFORMED_HEADERS,
  forbiddenHeader('content-length', '5', SET_FROM_BODY),
  forbiddenHeader('Content-Length', '5', SET_FROM_BODY),
  forbiddenHeader('authorization', 'Bearer sk-other', SET_FROM_KEY),
  forbiddenHeader('host', '5', SET_FROM_BASE_URL),
  forbiddenHeader('transfer-encoding', '5', 'it is set by the transport'),
  forbiddenHeader('connection', '5', 'the connection is managed by the transport'),
];

const headerCases: BadInputCase[] = Object.entries(TRANSPORTS).flatMap(([transport, extra]) =>
  BAD_HEADERS.flatMap(([what, headers, message]): BadInputCase[] => [
    {
      name: `${transport}: new APIFree({ headers }) with ${what}`,
      run: () => new APIFree({ apiKey: KEY, baseURL: hostile.baseURL, ...extra, headers }),
      names: exactly(message),
    },
    {
      name: `${transport}: responses.create(body, { headers }) with ${what}`,
      run: () =>
        new APIFree({
          apiKey: KEY,
          baseURL: hostile.baseURL,
          maxRetries: 2,
          ...extra,
        }).responses.create(valid, { headers }),
      names: exactly(message),
      untouched: { requests: () => hostile.requests() },
    },
  ]),
);

/** A client whose `fetch` answers with `answer` instead of a Response. */
const fetchAnswering = (answer: unknown) =>
  new APIFree({
    apiKey: KEY,
    baseURL: sim.baseURL,
    maxRetries: 2,
    fetch: async () => answer as Response,
  }).responses.create(valid);

const fetchAnswerCases: BadInputCase[] = [
  ['{ status: 200 } (no headers)', { status: 200 }, 'it has no Headers'],
  ['null', null, 'it resolved to null'],
  ['a string', 'OK', 'it resolved to string'],
  [
    '{ status: "200", headers }',
    { status: '200', headers: new Headers() },
    'its status is not a number',
  ],
  [
    '{ status: 200, headers, body: "text" }',
    { status: 200, headers: new Headers(), body: 'text' },
    'its body is not a ReadableStream',
  ],
].map(([what, answer, problem]) => ({
  name: `a custom fetch answering ${what}`,
  run: () => fetchAnswering(answer),
  names: exactly(
    `The fetch option did not answer with a Response: ${problem}. A custom fetch must resolve to a Response (status, headers, body).`,
  ),
}));

/** Answers from the hostile server that the client must refuse with a typed error. */
const serverCases: BadInputCase[] = [
  {
    name: 'server: a compressed answer (gzip) though core asked for identity (undici)',
    run: () =>
      new APIFree({ apiKey: KEY, baseURL: hostile.baseURL, maxRetries: 0 }).responses.create(
        valid,
        { headers: { 'x-hostile-mode': 'gzip-json' } },
      ),
    names: exactly(
      'APIFree answered with content-encoding gzip though this client asked for identity (uncompressed); a proxy in between may compress responses: let it pass them through as they are.',
    ),
  },
  {
    name: 'server: a compressed answer (gzip) through fetch is decompressed and read (bounded by maxResponseSize)',
    run: () =>
      new APIFree({
        apiKey: KEY,
        baseURL: hostile.baseURL,
        maxRetries: 0,
        ...TRANSPORTS.fetch,
      }).responses.create(valid, { headers: { 'x-hostile-mode': 'gzip-json' } }),
    names: /./,
    check: (outcome: BadInputOutcome) =>
      outcome.kind === 'returned' && (outcome.value as { status?: unknown }).status === 'completed'
        ? undefined
        : `expected the decompressed response, got ${outcome.kind}`,
  },
  {
    name: 'server: a stream event larger than maxEventSize',
    run: async () => {
      const stream = await new APIFree({
        apiKey: KEY,
        baseURL: hostile.baseURL,
        maxRetries: 0,
        maxEventSize: 1024,
      }).responses.create(
        { ...valid, stream: true },
        { headers: { 'x-hostile-mode': 'long-event' } },
      );
      for await (const _event of stream);
    },
    names: exactly(
      'A stream event was larger than maxEventSize (1024 characters); the stream was stopped. Raise maxEventSize if you expect events this large.',
    ),
  },
  {
    name: 'server: a stream event larger than maxEventSize that arrives whole in one read',
    run: async () => {
      const stream = await client({ maxEventSize: 64 }).responses.create({
        ...valid,
        stream: true,
      });
      for await (const _event of stream);
    },
    names: exactly(
      'A stream event was larger than maxEventSize (64 characters); the stream was stopped. Raise maxEventSize if you expect events this large.',
    ),
  },
  {
    name: 'server: a JSON answer larger than maxResponseSize',
    run: () => client({ maxResponseSize: 64, maxRetries: 2 }).responses.create(valid),
    names: exactly(
      'APIFree answered with a response larger than maxResponseSize (64 bytes); it was not read further. Raise maxResponseSize if you expect answers this large.',
    ),
  },
];

describe('@apifree/core: every invalid input gets a clear typed error (APIFreeError), nothing hangs', () => {
  defineBadInputTable(
    'core',
    [...cases, ...headerCases, ...fetchAnswerCases, ...serverCases],
    (error) => error instanceof APIFreeError,
  );
});
