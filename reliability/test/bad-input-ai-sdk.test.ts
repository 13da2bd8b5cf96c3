import { type APIFreeProviderSettings, apifree, createAPIFree } from '@apifree/ai-sdk-provider';
import { APIFreeError } from '@apifree/core';
import { AISDKError, generateText, jsonSchema, Output, streamText, tool } from 'ai';
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
type StreamTextOptions = Parameters<typeof streamText>[0];

/** Streams with `streamText`; throws the first error (or abort) the stream reports. */
async function stream(options: Partial<StreamTextOptions>, settings: APIFreeProviderSettings = {}) {
  const provider = createAPIFree({ apiKey: KEY, baseURL: sim.baseURL, ...settings });
  const result = streamText({
    model: provider(MODEL),
    prompt: 'Hi',
    maxRetries: 0,
    onError: () => {},
    ...options,
  } as StreamTextOptions);
  const parts: Array<{ type: string; [key: string]: unknown }> = [];
  for await (const part of result.fullStream) {
    parts.push(part);
    if (part.type === 'error') throw part.error;
  }
  return parts;
}

const provider = (name: string, settings: unknown, names: RegExp): BadInputCase => ({
  name: `createAPIFree(${name})`,
  run: () =>
    stream(
      {},
      loose<APIFreeProviderSettings>({
        apiKey: KEY,
        baseURL: sim.baseURL,
        ...(settings as object),
      }),
    ),
  names,
});
const call = (name: string, options: unknown, names: RegExp): BadInputCase => ({
  name: `streamText(${name})`,
  run: () => stream(loose<Partial<StreamTextOptions>>(options)),
  names,
});

const lookup = tool({ description: 'Look something up', inputSchema: z.object({ q: z.string() }) });

const cases: BadInputCase[] = [
  provider('{ apiKey: 123 }', { apiKey: 123 }, /API key|apiKey/),
  provider(
    '{ apiKey: undefined } without APIFREE_API_KEY',
    { apiKey: undefined },
    /APIFREE_API_KEY/,
  ),
  provider('{ baseURL: "not a url" }', { baseURL: 'not a url' }, /baseURL/),
  provider('{ baseURL: 42 }', { baseURL: 42 }, /baseURL/),
  provider('{ headers: "x" }', { headers: 'x-a: b' }, /headers/),
  provider('{ headers: { a: 1 } }', { headers: { a: 1 } }, /header|"a"/),
  provider('{ fetch: "fetch" }', { fetch: 'fetch' }, /fetch/),
  provider('{ name: 42 }', { name: 42 }, /name/),
  {
    name: 'apifree("") (empty model id)',
    run: () => stream({ model: createAPIFree({ apiKey: KEY, baseURL: sim.baseURL })('') }),
    names: /model/,
  },
  {
    name: 'apifree (the default provider) without APIFREE_API_KEY',
    run: () => stream({ model: apifree(MODEL) }),
    names: /APIFREE_API_KEY/,
  },
  {
    name: 'provider.embeddingModel("text-embedding-3-small")',
    run: () => createAPIFree({ apiKey: KEY }).embeddingModel('text-embedding-3-small'),
    names: /embedding/i,
  },
  {
    name: 'apifree(42) (model id not a string)',
    run: () =>
      stream({ model: createAPIFree({ apiKey: KEY, baseURL: sim.baseURL })(loose<string>(42)) }),
    names: /model/,
  },
  {
    name: 'apifree("no-such-model")',
    run: () =>
      stream({ model: createAPIFree({ apiKey: KEY, baseURL: sim.baseURL })('no-such-model') }),
    names: /model/,
  },
  {
    name: 'new apifree("gpt-4.1-mini")',
    run: () => {
      const apifree = createAPIFree({ apiKey: KEY, baseURL: sim.baseURL });
      return new (apifree as unknown as new (id: string) => unknown)(MODEL);
    },
    names: /without `new`|new/,
  },
  call('{ maxOutputTokens: -5 }', { maxOutputTokens: -5 }, /maxOutputTokens|max_output_tokens/),
  call('{ maxOutputTokens: 1.5 }', { maxOutputTokens: 1.5 }, /maxOutputTokens|max_output_tokens/),
  call(
    '{ maxOutputTokens: 8 } (below the API minimum of 16)',
    { maxOutputTokens: 8 },
    /maxOutputTokens|max_output_tokens/,
  ),
  call('{ temperature: "hot" }', { temperature: 'hot' }, /temperature/),
  call('{ tools: { "look up!": … } }', { tools: { 'look up!': lookup } }, /tools\[0\]\.name|name/),
  call(
    '{ tools: { lookup: tool({ inputSchema: jsonSchema({ type: "string" }) }) } }',
    { tools: { lookup: tool({ inputSchema: jsonSchema({ type: 'string' }) }) } },
    /parameters|schema|object/,
  ),
  call(
    '{ toolChoice: { type: "tool", toolName: "missing" } }',
    { tools: { lookup }, toolChoice: { type: 'tool', toolName: 'missing' } },
    /missing/,
  ),
  call(
    '{ output: Output.object({ schema: jsonSchema("nope") }) }',
    { output: Output.object({ schema: jsonSchema(loose<object>('nope')) }) },
    /schema/,
  ),
  call(
    '{ providerOptions: { apifree: { reasoningEffort: "extreme" } } }',
    { providerOptions: { apifree: { reasoningEffort: 'extreme' } } },
    /reasoningEffort/,
  ),
  call(
    '{ providerOptions: { apifree: { metadata: "x" } } }',
    { providerOptions: { apifree: { metadata: 'x' } } },
    /metadata/,
  ),
  call('{ headers: "x" }', { headers: 'x-a: b' }, /headers/),
  {
    name: 'server: function_call arguments "{not json" → a typed tool error',
    run: async () => {
      const apifree = createAPIFree({ apiKey: KEY, baseURL: hostile.baseURL });
      const result = streamText({
        model: apifree(MODEL),
        prompt: 'Weather in Paris?',
        maxRetries: 0,
        headers: { 'x-hostile-mode': 'bad-tool-arguments' },
        tools: {
          get_weather: tool({
            description: 'Weather',
            inputSchema: z.object({ city: z.string() }),
            execute: async () => 'sunny',
          }),
        },
        onError: () => {},
      });
      const parts: Array<{ type: string; error?: unknown }> = [];
      for await (const part of result.fullStream) parts.push(part);
      return parts;
    },
    names: /JSON|parse|input/i,
    check: (outcome: BadInputOutcome) => {
      if (outcome.kind !== 'returned') return `expected an invalid tool call, got ${outcome.kind}`;
      const parts = outcome.value as Array<{ type: string; error?: unknown; invalid?: boolean }>;
      // ai@7 marks the tool call invalid with an InvalidToolInputError (then reports a tool-error).
      const failure = parts.find((part) => AISDKError.isInstance(part.error));
      if (failure === undefined)
        return `no typed error in ${parts.map((part) => part.type).join(', ')}`;
      const message = (failure.error as Error).message;
      return /JSON|parse|input/i.test(message) ? undefined : `message: ${message}`;
    },
  },
  {
    name: 'server: a stream event that is not a JSON object',
    run: () =>
      stream({}, { baseURL: hostile.baseURL, headers: { 'x-hostile-mode': 'event-not-object' } }),
    names: /not a JSON object/,
  },
  {
    name: 'server: generateText gets a 200 JSON body that is not a response object',
    run: () =>
      generateText({
        model: createAPIFree({
          apiKey: KEY,
          baseURL: hostile.baseURL,
          headers: { 'x-hostile-mode': 'json-not-object' },
        })(MODEL),
        prompt: 'Hi',
        maxRetries: 0,
      }),
    names: /not a JSON response object|response/,
  },
];

/** createAPIFree's timeouts must be positive numbers of milliseconds, checked at creation. */
const timeoutCases: BadInputCase[] = (['timeout', 'streamIdleTimeout'] as const).flatMap((name) =>
  (
    [
      [0, `${name} must be a number from 1 to 2147483647, got 0`],
      [-1, `${name} must be a number from 1 to 2147483647, got -1`],
      [Number.NaN, `${name} must be a number from 1 to 2147483647, got NaN`],
      [Number.POSITIVE_INFINITY, `${name} must be a number from 1 to 2147483647, got Infinity`],
      ['100', `${name} must be a number, got string`],
    ] as const
  ).map(([value, problem]) => ({
    name: `createAPIFree({ ${name}: ${typeof value === 'string' ? `"${value}"` : value} })`,
    run: () => createAPIFree(loose<APIFreeProviderSettings>({ apiKey: KEY, [name]: value })),
    names: exactly(
      `createAPIFree(settings): ${problem}${typeof value === 'string' ? '.' : ' (milliseconds).'}`,
    ),
  })),
);

/** createAPIFree's size limits must be positive integers, checked at creation. */
const sizeCases: BadInputCase[] = (
  [
    ['maxResponseSize', 0, 'bytes'],
    ['maxResponseSize', 1.5, 'bytes'],
    ['maxEventSize', -1, 'characters'],
    ['maxEventSize', Number.NaN, 'characters'],
  ] as const
).map(([name, value, unit]) => ({
  name: `createAPIFree({ ${name}: ${value} })`,
  run: () => createAPIFree(loose<APIFreeProviderSettings>({ apiKey: KEY, [name]: value })),
  names: exactly(
    `createAPIFree(settings): ${name} must be an integer from 1 to 2147483647, got ${value} (${unit}).`,
  ),
}));

const headerCases: BadInputCase[] = ADAPTER_BAD_HEADERS.flatMap(([what, headers, message]) => [
  {
    name: `createAPIFree({ headers }) with ${what}`,
    run: () => stream({}, { baseURL: hostile.baseURL, headers }),
    names: exactly(message),
    untouched: { requests: () => hostile.requests() },
  },
  {
    name: `streamText({ headers }) with ${what}`,
    run: () => stream({ headers }, { baseURL: hostile.baseURL }),
    names: exactly(message),
    untouched: { requests: () => hostile.requests() },
  },
]);

const CREDENTIALS_MESSAGE =
  "The baseURL http://127.0.0.1:9/v1 has credentials (user:password@) in it: they would be shown in errors and handled differently by each transport. Pass the API key with apiKey, and a proxy's credentials in the headers option.";

const connectionCases: BadInputCase[] = [
  {
    name: 'createAPIFree({ baseURL: "http://user:password@host/v1" }) (credentials)',
    run: () => stream({}, { baseURL: 'http://drill:hunter2-secret@127.0.0.1:9/v1' }),
    names: exactly(CREDENTIALS_MESSAGE),
  },
  {
    name: 'createAPIFree({ baseURL: "…/v1?query#fragment" })',
    run: () => stream({}, { baseURL: 'https://api.apifree.ai/v1?tenant=a#top' }),
    names: exactly(
      'The baseURL https://api.apifree.ai/v1 has a query or fragment (?…#…); requests go to <baseURL>/responses, so use the bare URL, e.g. https://api.apifree.ai/v1.',
    ),
  },
  {
    name: 'createAPIFree({ fetch }) whose fetch answers { status: 200 } (no headers)',
    run: () => stream({}, { fetch: async () => loose<Response>({ status: 200 }) }),
    names: exactly(
      'The fetch option did not answer with a Response: it has no Headers. A custom fetch must resolve to a Response (status, headers, body).',
    ),
  },
];

describe('@apifree/ai-sdk-provider through ai@7: every invalid input gets a clear typed error, nothing hangs', () => {
  defineBadInputTable(
    'ai-sdk',
    [...cases, ...timeoutCases, ...sizeCases, ...headerCases, ...connectionCases],
    (error) => AISDKError.isInstance(error) || error instanceof APIFreeError,
  );
});
