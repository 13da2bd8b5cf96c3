import {
  APIConnectionTimeoutError,
  type APIError,
  APIStreamError,
  APIStreamTruncatedError,
  APIUserAbortError,
  BadRequestError,
  RateLimitError,
} from '@apifree/core';
import { InMemoryCache } from '@langchain/core/caches';
import { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import {
  AIMessage,
  type AIMessageChunk,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from '@langchain/core/messages';
import type { ChatGenerationChunk } from '@langchain/core/outputs';
import { RunnableLambda } from '@langchain/core/runnables';
import { tool } from '@langchain/core/tools';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { lastBody, serverAnswer, TEST_KEY, useSimulator } from './helpers/simulator';

const context = useSimulator();

const getWeather = tool(async ({ city }) => `It is sunny and 22 °C in ${city}.`, {
  name: 'get_weather',
  description: 'Get the current weather of a city',
  schema: z.object({ city: z.string().describe('The city') }),
});
const getTime = tool(async ({ city }) => `It is 14:05 in ${city}.`, {
  name: 'get_time',
  description: 'Get the local time of a city',
  schema: z.object({ city: z.string().describe('The city') }),
});

class RecordingHandler extends BaseCallbackHandler {
  name = 'recording';
  tokens: Array<{ token: string; chunk: ChatGenerationChunk | undefined }> = [];
  starts: Array<Record<string, unknown> | undefined> = [];
  override async handleLLMNewToken(
    token: string,
    _index: unknown,
    _runId: string,
    _parentRunId?: string,
    _tags?: string[],
    fields?: { chunk?: ChatGenerationChunk },
  ): Promise<void> {
    this.tokens.push({ token, chunk: fields?.chunk });
  }
  override async handleChatModelStart(
    _llm: unknown,
    _messages: unknown,
    _runId: string,
    _parentRunId?: string,
    extraParams?: Record<string, unknown>,
  ): Promise<void> {
    this.starts.push(extraParams);
  }
}

async function collect(
  stream: AsyncIterable<AIMessageChunk> | Promise<AsyncIterable<AIMessageChunk>>,
): Promise<{ merged: AIMessageChunk; chunks: AIMessageChunk[] }> {
  const chunks: AIMessageChunk[] = [];
  for await (const chunk of await stream) chunks.push(chunk);
  return { merged: chunks.reduce((left, right) => left.concat(right)), chunks };
}

describe('invoke, stream, batch, streamEvents', () => {
  it('invoke returns text, usage and a model name', async () => {
    const message = await context.model().invoke('Say hello');
    expect(message.text).toBe('hello');
    const answer = await serverAnswer(context.simulator, lastBody(context.simulator));
    expect(message.usage_metadata).toMatchObject(answer.usage);
    expect(message.response_metadata).toMatchObject({
      model_name: 'gpt-4.1-mini',
      model: 'gpt-4.1-mini',
      finish_reason: 'stop',
    });
    expect(lastBody(context.simulator)).toMatchObject({ model: 'gpt-4.1-mini', stream: false });
  });

  it('stream gives array-content chunks; merged usage and model name are not doubled', async () => {
    const { merged, chunks } = await collect(
      await context.model().stream('Tell me a short story about a fox'),
    );
    for (const chunk of chunks) expect(Array.isArray(chunk.content)).toBe(true);
    const answer = await serverAnswer(context.simulator, lastBody(context.simulator));
    expect(chunks.map((chunk) => chunk.text).join('')).toBe(answer.text);
    expect(merged.text).toBe(answer.text);
    expect(merged.response_metadata.model_name).toBe('gpt-4.1-mini');
    expect(merged.response_metadata.model).toBe('gpt-4.1-mini');
    expect(merged.response_metadata.finish_reason).toBe('stop');
    expect(chunks.filter((chunk) => chunk.usage_metadata)).toHaveLength(1);
    expect(merged.usage_metadata).toMatchObject(answer.usage);
    expect(lastBody(context.simulator).stream).toBe(true);
  });

  it('batch answers every input', async () => {
    const results = await context.model().batch(['Say hello', 'Say goodbye', 'Say "blue"']);
    expect(results.map((result) => result.text)).toEqual(['hello', 'goodbye', 'blue']);
  });

  it('streamEvents (v2) streams chat model chunks', async () => {
    const events = [];
    for await (const event of context.model().streamEvents('Say hello', { version: 'v2' }))
      events.push(event);
    const streamed = events.filter((event) => event.event === 'on_chat_model_stream');
    expect(streamed.map((event) => event.data.chunk.text).join('')).toBe('hello');
    const end = events.find((event) => event.event === 'on_chat_model_end');
    const answer = await serverAnswer(context.simulator, lastBody(context.simulator));
    expect(end?.data.output.usage_metadata.output_tokens).toBe(answer.usage.output_tokens);
  });

  it('streamEvents (content-block protocol) yields text and resolves to the message', async () => {
    const stream = context.model().streamEvents('Say hello');
    let text = '';
    for await (const delta of stream.text) text += delta;
    const message = await stream;
    expect(text).toBe('hello');
    expect(message.text).toBe(text);
    const answer = await serverAnswer(context.simulator, lastBody(context.simulator));
    expect(message.usage_metadata?.output_tokens).toBe(answer.usage.output_tokens);
  });

  it('streamEvents (content-block protocol) reports tool calls and the tool_use finish reason', async () => {
    const stream = context
      .model()
      .streamEvents('Weather in Paris?', { tools: [getWeather], tool_choice: 'any' });
    const events = [];
    for await (const event of stream) events.push(event);
    const finish = events.find((event) => event.event === 'message-finish');
    expect(finish).toMatchObject({
      reason: 'tool_use',
      usage: { input_tokens: expect.any(Number) },
    });
    const message = await stream;
    expect(message.tool_calls).toEqual([
      expect.objectContaining({ name: 'get_weather', args: { city: 'Paris' } }),
    ]);
  });

  it('handleLLMNewToken receives { chunk } for every chunk, including the final usage chunk', async () => {
    const handler = new RecordingHandler();
    const { chunks } = await collect(
      await context.model().stream('Say hello', { callbacks: [handler] }),
    );
    expect(handler.tokens.map((token) => token.chunk?.message)).toEqual(chunks);
    const answer = await serverAnswer(context.simulator, lastBody(context.simulator));
    expect((handler.tokens.at(-1)!.chunk!.message as AIMessageChunk).usage_metadata).toMatchObject(
      answer.usage,
    );
  });

  it('streaming: true makes invoke stream, with tokens to callbacks and usage once', async () => {
    const handler = new RecordingHandler();
    const message = await context
      .model({ streaming: true })
      .invoke('Tell me about rivers', { callbacks: [handler] });
    expect(lastBody(context.simulator).stream).toBe(true);
    const answer = await serverAnswer(context.simulator, lastBody(context.simulator));
    expect(handler.tokens.map((token) => token.token).join('')).toBe(answer.text);
    expect(message.text).toBe(answer.text);
    const usage = handler.tokens
      .map((token) => (token.chunk!.message as AIMessageChunk).usage_metadata)
      .filter(Boolean);
    expect(usage).toHaveLength(1);
    expect(message.usage_metadata).toEqual(
      expect.objectContaining({ output_tokens: usage[0]!.output_tokens }),
    );
    expect(message.response_metadata.model_name).toBe('gpt-4.1-mini');
  });

  it('multi-turn conversations send every turn with type "message"', async () => {
    const model = context.model();
    const history = [
      new SystemMessage('You are terse.'),
      new HumanMessage('My name is Ada.'),
      new AIMessage('Nice to meet you, Ada.'),
      new HumanMessage('What is my name?'),
    ];
    const message = await model.invoke(history);
    expect(message.text).toBe(
      (await serverAnswer(context.simulator, lastBody(context.simulator))).text,
    );
    expect(lastBody(context.simulator).input).toEqual([
      { type: 'message', role: 'system', content: 'You are terse.' },
      { type: 'message', role: 'user', content: 'My name is Ada.' },
      { type: 'message', role: 'assistant', content: 'Nice to meet you, Ada.' },
      { type: 'message', role: 'user', content: 'What is my name?' },
    ]);
  });

  it('outputVersion "v1" gives standard content blocks', async () => {
    const message = await context.model({ outputVersion: 'v1' }).invoke('Say hello');
    expect(message.response_metadata.output_version).toBe('v1');
    expect(message.content).toEqual([
      expect.objectContaining({ type: 'text', text: expect.any(String) }),
    ]);
    const streamed = await collect(
      await context.model({ outputVersion: 'v1' }).stream('Say hello'),
    );
    expect(streamed.merged.contentBlocks.some((block) => block.type === 'text')).toBe(true);
  });

  it('caches complex message types', async () => {
    const model = context.model({ cache: new InMemoryCache() });
    const history = [
      new HumanMessage({
        content: [
          { type: 'text', text: 'Describe' },
          { type: 'image', url: 'https://example.com/cat.png' },
        ],
      }),
    ];
    const first = await model.invoke(history);
    const count = context.simulator.requests.length;
    const second = await model.invoke(history);
    expect(context.simulator.requests.length).toBe(count);
    expect(second.text).toBe(first.text);
  });
});

describe('content blocks in', () => {
  it('sends images (URL and base64) and files as input parts', async () => {
    const message = new HumanMessage({
      content: [
        { type: 'text', text: 'Describe these' },
        { type: 'image', url: 'https://example.com/cat.png' },
        { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' },
        { type: 'image_url', image_url: { url: 'https://example.com/dog.png', detail: 'low' } },
        {
          type: 'file',
          data: 'JVBERi0xLjQ=',
          mimeType: 'application/pdf',
          metadata: { filename: 'doc.pdf' },
        },
        { type: 'file', url: 'https://example.com/report.pdf', mimeType: 'application/pdf' },
      ],
    });
    const answer = await context.model().invoke([message]);
    expect(answer.text).toBe(
      (await serverAnswer(context.simulator, lastBody(context.simulator))).text,
    );
    expect(lastBody(context.simulator).input).toEqual([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'Describe these' },
          { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'auto' },
          { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'auto' },
          { type: 'input_image', image_url: 'https://example.com/dog.png', detail: 'low' },
          {
            type: 'input_file',
            file_data: 'data:application/pdf;base64,JVBERi0xLjQ=',
            filename: 'doc.pdf',
          },
          { type: 'input_file', file_url: 'https://example.com/report.pdf' },
        ],
      },
    ]);
  });
});

describe('tools', () => {
  it('bindTools with tool_choice "any" forces a call; streamed tool calls merge with concat', async () => {
    const model = context.model().bindTools([getWeather, getTime], { tool_choice: 'any' });
    const { merged, chunks } = await collect(await model.stream('What is the weather in Paris?'));
    expect(merged.tool_calls).toEqual([
      { type: 'tool_call', id: expect.any(String), name: 'get_weather', args: { city: 'Paris' } },
    ]);
    expect(merged.tool_call_chunks?.[0]?.index).toBeTypeOf('number');
    expect(merged.response_metadata.finish_reason).toBe('tool_calls');
    expect(merged.usage_metadata).toMatchObject(
      (await serverAnswer(context.simulator, lastBody(context.simulator))).usage,
    );
    expect(chunks.filter((chunk) => chunk.usage_metadata)).toHaveLength(1);
    expect(merged.contentBlocks).toContainEqual(
      expect.objectContaining({ type: 'tool_call', name: 'get_weather' }),
    );
    expect(lastBody(context.simulator)).toMatchObject({ tool_choice: 'required' });
  });

  it('maps tool_choice names, "auto", "none" and forwards parallel_tool_calls', async () => {
    const model = context.model();
    await model
      .bindTools([getWeather], { tool_choice: 'get_weather', parallel_tool_calls: false })
      .invoke('Weather in Rome?');
    expect(lastBody(context.simulator)).toMatchObject({
      tool_choice: { type: 'function', name: 'get_weather' },
      parallel_tool_calls: false,
    });
    await model.bindTools([getWeather], { tool_choice: 'auto' }).invoke('Hello');
    expect(lastBody(context.simulator).tool_choice).toBe('auto');
    const none = await model
      .bindTools([getWeather], { tool_choice: 'none' })
      .invoke('Weather in Rome?');
    expect(lastBody(context.simulator).tool_choice).toBe('none');
    expect(none.tool_calls).toEqual([]);
  });

  it('accepts OpenAI-format dicts, RunnableLambda.asTool, {name, description, schema} and JSON-schema tools', async () => {
    const asTool = RunnableLambda.from(
      async (input: { city: string }) => `ok ${input.city}`,
    ).asTool({
      name: 'lookup_city',
      description: 'Look up facts about a city',
      schema: z.object({ city: z.string() }),
    });
    const model = context.model().bindTools([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Weather of a city',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
          },
        },
      },
      asTool,
      { name: 'get_time', description: 'Time in a city', schema: z.object({ city: z.string() }) },
      {
        name: 'get_population',
        description: 'Population of a city',
        schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ]);
    const message = await model.invoke('What is the weather in Oslo?');
    expect(message.tool_calls?.[0]).toMatchObject({ name: 'get_weather', args: { city: 'Oslo' } });
    const tools = lastBody(context.simulator).tools as Array<Record<string, unknown>>;
    expect(tools.map((item) => item.name)).toEqual([
      'get_weather',
      'lookup_city',
      'get_time',
      'get_population',
    ]);
    for (const item of tools)
      expect(item).toMatchObject({ type: 'function', parameters: { type: 'object' } });
  });

  it('a parameterless tool gets {} as args', async () => {
    const now = tool(async () => '12:00', {
      name: 'get_current_time',
      description: 'Get the current time',
      schema: z.object({}),
    });
    const { merged } = await collect(
      await context
        .model()
        .bindTools([now], { tool_choice: 'any' })
        .stream('What is the current time?'),
    );
    expect(merged.tool_calls).toEqual([
      expect.objectContaining({ name: 'get_current_time', args: {} }),
    ]);
  });

  it('parallel tool calls, nested z.record schemas, and a full round trip (invoke and stream)', async () => {
    const model = context.model().bindTools([getWeather, getTime]);
    const question = new HumanMessage('What is the weather in Paris, and the time in Tokyo?');
    const first = await model.invoke([question]);
    expect(first.tool_calls?.map((call) => call.name).sort()).toEqual(['get_time', 'get_weather']);
    const results = await Promise.all(
      first.tool_calls!.map((call) =>
        (call.name === 'get_weather' ? getWeather : getTime).invoke(call),
      ),
    );
    const final = await model.invoke([question, first, ...results]);
    expect(final.tool_calls).toEqual([]);
    const finalAnswer = await serverAnswer(context.simulator, lastBody(context.simulator));
    expect(final.text).toBe(finalAnswer.text);
    const input = lastBody(context.simulator).input as Array<Record<string, unknown>>;
    expect(input.filter((item) => item.type === 'function_call')).toHaveLength(2);
    expect(input.filter((item) => item.type === 'function_call_output')).toHaveLength(2);

    const streamed = await collect(await model.stream([question, first, ...results]));
    expect(streamed.merged.text).toBe(finalAnswer.text);

    const withRecord = tool(async () => 'ok', {
      name: 'save_settings',
      description: 'Save settings for a user',
      schema: z.object({
        user: z.string(),
        settings: z.record(z.string(), z.object({ enabled: z.boolean() })),
      }),
    });
    const call = await context
      .model()
      .bindTools([withRecord], { tool_choice: 'any' })
      .invoke('Save settings for Ada');
    expect(call.tool_calls?.[0]?.name).toBe('save_settings');
  });

  it('tool histories with string and list content, few-shot, and Anthropic-style tool_use parts', async () => {
    const history = [
      new HumanMessage('What is the weather in Paris?'),
      new AIMessage({
        content: [
          { type: 'text', text: 'Let me check.' },
          { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
        ],
        tool_calls: [
          { id: 'call_1', name: 'get_weather', args: { city: 'Paris' }, type: 'tool_call' },
        ],
      }),
      new ToolMessage({
        tool_call_id: 'call_1',
        content: [{ type: 'text', text: 'Sunny, 22 °C' }],
      }),
      new AIMessage('It is sunny in Paris.'),
      new HumanMessage('And in Rome?'),
      new AIMessage({
        content: '',
        tool_calls: [
          { id: 'call_2', name: 'get_weather', args: { city: 'Rome' }, type: 'tool_call' },
        ],
      }),
      new ToolMessage({ tool_call_id: 'call_2', content: 'Cloudy, 18 °C' }),
    ];
    const answer = await context.model().bindTools([getWeather]).invoke(history);
    expect(answer.text).toBe(
      (await serverAnswer(context.simulator, lastBody(context.simulator))).text,
    );
    const input = lastBody(context.simulator).input as Array<Record<string, unknown>>;
    expect(input).toContainEqual({
      type: 'function_call',
      call_id: 'call_1',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    });
    expect(input).toContainEqual({
      type: 'function_call_output',
      call_id: 'call_1',
      output: 'Sunny, 22 °C',
    });
    expect(input).toContainEqual({
      type: 'function_call_output',
      call_id: 'call_2',
      output: 'Cloudy, 18 °C',
    });
    expect(input).toContainEqual({ type: 'message', role: 'assistant', content: 'Let me check.' });
  });
});

describe('structured output', () => {
  const Person = z
    .object({ name: z.string().describe('Full name'), age: z.number().describe('Age in years') })
    .describe('A person');

  for (const method of ['functionCalling', 'jsonSchema'] as const) {
    it(`withStructuredOutput method ${method} returns parsed output and reports ls_structured_output_format`, async () => {
      const handler = new RecordingHandler();
      const runnable = context.model().withStructuredOutput(Person, { method, name: 'person' });
      const person = await runnable.invoke(
        'Extract: Ada Lovelace is 36 years old. Answer in JSON.',
        { callbacks: [handler] },
      );
      expect(Person.safeParse(person).success).toBe(true);
      const options = handler.starts.at(-1)?.options as Record<string, unknown>;
      expect(options.ls_structured_output_format).toMatchObject({ kwargs: { method } });
      const body = lastBody(context.simulator);
      if (method === 'functionCalling') {
        expect(body.tool_choice).toEqual({ type: 'function', name: 'person' });
      } else {
        expect(body.text).toMatchObject({
          format: { type: 'json_schema', name: 'person', schema: { type: 'object' } },
        });
      }
    });
  }

  it('withStructuredOutput method jsonMode asks for json_object and parses the JSON text', async () => {
    const handler = new RecordingHandler();
    const schema = { title: 'answer', type: 'object', properties: { answer: { type: 'string' } } };
    const parsed = await context
      .model()
      .withStructuredOutput(schema, { method: 'jsonMode' })
      .invoke('Reply in JSON: say hi', { callbacks: [handler] });
    expect(parsed).toEqual({ answer: expect.any(String) });
    expect(lastBody(context.simulator).text).toEqual({ format: { type: 'json_object' } });
    const options = handler.starts.at(-1)?.options as Record<string, unknown>;
    expect(options.ls_structured_output_format).toMatchObject({ kwargs: { method: 'jsonMode' } });
  });

  it('defaults to functionCalling, and includeRaw returns { raw, parsed }', async () => {
    const handler = new RecordingHandler();
    const result = await context
      .model()
      .withStructuredOutput(Person, { includeRaw: true })
      .invoke('Ada Lovelace, 36', { callbacks: [handler] });
    expect((result.raw as AIMessage).tool_calls?.[0]?.name).toBe('extract');
    expect(result.parsed).toEqual((result.raw as AIMessage).tool_calls?.[0]?.args);
    expect(result.parsed).toEqual({ name: 'Ada Lovelace', age: 36 });
    const options = handler.starts.at(-1)?.options as Record<string, unknown>;
    expect(options.ls_structured_output_format).toMatchObject({
      kwargs: { method: 'functionCalling' },
    });
  });

  it('maps the response_format call option to text.format', async () => {
    await context.model().invoke('Ada, 36', {
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'person', schema: Person, strict: true },
      },
    });
    expect(lastBody(context.simulator).text).toMatchObject({
      format: {
        type: 'json_schema',
        name: 'person',
        strict: true,
        schema: { type: 'object', required: ['name', 'age'] },
      },
    });
  });
});

describe('errors, retries and abort', () => {
  it('retries a 429 through AsyncCaller and succeeds', async () => {
    context.simulator.failNext({ name: 'rate_limit', retryAfterMs: 10 });
    const before = context.simulator.requests.length;
    const message = await context.model({ maxRetries: 2 }).invoke('Say hello');
    expect(message.text).toBe('hello');
    expect(context.simulator.requests.length - before).toBe(2);
  });

  it('does not retry a 4xx and throws the typed error with status and headers', async () => {
    const before = context.simulator.requests.length;
    const error = await context
      .model({ model: 'no-such-model', maxRetries: 3 })
      .invoke('Hi')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400 });
    expect((error as APIError).headers.get('content-type')).toContain('json');
    expect(context.simulator.requests.length - before).toBe(1);
  });

  it('does not retry insufficient_quota', async () => {
    context.simulator.failNext('insufficient_quota');
    const before = context.simulator.requests.length;
    const error = await context
      .model({ maxRetries: 3 })
      .invoke('Hi')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(context.simulator.requests.length - before).toBe(1);
  });

  it('a mid-stream error event throws a typed error, never a partial message', async () => {
    context.simulator.failNext({ name: 'error_event', after: 4 });
    await expect(
      collect(context.model().stream('Tell me a long story about the sea')),
    ).rejects.toBeInstanceOf(APIStreamError);
    context.simulator.failNext({ name: 'error_event', after: 4 });
    await expect(
      context.model({ streaming: true }).invoke('Tell me a long story'),
    ).rejects.toBeInstanceOf(APIStreamError);
  });

  it('a truncated stream throws APIStreamTruncatedError', async () => {
    context.simulator.failNext({ name: 'truncate', after: 4 });
    await expect(
      collect(context.model().stream('Tell me a long story about the sea')),
    ).rejects.toBeInstanceOf(APIStreamTruncatedError);
  });

  it('an aborted signal rejects invoke and stream before any request, with APIUserAbortError', async () => {
    const before = context.simulator.requests.length;
    const signal = AbortSignal.abort();
    await expect(context.model().invoke('Hi', { signal })).rejects.toBeInstanceOf(
      APIUserAbortError,
    );
    await expect(collect(context.model().stream('Hi', { signal }))).rejects.toBeInstanceOf(
      APIUserAbortError,
    );
    expect(context.simulator.requests.length).toBe(before);
  });

  it('aborting stops a running stream with APIUserAbortError', async () => {
    const controller = new AbortController();
    const chunks: AIMessageChunk[] = [];
    const consume = async () => {
      for await (const chunk of await context
        .model()
        .stream('Tell me a very long story about mountains', { signal: controller.signal })) {
        chunks.push(chunk);
        if (chunks.length === 2) controller.abort();
      }
    };
    await expect(consume()).rejects.toBeInstanceOf(APIUserAbortError);
    expect(chunks.length).toBe(2);
  });

  it('an aborted stream read through its reader ends with APIUserAbortError too', async () => {
    const controller = new AbortController();
    const stream = await context
      .model()
      .stream('Tell me a very long story about rivers', { signal: controller.signal });
    const reader = stream.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    controller.abort();
    const error = await (async () => {
      for (;;) if ((await reader.read()).done) return undefined;
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIUserAbortError);
  });

  it('a signal reused for many calls keeps no abort listeners from them', async () => {
    // (This package's types have no @types/node; the function is Node's own.)
    const { getEventListeners } = (await import('node:events')) as unknown as {
      getEventListeners(target: EventTarget, type: string): unknown[];
    };
    const controller = new AbortController();
    const model = context.model();
    for (let call = 0; call < 24; call++) {
      const options = { signal: controller.signal, ...(call % 2 === 1 && { timeout: 60_000 }) };
      if (call % 3 === 0) await collect(model.stream('Hi', options));
      else if (call % 3 === 1) {
        // A consumer that stops after the first chunk.
        for await (const _ of await model.stream('Tell me a long story', options)) break;
      } else await model.invoke('Hi', options);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    }
  });

  it("a parent runnable's signal stops the model's stream with APIUserAbortError, also when the stream has its own timeout", async () => {
    for (const inner of [{}, { timeout: 60_000 }]) {
      const controller = new AbortController();
      let caught: unknown;
      let chunks = 0;
      // The parent hands its config (and so its signal) down, as LangChain documents.
      const parent = RunnableLambda.from(async (input: string, config) => {
        try {
          for await (const _ of await context.model().stream(input, { ...config, ...inner })) {
            chunks++;
            if (chunks === 2) controller.abort();
          }
        } catch (error) {
          caught = error;
        }
        return chunks;
      });
      // The parent itself rejects with its signal's reason; the model's stream, inside it,
      // ends typed.
      await parent
        .invoke('Tell me a very long story about mountains', { signal: controller.signal })
        .catch(() => undefined);
      await vi.waitFor(() => expect(caught).toBeDefined(), { timeout: 30_000 });
      expect(caught).toBeInstanceOf(APIUserAbortError);
      expect(chunks).toBe(2);
    }
  });

  it('disableStreaming: stream() sends one non-streaming request and yields the whole answer once', async () => {
    const { chunks } = await collect(context.model({ disableStreaming: true }).stream('Say hello'));
    expect(lastBody(context.simulator).stream).toBe(false);
    const answer = await serverAnswer(context.simulator, lastBody(context.simulator));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.text).toBe(answer.text);
  });

  it("LangChain's timeout option ends in APIConnectionTimeoutError, streamed or not", async () => {
    // The answer stalls after a few events, so only the timeout can end the call.
    const stall = { 'x-simulator-fault': 'stall;after=3;ms=600000' };
    await expect(
      context.model().invoke('Hi', { timeout: 100, headers: stall }),
    ).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    await expect(
      collect(context.model().stream('Hi', { timeout: 100, headers: stall })),
    ).rejects.toBeInstanceOf(APIConnectionTimeoutError);
  });

  it("a stream's timeout reaches callbacks as APIConnectionTimeoutError too", async () => {
    const stall = { 'x-simulator-fault': 'stall;after=3;ms=600000' };
    const reported: unknown[] = [];
    const callbacks = [{ handleLLMError: (error: unknown) => void reported.push(error) }];
    const thrown = await collect(
      context.model().stream('Hi', { timeout: 100, headers: stall, callbacks }),
    ).catch((caught: unknown) => caught);
    expect(thrown).toBeInstanceOf(APIConnectionTimeoutError);
    await vi.waitFor(() => expect(reported).toHaveLength(1), { timeout: 30_000 });
    expect(reported[0]).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it("ChatAPIFree's own timeout is the HTTP timeout: APIConnectionTimeoutError too", async () => {
    const error = await context
      .model({ timeout: 100, maxRetries: 0 })
      .invoke('Hi', { headers: { 'x-simulator-fault': 'slow_headers;ms=600000' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('streamIdleTimeout, maxResponseSize and maxEventSize reach the client', async () => {
    const stall = { 'x-simulator-fault': 'stall;after=3;ms=600000' };
    const stalled = await collect(
      context.model({ streamIdleTimeout: 100, maxRetries: 0 }).stream('Hi', { headers: stall }),
    ).catch((caught: unknown) => caught);
    expect(stalled).toMatchObject({
      name: 'APIConnectionTimeoutError',
      message: 'The stream stalled: no data for 100 ms. Raise streamIdleTimeout, or retry.',
    });
    const tooLarge = await context
      .model({ maxResponseSize: 64, maxRetries: 0 })
      .invoke('Hi')
      .catch((caught: unknown) => caught);
    expect(tooLarge).toMatchObject({ name: 'APIStreamError', code: 'response_too_large' });
    const eventTooLarge = await collect(
      context.model({ maxEventSize: 16, maxRetries: 0 }).stream('Hi'),
    ).catch((caught: unknown) => caught);
    expect(eventTooLarge).toMatchObject({ name: 'APIStreamError', code: 'event_too_large' });
  });

  it('never puts the API key in errors, JSON or traces', async () => {
    const model = context.model({ apiKey: TEST_KEY });
    expect(JSON.stringify(model)).not.toContain(TEST_KEY);
    const handler = new RecordingHandler();
    await model.invoke('Hi', { callbacks: [handler] });
    expect(JSON.stringify(handler.starts)).not.toContain(TEST_KEY);
    const error = await context
      .model({ apiKey: TEST_KEY, model: 'no-such-model' })
      .invoke('Hi')
      .catch((caught: unknown) => caught);
    expect(String((error as Error).message)).not.toContain(TEST_KEY);
    expect(JSON.stringify(error)).not.toContain(TEST_KEY);
  });
});
