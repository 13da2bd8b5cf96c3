import { describe, expect, it } from 'vitest';
import { APIFree, APIStreamError, type ResponseStreamEvent } from '../src/index';

// Valid JSON in the wrong shape must end in a typed error from core, never a TypeError
// further down (in an adapter, or in the caller's loop).

function client(body: string, contentType: string) {
  return new APIFree({
    apiKey: 'sk-test',
    baseURL: 'http://127.0.0.1:9/v1',
    maxRetries: 0,
    fetch: async () =>
      new Response(body, {
        status: 200,
        headers: { 'content-type': contentType, 'x-request-id': 'req_shape' },
      }),
  });
}

async function streamError(events: unknown[]) {
  const body = events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('');
  const stream = await client(body, 'text/event-stream').responses.create({
    model: 'gpt-4o',
    input: 'x',
    stream: true,
  });
  const seen: ResponseStreamEvent[] = [];
  try {
    for await (const event of stream) seen.push(event);
  } catch (error) {
    return { seen: seen.map((event) => event.type), error };
  }
  return { seen: seen.map((event) => event.type), error: undefined };
}

const created = {
  type: 'response.created',
  response: { id: 'r', status: 'in_progress', output: [] },
};
const terminal = (output: unknown[]) => ({
  type: 'response.completed',
  response: { id: 'r', status: 'completed', output, usage: null },
});

const malformed: Array<[string, unknown, string]> = [
  [
    'response.completed without response',
    { type: 'response.completed' },
    'APIFree sent a response.completed event this client cannot read: response must be an object, got nothing.',
  ],
  [
    'output_item.added without item',
    { type: 'response.output_item.added', output_index: 0 },
    'APIFree sent a response.output_item.added event this client cannot read: item must be an object, got nothing.',
  ],
  [
    'output: [null]',
    terminal([null]),
    'APIFree sent a response.completed event this client cannot read: response.output[0] must be an object, got null.',
  ],
  [
    'a finished message without content',
    { type: 'response.output_item.done', output_index: 0, item: { type: 'message', id: 'm' } },
    'APIFree sent a response.output_item.done event this client cannot read: item.content must be an array, got nothing.',
  ],
  [
    'a null delta',
    {
      type: 'response.output_text.delta',
      output_index: 0,
      content_index: 0,
      item_id: 'm',
      delta: null,
    },
    'APIFree sent a response.output_text.delta event this client cannot read: delta must be a string, got null.',
  ],
  [
    'annotations that are an object',
    terminal([
      { type: 'message', id: 'm', content: [{ type: 'output_text', text: 'Hi', annotations: {} }] },
    ]),
    'APIFree sent a response.completed event this client cannot read: response.output[0].content[0].annotations must be an array, got an object.',
  ],
  [
    'an output_index that is a string',
    { type: 'response.output_text.delta', output_index: '0', delta: 'x' },
    'APIFree sent a response.output_text.delta event this client cannot read: output_index must be a non-negative integer, got a string.',
  ],
  [
    'a finished function call without a name',
    {
      type: 'response.output_item.done',
      output_index: 0,
      item: { type: 'function_call', call_id: 'c', arguments: '{}' },
    },
    'APIFree sent a response.output_item.done event this client cannot read: item.name must be a string, got nothing.',
  ],
  [
    'a function call added with a call_id that is a number',
    {
      type: 'response.output_item.added',
      output_index: 0,
      item: { type: 'function_call', call_id: 7 },
    },
    'APIFree sent a response.output_item.added event this client cannot read: item.call_id must be a string, got the number 7.',
  ],
  [
    'arguments done with a name that is not a string',
    {
      type: 'response.function_call_arguments.done',
      output_index: 0,
      arguments: '{}',
      name: ['now'],
    },
    'APIFree sent a response.function_call_arguments.done event this client cannot read: name must be a string, got an array.',
  ],
  [
    'usage that is a string',
    { type: 'response.completed', response: { id: 'r', output: [], usage: '10' } },
    'APIFree sent a response.completed event this client cannot read: response.usage must be an object or null, got a string.',
  ],
];

describe('a malformed event ends the stream with invalid_event, after the events before it', () => {
  it.each(malformed)('%s', async (_name, event, message) => {
    const { seen, error } = await streamError([created, event, terminal([])]);
    expect(seen).toEqual(['response.created']);
    expect(error).toBeInstanceOf(APIStreamError);
    expect(error).toMatchObject({ code: 'invalid_event', requestId: 'req_shape', message });
  });
});

describe('a malformed JSON answer is invalid_response', () => {
  it.each([
    [
      'output: [null]',
      { id: 'r', status: 'completed', output: [null] },
      'response.output[0] must be an object, got null',
    ],
    [
      'no output',
      { id: 'r', status: 'completed' },
      'response.output must be an array, got nothing',
    ],
    [
      'a message without content',
      { id: 'r', status: 'completed', output: [{ type: 'message', id: 'm' }] },
      'response.output[0].content must be an array, got nothing',
    ],
    [
      'a created_at that is a string',
      { id: 'r', created_at: 'now', output: [] },
      'response.created_at must be a number, got a string',
    ],
  ])('%s', async (_name, body, problem) => {
    const error = await client(JSON.stringify(body), 'application/json')
      .responses.create({ model: 'gpt-4o', input: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIStreamError);
    expect(error).toMatchObject({ code: 'invalid_response', requestId: 'req_shape' });
    expect((error as Error).message).toBe(
      `APIFree answered HTTP 200 with a response this client cannot read (${problem}): ${JSON.stringify(body).slice(0, 200)}`,
    );
  });

  it('fields servers leave out are fine: no annotations, no ids, no usage details', async () => {
    const body = {
      output: [{ type: 'message', content: [{ type: 'output_text', text: 'Hi' }] }],
      usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 },
    };
    const response = await client(JSON.stringify(body), 'application/json').responses.create({
      model: 'gpt-4o',
      input: 'x',
    });
    expect(response).toEqual(body);
  });
});
