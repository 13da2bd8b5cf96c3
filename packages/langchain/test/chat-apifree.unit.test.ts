import { APIFreeConfigurationError, type Response } from '@apifree/core';
import { AIMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { RunnableLambda } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ChatAPIFree,
  convertToolChoice,
  convertToResponsesTools,
  getModelProfile,
  messagesToInput,
  responseToMessage,
} from '../src';

const KEY = 'sk-unit-secret-abcdef0123456789';

describe('ChatAPIFree construction and metadata', () => {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.APIFREE_API_KEY;
    delete process.env.APIFREE_API_KEY;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.APIFREE_API_KEY;
    else process.env.APIFREE_API_KEY = saved;
  });

  it('needs a key: from the option or APIFREE_API_KEY', () => {
    expect(() => new ChatAPIFree({ model: 'gpt-4.1-mini' })).toThrow(APIFreeConfigurationError);
    expect(() => new ChatAPIFree({ model: 'gpt-4.1-mini' })).toThrow(/APIFREE_API_KEY/);
    process.env.APIFREE_API_KEY = KEY;
    expect(new ChatAPIFree({ model: 'gpt-4.1-mini' }).model).toBe('gpt-4.1-mini');
    expect(new ChatAPIFree({ model: 'gpt-4.1-mini', apiKey: KEY, streaming: true }).streaming).toBe(
      true,
    );
  });

  it('is serializable with the key as a secret', () => {
    const model = new ChatAPIFree({ model: 'gpt-4.1-mini', apiKey: KEY, temperature: 0.2 });
    expect(model.lc_serializable).toBe(true);
    expect(model.lc_secrets).toEqual({ apiKey: 'APIFREE_API_KEY' });
    const json = JSON.stringify(model);
    expect(json).not.toContain(KEY);
    expect(json).toContain('APIFREE_API_KEY');
    expect(JSON.stringify(model.invocationParams({}))).not.toContain(KEY);
  });

  it('getLsParams returns exactly the standard keys', () => {
    const model = new ChatAPIFree({
      model: 'gpt-4.1-mini',
      apiKey: KEY,
      temperature: 0.3,
      maxTokens: 100,
    });
    expect(model.getLsParams({ stop: ['END'] })).toEqual({
      ls_provider: 'apifree',
      ls_model_name: 'gpt-4.1-mini',
      ls_model_type: 'chat',
      ls_temperature: 0.3,
      ls_max_tokens: 100,
      ls_stop: ['END'],
    });
    expect(Object.keys(model.getLsParams({})).sort()).toEqual([
      'ls_max_tokens',
      'ls_model_name',
      'ls_model_type',
      'ls_provider',
      'ls_stop',
      'ls_temperature',
    ]);
  });

  it('defines bindTools and withStructuredOutput, and reports a profile', () => {
    const model = new ChatAPIFree({ model: 'gpt-5-mini', apiKey: KEY });
    expect(typeof model.bindTools).toBe('function');
    expect(typeof model.withStructuredOutput).toBe('function');
    expect(model.profile).toMatchObject({
      toolCalling: true,
      structuredOutput: true,
      reasoningOutput: true,
      imageInputs: true,
      maxInputTokens: 400_000,
      maxOutputTokens: 128_000,
    });
    expect(getModelProfile('gpt-4.1-mini').reasoningOutput).toBe(false);
    expect(getModelProfile('some-new-model').maxInputTokens).toBeUndefined();
  });

  it('maps options to the request body; requestMetadata becomes metadata', () => {
    const model = new ChatAPIFree({
      model: 'gpt-5-mini',
      apiKey: KEY,
      topP: 0.9,
      maxTokens: 300,
      reasoning: { effort: 'low', summary: 'auto' },
      instructions: 'Be brief.',
      requestMetadata: { user: 'u1' },
      store: false,
      parallelToolCalls: true,
      include: ['reasoning.encrypted_content'],
    });
    // top_p is not sent: gpt-5-mini is a reasoning model, which rejects it (core decides).
    expect(model.invocationParams({ tool_choice: 'any', previousResponseId: 'resp_1' })).toEqual({
      model: 'gpt-5-mini',
      max_output_tokens: 300,
      reasoning: { effort: 'low', summary: 'auto' },
      instructions: 'Be brief.',
      metadata: { user: 'u1' },
      store: false,
      parallel_tool_calls: true,
      include: ['reasoning.encrypted_content'],
      previous_response_id: 'resp_1',
      tool_choice: 'required',
    });
  });

  it('rejects an aborted signal before any request is made', async () => {
    let requests = 0;
    const model = new ChatAPIFree({
      model: 'gpt-4.1-mini',
      apiKey: KEY,
      fetch: async () => {
        requests += 1;
        return new globalThis.Response('{}', { status: 500 });
      },
    });
    const signal = AbortSignal.abort();
    await expect(model.invoke('Hi', { signal })).rejects.toThrow();
    await expect(
      (async () => {
        for await (const _chunk of await model.stream('Hi', { signal })) break;
      })(),
    ).rejects.toThrow();
    expect(requests).toBe(0);
  });
});

describe('tools', () => {
  const weather = tool(async () => 'ok', {
    name: 'get_weather',
    description: 'Weather of a city',
    schema: z.object({ city: z.string() }),
  });
  const jsonSchemaTool = tool(async () => 'ok', {
    name: 'get_time',
    description: 'Time of a city',
    schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  });

  it('converts every accepted tool form to a Responses function tool', () => {
    const asTool = RunnableLambda.from(async (input: { q: string }) => input.q).asTool({
      name: 'search',
      description: 'Search',
      schema: z.object({ q: z.string() }),
    });
    const tools = convertToResponsesTools(
      [
        weather,
        jsonSchemaTool,
        asTool,
        { name: 'lookup', description: 'Look up', schema: z.object({ id: z.string() }) },
        {
          type: 'function',
          function: {
            name: 'chat_format',
            description: 'd',
            parameters: { type: 'object', properties: {} },
          },
        },
        {
          type: 'function',
          name: 'responses_format',
          parameters: { type: 'object', properties: {} },
        },
        { type: 'web_search' },
      ],
      { strict: true },
    );
    expect(tools.map((item) => item.name ?? item.type)).toEqual([
      'get_weather',
      'get_time',
      'search',
      'lookup',
      'chat_format',
      'responses_format',
      'web_search',
    ]);
    expect(tools[0]).toEqual({
      type: 'function',
      name: 'get_weather',
      description: 'Weather of a city',
      parameters: {
        type: 'object',
        properties: { city: { type: 'string' } },
        required: ['city'],
        additionalProperties: false,
      },
      strict: true,
    });
    expect(tools[1]).toMatchObject({ parameters: { required: ['city'] } });
    expect(tools[6]).toEqual({ type: 'web_search' });
    expect(() => convertToResponsesTools([{ foo: 1 }])).toThrow(/bindTools cannot use this tool/);
  });

  it('maps tool_choice', () => {
    expect(convertToolChoice('any')).toBe('required');
    expect(convertToolChoice('required')).toBe('required');
    expect(convertToolChoice('auto')).toBe('auto');
    expect(convertToolChoice('none')).toBe('none');
    expect(convertToolChoice('get_weather')).toEqual({ type: 'function', name: 'get_weather' });
    expect(convertToolChoice({ type: 'function', function: { name: 'x' } })).toEqual({
      type: 'function',
      name: 'x',
    });
    expect(convertToolChoice(undefined)).toBeUndefined();
  });
});

describe('messagesToInput', () => {
  it('puts system messages in input, or leading ones in instructions', () => {
    const messages = [
      new SystemMessage('Rules.'),
      new HumanMessage('Hi'),
      new SystemMessage('Later rule.'),
    ];
    expect(messagesToInput(messages)).toEqual({
      input: [
        { type: 'message', role: 'system', content: 'Rules.' },
        { type: 'message', role: 'user', content: 'Hi' },
        { type: 'message', role: 'system', content: 'Later rule.' },
      ],
      warnings: [],
    });
    expect(messagesToInput(messages, { systemMessageMode: 'instructions' })).toEqual({
      instructions: 'Rules.',
      input: [
        { type: 'message', role: 'user', content: 'Hi' },
        { type: 'message', role: 'system', content: 'Later rule.' },
      ],
      warnings: [],
    });
  });

  it('replays reasoning, text and tool calls of an AI message, and tool outputs with list content', () => {
    const ai = new AIMessage({
      content: [
        { type: 'reasoning', reasoning: 'thinking', index: 0 },
        { type: 'text', text: 'Checking.', index: 1 },
      ],
      additional_kwargs: {
        reasoning_items: [
          { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'thinking' }] },
        ],
      },
      tool_calls: [
        { id: 'call_1', name: 'get_weather', args: { city: 'Paris' }, type: 'tool_call' },
      ],
    });
    const output = new ToolMessage({
      tool_call_id: 'call_1',
      content: [
        { type: 'text', text: 'Here is a chart' },
        { type: 'image', url: 'https://example.com/chart.png' },
      ],
    });
    expect(messagesToInput([ai, output]).input).toEqual([
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'thinking' }] },
      { type: 'message', role: 'assistant', content: 'Checking.' },
      {
        type: 'function_call',
        call_id: 'call_1',
        name: 'get_weather',
        arguments: '{"city":"Paris"}',
      },
      {
        type: 'function_call_output',
        call_id: 'call_1',
        output: [
          { type: 'input_text', text: 'Here is a chart' },
          { type: 'input_image', image_url: 'https://example.com/chart.png', detail: 'auto' },
        ],
      },
    ]);
    // Without storage a reasoning item can be replayed only with its encrypted content.
    expect(messagesToInput([ai], { store: false }).input[0]).toMatchObject({ type: 'message' });
  });

  it('accepts older data blocks and Uint8Array data', () => {
    const message = new HumanMessage({
      content: [
        { type: 'image', source_type: 'base64', data: 'AAAA', mime_type: 'image/jpeg' },
        { type: 'file', data: new Uint8Array([37, 80, 68, 70]), mimeType: 'application/pdf' },
      ],
    });
    expect(messagesToInput([message]).input).toEqual([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_image', image_url: 'data:image/jpeg;base64,AAAA', detail: 'auto' },
          {
            type: 'input_file',
            file_data: 'data:application/pdf;base64,JVBERg==',
            filename: 'file',
          },
        ],
      },
    ]);
  });
});

describe('responseToMessage', () => {
  const response = (output: unknown[], extra: Partial<Response> = {}) =>
    ({
      id: 'resp_1',
      object: 'response',
      created_at: 1,
      status: 'completed',
      model: 'gpt-4.1-mini',
      output,
      usage: {
        input_tokens: 10,
        output_tokens: 5,
        total_tokens: 15,
        input_tokens_details: { cached_tokens: 4 },
        output_tokens_details: { reasoning_tokens: 2 },
      },
      error: null,
      incomplete_details: null,
      ...extra,
    }) as unknown as Response;

  it('maps text, tool calls (bad JSON to invalid_tool_calls, empty to {}), usage and metadata', () => {
    const message = responseToMessage(
      response([
        {
          type: 'message',
          id: 'm',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Hi', annotations: [] }],
        },
        { type: 'function_call', id: 'f1', call_id: 'c1', name: 'a', arguments: '{"x":1}' },
        { type: 'function_call', id: 'f2', call_id: 'c2', name: 'b', arguments: '' },
        { type: 'function_call', id: 'f3', call_id: 'c3', name: 'c', arguments: '{oops' },
      ]),
    );
    expect(message.text).toBe('Hi');
    expect(message.tool_calls).toEqual([
      { type: 'tool_call', id: 'c1', name: 'a', args: { x: 1 } },
      { type: 'tool_call', id: 'c2', name: 'b', args: {} },
    ]);
    expect(message.invalid_tool_calls).toEqual([
      expect.objectContaining({ id: 'c3', name: 'c', args: '{oops' }),
    ]);
    expect(message.usage_metadata).toEqual({
      input_tokens: 10,
      output_tokens: 5,
      total_tokens: 15,
      input_token_details: { cache_read: 4 },
      output_token_details: { reasoning: 2 },
    });
    expect(message.response_metadata).toMatchObject({
      model_name: 'gpt-4.1-mini',
      model: 'gpt-4.1-mini',
      finish_reason: 'tool_calls',
    });
  });

  it('throws for a failed response', () => {
    expect(() =>
      responseToMessage(
        response([], { status: 'failed', error: { code: 'server_error', message: 'boom' } }),
      ),
    ).toThrow(/server_error/);
  });
});

describe('bad input fails early with typed errors', () => {
  it('checks the constructor fields', () => {
    expect(() => new ChatAPIFree(undefined as never)).toThrow(APIFreeConfigurationError);
    expect(() => new ChatAPIFree({ model: '', apiKey: 'k' })).toThrow(/model/);
    expect(() => new ChatAPIFree({ model: 'gpt-4o', apiKey: 'k', maxRetries: 1.5 })).toThrow(
      /maxRetries/,
    );
    expect(() => new ChatAPIFree({ model: 'gpt-4o', apiKey: 'k', maxTokens: Number.NaN })).toThrow(
      /maxTokens/,
    );
    expect(
      () => new ChatAPIFree({ model: 'gpt-4o', apiKey: 'k', modelKwargs: 'x' as never }),
    ).toThrow(/modelKwargs/);
    expect(() => new ChatAPIFree({ model: 'gpt-4o', apiKey: 'k', maxEventSize: 0 })).toThrow(
      'new ChatAPIFree(fields): maxEventSize must be an integer from 1 to 9007199254740991, got 0.',
    );
    expect(() => new ChatAPIFree({ model: 'gpt-4o', apiKey: 'k', streamIdleTimeout: -1 })).toThrow(
      'new ChatAPIFree(fields): streamIdleTimeout must be a number from 1 to 2147483647, got -1.',
    );
  });

  it('checks tools when they are bound and schemas when structured output is set up', () => {
    const model = new ChatAPIFree({ model: 'gpt-4o', apiKey: 'k' });
    expect(() => model.bindTools([{} as never])).toThrow(APIFreeConfigurationError);
    expect(() =>
      model.bindTools([{ name: 'x', description: 'y', schema: 'not a schema' } as never]),
    ).toThrow(APIFreeConfigurationError);
    expect(() => model.withStructuredOutput('not a schema' as never)).toThrow(/schema/);
    expect(() =>
      model.withStructuredOutput({ type: 'object', properties: 'x' }, { method: 'jsonSchema' }),
    ).toThrow(/properties/);
    expect(() =>
      model.withStructuredOutput(z.object({ city: z.string() }), { method: 'nope' as never }),
    ).toThrow(/unknown method/);
  });

  it('util.inspect of the model and of bound runnables never shows the key', async () => {
    const { inspect } = await import('node:util');
    const key = 'sk-inspect-0123456789abcdef';
    const model = new ChatAPIFree({ model: 'gpt-4o', apiKey: key });
    const bound = model.bindTools([
      { name: 'lookup', description: 'Look up', schema: z.object({ q: z.string() }) },
    ]);
    const structured = model.withStructuredOutput(z.object({ city: z.string() }));
    for (const value of [model, bound, structured])
      expect(inspect(value, { depth: 8 })).not.toContain(key);
  });
});
