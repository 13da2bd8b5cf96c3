import { APIFreeError } from '@apifree/core';
import {
  ChatAPIFree,
  type ChatAPIFreeCallOptions,
  type ChatAPIFreeInput,
} from '@apifree/langchain';
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import type { AIMessageChunk } from '@langchain/core/messages';
import type { Runnable } from '@langchain/core/runnables';
import { afterAll, beforeAll, describe } from 'vitest';
import { z } from 'zod';
import { MODEL } from '../src/adapters';
import { ADAPTER_BAD_HEADERS } from '../src/bad-headers';
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

const loose = <T>(value: unknown) => value as T;

const chat = (fields: Partial<ChatAPIFreeInput> = {}) =>
  new ChatAPIFree({ model: MODEL, apiKey: KEY, baseURL: sim.baseURL, maxRetries: 0, ...fields });

/** Streams to the end and merges the chunks, as `.stream` users do. */
async function streamAll(
  runnable: Runnable<BaseLanguageModelInput, AIMessageChunk, ChatAPIFreeCallOptions>,
  input: BaseLanguageModelInput = 'Hi',
  options: Partial<ChatAPIFreeCallOptions> = {},
) {
  let message: AIMessageChunk | undefined;
  for await (const chunk of await runnable.stream(input, options))
    message = message === undefined ? chunk : message.concat(chunk);
  return message;
}

const construct = (name: string, fields: unknown, names: RegExp): BadInputCase => ({
  name: `new ChatAPIFree(${name}) then stream`,
  run: () =>
    streamAll(
      new ChatAPIFree(
        loose<ChatAPIFreeInput>({
          apiKey: KEY,
          baseURL: sim.baseURL,
          maxRetries: 0,
          ...(fields as object),
        }),
      ),
    ),
  names,
});
const callWith = (name: string, options: unknown, names: RegExp): BadInputCase => ({
  name: `stream("Hi", ${name})`,
  run: () => streamAll(chat(), 'Hi', loose<Partial<ChatAPIFreeCallOptions>>(options)),
  names,
});

const lookup = {
  name: 'lookup',
  description: 'Look something up',
  schema: z.object({ q: z.string() }),
};

const cases: BadInputCase[] = [
  {
    name: 'new ChatAPIFree() (no fields)',
    run: () => new ChatAPIFree(loose<ChatAPIFreeInput>(undefined)),
    names: /model|fields/,
  },
  construct('{ model: "" }', { model: '' }, /model/),
  construct('{ model: 42 }', { model: 42 }, /model/),
  construct('{ model: "no-such-model" }', { model: 'no-such-model' }, /model/),
  construct('{ apiKey: 123 }', { model: MODEL, apiKey: 123 }, /apiKey/),
  construct('{} without APIFREE_API_KEY', { model: MODEL, apiKey: undefined }, /APIFREE_API_KEY/),
  construct('{ baseURL: "not a url" }', { model: MODEL, baseURL: 'not a url' }, /baseURL/),
  construct('{ baseURL: 42 }', { model: MODEL, baseURL: 42 }, /baseURL/),
  construct('{ timeout: -1 }', { model: MODEL, timeout: -1 }, /timeout/),
  construct('{ timeout: NaN }', { model: MODEL, timeout: Number.NaN }, /timeout/),
  construct('{ maxRetries: -1 }', { model: MODEL, maxRetries: -1 }, /maxRetries/),
  construct('{ maxRetries: 1.5 }', { model: MODEL, maxRetries: 1.5 }, /maxRetries/),
  construct('{ maxTokens: -5 }', { model: MODEL, maxTokens: -5 }, /max_output_tokens|maxTokens/),
  construct(
    '{ maxTokens: NaN }',
    { model: MODEL, maxTokens: Number.NaN },
    /max_output_tokens|maxTokens/,
  ),
  construct('{ temperature: "hot" }', { model: MODEL, temperature: 'hot' }, /temperature/),
  construct('{ headers: "x" }', { model: MODEL, headers: 'x-a: b' }, /headers/),
  construct('{ fetch: "fetch" }', { model: MODEL, fetch: 'fetch' }, /fetch/),
  construct('{ reasoning: "high" }', { model: 'gpt-5-mini', reasoning: 'high' }, /reasoning/),
  construct('{ requestMetadata: "x" }', { model: MODEL, requestMetadata: 'x' }, /metadata/),
  construct('{ modelKwargs: "x" }', { model: MODEL, modelKwargs: 'x' }, /modelKwargs/),
  callWith('{ headers: "x" }', { headers: 'x-a: b' }, /headers/),
  callWith('{ requestMetadata: "x" }', { requestMetadata: 'x' }, /metadata/),
  {
    name: 'invoke("Hi", { reasoning: { effort: "extreme" } }) on gpt-4.1-mini: not sent, with a warning (the value is not checked)',
    run: () => chat().invoke('Hi', loose({ reasoning: { effort: 'extreme' } })),
    names: /./,
    check: (outcome: BadInputOutcome) => {
      if (outcome.kind !== 'returned')
        return `expected an answer with a warning, got ${outcome.kind}`;
      const warnings = (outcome.value as AIMessageChunk).response_metadata.warnings as unknown;
      return Array.isArray(warnings) &&
        warnings.includes(
          'reasoningEffort applies to reasoning models only; gpt-4.1-mini is not one and was not sent.',
        )
        ? undefined
        : `no warning about the dropped reasoning effort: ${JSON.stringify(warnings)}`;
    },
  },
  {
    // A non-reasoning model is sent no reasoning settings at all (the case above).
    name: 'stream("Hi", { reasoning: { effort: "extreme" } }) on a reasoning model (gpt-5-mini)',
    run: () =>
      streamAll(chat({ model: 'gpt-5-mini' }), 'Hi', loose({ reasoning: { effort: 'extreme' } })),
    names: /effort/,
  },
  {
    name: 'bindTools([{}])',
    run: () => streamAll(chat().bindTools([loose({})])),
    names: /tool/,
  },
  {
    name: 'bindTools([tool without a name])',
    run: () => streamAll(chat().bindTools([loose({ type: 'function', parameters: {} })])),
    names: /tools\[0\]\.name|name/,
  },
  {
    name: 'bindTools([{ name, description, schema: "not a schema" }])',
    run: () =>
      streamAll(
        chat().bindTools([loose({ name: 'lookup', description: 'd', schema: 'not a schema' })]),
      ),
    names: /schema/,
  },
  {
    name: 'bindTools([tool whose schema is not an object schema])',
    run: () =>
      streamAll(
        chat().bindTools([
          {
            type: 'function',
            function: { name: 'lookup', description: 'd', parameters: { type: 'string' } },
          },
        ]),
      ),
    names: /parameters|schema|object/,
  },
  {
    name: 'bindTools([lookup], { tool_choice: "missing" })',
    run: () => streamAll(chat().bindTools([lookup], { tool_choice: 'missing' })),
    names: /missing/,
  },
  {
    name: 'withStructuredOutput(schema, { method: "nope" })',
    run: () =>
      chat()
        .withStructuredOutput(z.object({ city: z.string() }), loose({ method: 'nope' }))
        .invoke('Lyon'),
    names: /method/,
  },
  {
    name: 'withStructuredOutput("not a schema")',
    run: () => chat().withStructuredOutput(loose('not a schema')).invoke('Lyon'),
    names: /schema/,
  },
  {
    name: 'withStructuredOutput(JSON schema with properties "x", { method: "jsonSchema" })',
    run: () =>
      chat()
        .withStructuredOutput(
          { type: 'object', properties: 'x' },
          { method: 'jsonSchema', name: 'answer' },
        )
        .invoke('Lyon'),
    names: /schema|properties/,
  },
  {
    name: 'server: function_call arguments "{not json" → an invalid tool call with the parse error',
    run: () =>
      streamAll(
        new ChatAPIFree({
          model: MODEL,
          apiKey: KEY,
          baseURL: hostile.baseURL,
          maxRetries: 0,
        }).bindTools([
          { name: 'get_weather', description: 'Weather', schema: z.object({ city: z.string() }) },
        ]),
        'Weather in Paris?',
        { headers: { 'x-hostile-mode': 'bad-tool-arguments' } },
      ),
    names: /./,
    check: (outcome: BadInputOutcome) => {
      if (outcome.kind !== 'returned')
        return `expected a message with an invalid tool call, got ${outcome.kind}`;
      const message = outcome.value as AIMessageChunk;
      const invalid = message.invalid_tool_calls?.[0];
      if (invalid === undefined)
        return `no invalid_tool_calls (tool_calls: ${JSON.stringify(message.tool_calls)})`;
      return invalid.args === '{not json' &&
        typeof invalid.error === 'string' &&
        invalid.error !== ''
        ? undefined
        : `invalid tool call without a parse error: ${JSON.stringify(invalid)}`;
    },
  },
  {
    name: 'server: function_call arguments "{not json" under withStructuredOutput → OutputParserException',
    run: () =>
      new ChatAPIFree({ model: MODEL, apiKey: KEY, baseURL: hostile.baseURL, maxRetries: 0 })
        .withStructuredOutput(z.object({ city: z.string() }), { name: 'get_weather' })
        .invoke(
          'Weather in Paris?',
          loose({ headers: { 'x-hostile-mode': 'bad-tool-arguments' } }),
        ),
    names: /JSON|parse|get_weather/i,
  },
  {
    name: 'server: a stream event that is not a JSON object',
    run: () =>
      streamAll(
        new ChatAPIFree({ model: MODEL, apiKey: KEY, baseURL: hostile.baseURL, maxRetries: 0 }),
        'Hi',
        {
          headers: { 'x-hostile-mode': 'event-not-object' },
        },
      ),
    names: /not a JSON object/,
  },
  {
    name: 'server: invoke gets a 200 JSON body that is not a response object',
    run: () =>
      new ChatAPIFree({
        model: MODEL,
        apiKey: KEY,
        baseURL: hostile.baseURL,
        maxRetries: 0,
      }).invoke('Hi', {
        headers: { 'x-hostile-mode': 'json-not-object' },
      }),
    names: /not a JSON response object|response/,
  },
];

const hostileChat = (fields: Partial<ChatAPIFreeInput> = {}) =>
  new ChatAPIFree({
    model: MODEL,
    apiKey: KEY,
    baseURL: hostile.baseURL,
    maxRetries: 2,
    ...fields,
  });

const headerCases: BadInputCase[] = ADAPTER_BAD_HEADERS.flatMap(([what, headers, message]) => [
  {
    name: `new ChatAPIFree({ headers }) with ${what}`,
    run: () => streamAll(hostileChat({ headers })),
    names: exactly(message),
    untouched: { requests: () => hostile.requests() },
  },
  {
    name: `stream("Hi", { headers }) with ${what}`,
    run: () => streamAll(hostileChat(), 'Hi', { headers }),
    names: exactly(message),
    untouched: { requests: () => hostile.requests() },
  },
  {
    name: `invoke("Hi", { headers }) with ${what}`,
    run: () => hostileChat().invoke('Hi', { headers }),
    names: exactly(message),
    untouched: { requests: () => hostile.requests() },
  },
]);

const moreCases: BadInputCase[] = [
  construct(
    '{ baseURL: "http://user:password@host/v1" } (credentials)',
    { model: MODEL, baseURL: 'http://drill:hunter2-secret@127.0.0.1:9/v1' },
    exactly(
      "The baseURL http://127.0.0.1:9/v1 has credentials (user:password@) in it: they would be shown in errors and handled differently by each transport. Pass the API key with apiKey, and a proxy's credentials in the headers option.",
    ),
  ),
  construct(
    '{ baseURL: "…/v1?query#fragment" }',
    { model: MODEL, baseURL: 'https://api.apifree.ai/v1?tenant=a#top' },
    exactly(
      'The baseURL https://api.apifree.ai/v1 has a query or fragment (?…#…); requests go to <baseURL>/responses, so use the bare URL, e.g. https://api.apifree.ai/v1.',
    ),
  ),
  ...(
    [
      ['timeout', 0, 'a number from 1 to 2147483647'],
      ['timeout', '100', 'a number from 1 to 2147483647'],
      ['streamIdleTimeout', -1, 'a number from 1 to 2147483647'],
      ['streamIdleTimeout', Number.NaN, 'a number from 1 to 2147483647'],
      ['maxResponseSize', 0, `an integer from 1 to ${Number.MAX_SAFE_INTEGER}`],
      ['maxResponseSize', 1.5, `an integer from 1 to ${Number.MAX_SAFE_INTEGER}`],
      ['maxEventSize', -1, `an integer from 1 to ${Number.MAX_SAFE_INTEGER}`],
    ] as const
  ).map(([name, value, what]) =>
    construct(
      `{ ${name}: ${typeof value === 'string' ? `"${value}"` : value} }`,
      { model: MODEL, [name]: value },
      // A number is printed, anything else named by its type ("got a string").
      exactly(
        `new ChatAPIFree(fields): ${name} must be ${what}, got ${typeof value === 'number' ? String(value) : `a ${typeof value}`}.`,
      ),
    ),
  ),
  construct(
    '{ maxRetries: 101 }',
    { model: MODEL, maxRetries: 101 },
    exactly('new ChatAPIFree(fields): maxRetries must be an integer from 0 to 100, got 101.'),
  ),
  construct(
    '{ temperature: 3 }',
    { model: MODEL, temperature: 3 },
    exactly('new ChatAPIFree(fields): temperature must be a number from 0 to 2, got 3.'),
  ),
  construct(
    '{ topP: 1.5 }',
    { model: MODEL, topP: 1.5 },
    exactly('new ChatAPIFree(fields): topP must be a number from 0 to 1, got 1.5.'),
  ),
  {
    name: 'new ChatAPIFree({ fetch }) whose fetch answers { status: 200 } (no headers), then invoke',
    run: () =>
      chat({ fetch: async () => loose<Response>({ status: 200 }), maxRetries: 2 }).invoke('Hi'),
    names: exactly(
      'The fetch option did not answer with a Response: it has no Headers. A custom fetch must resolve to a Response (status, headers, body).',
    ),
  },
];

/** Core's typed errors, and LangChain's own (OutputParserException and the LangChainError family). */
function isTyped(error: unknown): boolean {
  if (error instanceof APIFreeError) return true;
  return typeof (error as { lc_error_code?: unknown })?.lc_error_code === 'string';
}

describe('@apifree/langchain: every invalid input gets a clear typed error, nothing hangs', () => {
  defineBadInputTable('langchain', [...cases, ...headerCases, ...moreCases], isTyped);
});
