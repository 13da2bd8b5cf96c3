import { describe, expect, it } from 'vitest';
import {
  planToolCalls,
  readConversation,
  type Simulator,
  splitTokens,
  startSimulator,
  valueForSchema,
} from '../src/index';
import { type AnyEvent, post, schemaProblems, streamEvents, weatherTool } from './helpers';

async function withSim<T>(run: (sim: Simulator) => Promise<T>): Promise<T> {
  const sim = await startSimulator({ pace: false });
  try {
    return await run(sim);
  } finally {
    await sim.close();
  }
}

async function create(sim: Simulator, body: Record<string, unknown>): Promise<AnyEvent> {
  const response = await post(sim, body);
  expect(response.status).toBe(200);
  return (await response.json()) as AnyEvent;
}

function outputText(response: AnyEvent): string {
  return response.output
    .filter((item: AnyEvent) => item.type === 'message')
    .flatMap((item: AnyEvent) => item.content.map((part: AnyEvent) => part.text))
    .join('');
}

describe('text answers', () => {
  it('gives the same answer to the same input and different answers to different inputs', () =>
    withSim(async (sim) => {
      const first = await create(sim, {
        model: 'gpt-4.1-mini',
        input: 'Explain how solar panels work',
      });
      const second = await create(sim, {
        model: 'gpt-4.1-mini',
        input: 'Explain how solar panels work',
      });
      const other = await create(sim, {
        model: 'gpt-4.1-mini',
        input: 'Tell me about sourdough baking',
      });
      expect(outputText(first)).toBe(outputText(second));
      expect(outputText(first)).not.toBe(outputText(other));
      expect(outputText(first)).toMatch(/solar/i);
      expect(first.id).not.toBe(second.id);
    }));

  it('counts tokens consistently between stream deltas and usage', () =>
    withSim(async (sim) => {
      const events = await streamEvents(
        await post(sim, {
          model: 'gpt-4o',
          input: 'Describe the water cycle in 120 words',
          stream: true,
        }),
      );
      const deltas = events.filter((event) => event.type === 'response.output_text.delta');
      const done = events.find((event) => event.type === 'response.output_text.done');
      const completed = events.at(-1)!;
      expect(deltas.length).toBeGreaterThan(100);
      expect(deltas.map((event) => event.delta).join('')).toBe(done?.text);
      expect(done?.text.split(' ')).toHaveLength(120);
      const usage = completed.response.usage;
      expect(usage.output_tokens).toBe(deltas.length);
      expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens);
      expect(usage.input_tokens).toBeGreaterThan(0);
      expect(usage.input_tokens_details).toEqual({ cached_tokens: 0 });
      expect(usage.output_tokens_details).toEqual({ reasoning_tokens: 0 });
    }));

  it('echoes short "say" requests and answers small sums', () =>
    withSim(async (sim) => {
      expect(outputText(await create(sim, { model: 'gpt-4o', input: 'Say "hello world"' }))).toBe(
        'hello world',
      );
      expect(outputText(await create(sim, { model: 'gpt-4o', input: 'What is 12 * 3?' }))).toBe(
        '12 * 3 = 36.',
      );
    }));

  it('honours and echoes instructions and metadata', () =>
    withSim(async (sim) => {
      const response = await create(sim, {
        model: 'gpt-4.1',
        input: 'Hi',
        instructions: 'Be brief.',
        metadata: { user: 'u1', trace: 't9' },
      });
      expect(response.instructions).toBe('Be brief.');
      expect(response.metadata).toEqual({ user: 'u1', trace: 't9' });
      const without = await create(sim, { model: 'gpt-4.1', input: 'Hi' });
      expect(response.usage.input_tokens).toBeGreaterThan(without.usage.input_tokens);
    }));

  it('carries every field of a real response object', () =>
    withSim(async (sim) => {
      const response = await create(sim, { model: 'gpt-4o-mini', input: 'Hi', temperature: 0.5 });
      for (const field of [
        'id',
        'object',
        'created_at',
        'status',
        'background',
        'completed_at',
        'error',
        'frequency_penalty',
        'incomplete_details',
        'instructions',
        'max_output_tokens',
        'max_tool_calls',
        'model',
        'output',
        'parallel_tool_calls',
        'presence_penalty',
        'previous_response_id',
        'prompt_cache_key',
        'reasoning',
        'safety_identifier',
        'service_tier',
        'store',
        'temperature',
        'text',
        'tool_choice',
        'tools',
        'top_logprobs',
        'top_p',
        'truncation',
        'usage',
        'user',
        'metadata',
      ]) {
        expect(response).toHaveProperty(field);
      }
      expect(response.temperature).toBe(0.5);
      expect(response.top_p).toBe(1);
      expect(typeof response.completed_at).toBe('number');
    }));

  it('reports cached tokens when a prompt_cache_key repeats a long prefix', () =>
    withSim(async (sim) => {
      const context = 'The quick brown fox jumps over the lazy dog. '.repeat(150);
      const body = { model: 'gpt-4.1', prompt_cache_key: 'docs-v1' };
      const first = await create(sim, { ...body, input: `${context}\nQuestion one?` });
      const second = await create(sim, { ...body, input: `${context}\nQuestion two?` });
      expect(first.usage.input_tokens_details.cached_tokens).toBe(0);
      const cached = second.usage.input_tokens_details.cached_tokens;
      expect(cached).toBeGreaterThanOrEqual(1024);
      expect(cached % 128).toBe(0);
      expect(cached).toBeLessThanOrEqual(second.usage.input_tokens);
    }));
});

describe('tools', () => {
  it('calls a matching tool with arguments that validate against its schema', () =>
    withSim(async (sim) => {
      const response = await create(sim, {
        model: 'gpt-4.1-mini',
        input: 'What is the weather in Paris in fahrenheit?',
        tools: [weatherTool],
      });
      expect(response.output).toHaveLength(1);
      const call = response.output[0];
      expect(call).toMatchObject({
        type: 'function_call',
        name: 'get_weather',
        status: 'completed',
      });
      expect(call.call_id).toMatch(/^call_/);
      expect(JSON.parse(call.arguments)).toEqual({ city: 'Paris', unit: 'fahrenheit' });
    }));

  it('answers in text when no tool matches under auto, and never calls with tool_choice none', () =>
    withSim(async (sim) => {
      const unrelated = await create(sim, {
        model: 'gpt-4o',
        input: 'Tell me a joke',
        tools: [weatherTool],
      });
      expect(unrelated.output[0].type).toBe('message');
      const none = await create(sim, {
        model: 'gpt-4o',
        input: 'Weather in Paris?',
        tools: [weatherTool],
        tool_choice: 'none',
      });
      expect(none.output[0].type).toBe('message');
    }));

  it('calls the forced tool, and some tool under required', () =>
    withSim(async (sim) => {
      const search = {
        type: 'function',
        name: 'search_docs',
        parameters: {
          type: 'object',
          properties: { query: { type: 'string' } },
          required: ['query'],
        },
      };
      const forced = await create(sim, {
        model: 'gpt-4o',
        input: 'Tell me a joke',
        tools: [weatherTool, search],
        tool_choice: { type: 'function', name: 'search_docs' },
      });
      expect(forced.output[0]).toMatchObject({ type: 'function_call', name: 'search_docs' });
      const required = await create(sim, {
        model: 'gpt-4o',
        input: 'Tell me a joke',
        tools: [weatherTool],
        tool_choice: 'required',
      });
      expect(required.output[0]).toMatchObject({ type: 'function_call', name: 'get_weather' });
      expect(
        schemaProblems(weatherTool.parameters, JSON.parse(required.output[0].arguments)),
      ).toEqual([]);
    }));

  it('makes parallel calls for several cities unless parallel_tool_calls is false', () =>
    withSim(async (sim) => {
      const body = {
        model: 'gpt-4o',
        input: 'What is the weather in Paris, London and Tokyo?',
        tools: [weatherTool],
      };
      const parallel = await create(sim, body);
      expect(parallel.output.map((item: AnyEvent) => JSON.parse(item.arguments).city)).toEqual([
        'Paris',
        'London',
        'Tokyo',
      ]);
      const single = await create(sim, { ...body, parallel_tool_calls: false });
      expect(single.output).toHaveLength(1);
    }));

  it('calls different tools for different parts of the request', () => {
    const time = {
      type: 'function' as const,
      name: 'get_time',
      description: 'Current local time in a timezone or city',
      parameters: {
        type: 'object',
        properties: { location: { type: 'string' } },
        required: ['location'],
      },
    };
    const calls = planToolCalls({
      userText: 'What is the weather in Paris and the time in Tokyo?',
      tools: [weatherTool, time],
      toolChoice: 'auto',
      parallelToolCalls: true,
      maxToolCalls: null,
    });
    expect(calls.map((call) => [call.name, JSON.parse(call.arguments)])).toEqual([
      ['get_weather', { city: 'Paris', unit: 'celsius' }],
      ['get_time', { location: 'Tokyo' }],
    ]);
  });

  it('answers from function_call_output items after a round trip', () =>
    withSim(async (sim) => {
      const response = await create(sim, {
        model: 'gpt-4o',
        tools: [weatherTool],
        input: [
          { type: 'message', role: 'user', content: 'Weather in Paris?' },
          {
            type: 'function_call',
            call_id: 'call_1',
            name: 'get_weather',
            arguments: '{"city":"Paris","unit":"celsius"}',
          },
          {
            type: 'function_call_output',
            call_id: 'call_1',
            output: '{"temperature":21,"conditions":"sunny"}',
          },
        ],
      });
      expect(response.output[0].type).toBe('message');
      expect(outputText(response)).toContain(
        'get_weather (Paris, celsius): temperature 21, conditions sunny',
      );
    }));

  it('generates values for nested objects, arrays, integers with bounds and refs', () => {
    const schema = {
      type: 'object',
      properties: {
        order: {
          type: 'object',
          properties: {
            quantity: { type: 'integer', minimum: 1, maximum: 10 },
            price: { type: 'number' },
            tags: { type: 'array', items: { type: 'string' }, minItems: 2 },
            size: { type: 'string', enum: ['small', 'medium', 'large'] },
            gift: { type: 'boolean' },
            address: { $ref: '#/$defs/address' },
          },
          required: ['quantity', 'price', 'tags', 'size', 'gift', 'address'],
          additionalProperties: false,
        },
        note: { type: ['string', 'null'] },
      },
      required: ['order', 'note'],
      additionalProperties: false,
      $defs: {
        address: {
          type: 'object',
          properties: {
            city: { type: 'string' },
            zip: { type: 'string', minLength: 5, maxLength: 5 },
          },
          required: ['city', 'zip'],
          additionalProperties: false,
        },
      },
    };
    const value = valueForSchema(schema, {
      text: 'Order 3 large pizzas at 12.5 each, deliver to Berlin',
    }) as AnyEvent;
    expect(schemaProblems(schema, value)).toEqual([]);
    expect(value.order.quantity).toBe(3);
    expect(value.order.price).toBe(12.5);
    expect(value.order.size).toBe('large');
    expect(value.order.address.city).toBe('Berlin');
  });
});

describe('structured output', () => {
  it('answers json_schema with JSON valid against the schema', () =>
    withSim(async (sim) => {
      const schema = {
        type: 'object',
        properties: {
          title: { type: 'string' },
          rating: { type: 'integer', minimum: 1, maximum: 5 },
          genres: { type: 'array', items: { type: 'string', enum: ['drama', 'comedy', 'action'] } },
        },
        required: ['title', 'rating', 'genres'],
        additionalProperties: false,
      };
      const response = await create(sim, {
        model: 'gpt-4o',
        input: 'Review the movie Inception, a drama, 5 stars',
        text: { format: { type: 'json_schema', name: 'review', schema, strict: true } },
      });
      const value = JSON.parse(outputText(response));
      expect(schemaProblems(schema, value)).toEqual([]);
      expect(value.rating).toBe(5);
    }));

  it('answers json_object with a JSON object', () =>
    withSim(async (sim) => {
      const response = await create(sim, {
        model: 'gpt-4o',
        input: 'List three colours as JSON',
        text: { format: { type: 'json_object' } },
      });
      const value = JSON.parse(outputText(response));
      expect(typeof value).toBe('object');
      expect(Array.isArray(value)).toBe(false);
    }));
});

describe('reasoning and limits', () => {
  it('emits a reasoning item with a summary and counts reasoning tokens', () =>
    withSim(async (sim) => {
      const events = await streamEvents(
        await post(sim, {
          model: 'gpt-5',
          input: 'Why is the sky blue?',
          reasoning: { effort: 'low', summary: 'auto' },
          stream: true,
        }),
      );
      const types = events.map((event) => event.type);
      expect(types.slice(0, 4)).toEqual([
        'response.created',
        'response.in_progress',
        'response.output_item.added',
        'response.reasoning_summary_part.added',
      ]);
      expect(types).toContain('response.reasoning_summary_text.done');
      const final = events.at(-1)!.response;
      expect(final.output.map((item: AnyEvent) => item.type)).toEqual(['reasoning', 'message']);
      expect(final.output[0].summary[0].text).toContain('Why is the sky blue?');
      expect(final.reasoning).toEqual({ effort: 'low', summary: 'auto' });
      const usage = final.usage;
      expect(usage.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
      expect(usage.output_tokens).toBeGreaterThan(usage.output_tokens_details.reasoning_tokens);
    }));

  it('stops at max_output_tokens with response.incomplete', () =>
    withSim(async (sim) => {
      const events = await streamEvents(
        await post(sim, {
          model: 'gpt-4o',
          input: 'Write 300 words about rivers',
          max_output_tokens: 20,
          stream: true,
        }),
      );
      const last = events.at(-1)!;
      expect(last.type).toBe('response.incomplete');
      expect(last.response.status).toBe('incomplete');
      expect(last.response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
      expect(last.response.usage.output_tokens).toBe(20);
      expect(last.response.output[0].status).toBe('incomplete');
      expect(events.filter((event) => event.type === 'response.output_text.delta')).toHaveLength(
        20,
      );
    }));
});

describe('pure model pieces', () => {
  it('splits text into tokens that join back to the text', () => {
    const text = 'Hello, world! Ça va? 3.14 is π.\n\nNew paragraph.';
    expect(splitTokens(text).join('')).toBe(text);
  });

  it('reads the last user message and pending tool results', () => {
    const conversation = readConversation({
      model: 'gpt-4o',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'First' }] },
        { type: 'message', role: 'assistant', content: 'Answer' },
        { type: 'message', role: 'user', content: 'Second' },
      ],
    });
    expect(conversation.userText).toBe('Second');
    expect(conversation.toolResults).toEqual([]);
  });
});
