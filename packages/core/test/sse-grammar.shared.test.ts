import { describe, expect, it } from 'vitest';
import {
  APIFree,
  APIStreamError,
  APIStreamTruncatedError,
  type ResponseStreamEvent,
} from '../src/index';

const created = {
  type: 'response.created',
  sequence_number: 0,
  response: { id: 'resp_1', status: 'in_progress', output: [] },
};
const delta = (text: string, itemId = 'msg_1') => ({
  type: 'response.output_text.delta',
  item_id: itemId,
  output_index: 0,
  content_index: 0,
  delta: text,
});
const completed = {
  type: 'response.completed',
  response: {
    id: 'resp_1',
    status: 'completed',
    output: [],
    usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
  },
};
const line = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

function clientFor(body: string) {
  return new APIFree({
    apiKey: 'sk-test',
    baseURL: 'http://127.0.0.1:9/v1',
    fetch: async () =>
      new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
  });
}

async function run(body: string) {
  const stream = await clientFor(body).responses.create({
    model: 'gpt-4o',
    input: 'x',
    stream: true,
  });
  const events: ResponseStreamEvent[] = [];
  let error: unknown;
  try {
    for await (const event of stream) events.push(event);
  } catch (caught) {
    error = caught;
  }
  return { events, error, types: events.map((event) => event.type) };
}

describe('SSE as servers really send it', () => {
  it('takes the type from data.type, falling back to the event: line', async () => {
    const body = `event: response.created\n${line(created)}event: response.output_text.delta\ndata: ${JSON.stringify({ ...delta('a'), type: undefined })}\n\n${line(completed)}`;
    const { types } = await run(body);
    expect(types).toEqual(['response.created', 'response.output_text.delta', 'response.completed']);
  });

  it('ignores comments and accepts [DONE] after the terminal event (OpenRouter style)', async () => {
    const body = `: PROCESSING\n\n${line(created)}: keep-alive\n${line(delta('hi'))}${line(completed)}data: [DONE]\n\n`;
    const { types, error } = await run(body);
    expect(error).toBeUndefined();
    expect(types).toEqual(['response.created', 'response.output_text.delta', 'response.completed']);
  });

  it('reads a last event that has no blank line after it', async () => {
    const body = `${line(created)}data: ${JSON.stringify(completed)}`;
    const { types, error } = await run(body);
    expect(error).toBeUndefined();
    expect(types).toEqual(['response.created', 'response.completed']);
  });

  it('joins multi-line data with newlines', async () => {
    const pretty = JSON.stringify(delta('multi'), null, 2)
      .split('\n')
      .map((part) => `data: ${part}`)
      .join('\n');
    const { events } = await run(`${line(created)}${pretty}\n\n${line(completed)}`);
    expect(events[1]).toMatchObject({ delta: 'multi' });
  });

  it('passes unknown events and fields through unchanged, and keeps rotating item ids', async () => {
    const unknown = { type: 'response.some_future_event', payload: { x: 1 } };
    const { events } = await run(
      `${line(created)}${line(unknown)}${line({ ...delta('a', 'id_1'), extra: true })}${line(delta('b', 'id_2'))}${line(completed)}`,
    );
    expect(events[1]).toEqual(unknown);
    expect(events[2]).toMatchObject({ extra: true, item_id: 'id_1' });
    expect(events[3]).toMatchObject({ item_id: 'id_2' });
  });

  it('stops at the terminal event and ignores what follows it', async () => {
    const { types } = await run(`${line(created)}${line(completed)}${line(delta('late'))}`);
    expect(types).toEqual(['response.created', 'response.completed']);
  });

  it('EOF before a terminal event is a truncated-stream error, after the events before it', async () => {
    const { types, error } = await run(`${line(created)}${line(delta('partial'))}`);
    expect(types).toEqual(['response.created', 'response.output_text.delta']);
    expect(error).toBeInstanceOf(APIStreamTruncatedError);
    expect((error as Error).message).toMatch(/incomplete/);
  });

  it('[DONE] before a terminal event is a truncated stream too', async () => {
    const { error } = await run(`${line(created)}data: [DONE]\n\n`);
    expect(error).toBeInstanceOf(APIStreamTruncatedError);
  });

  it('a nested error event throws the server code, type and message', async () => {
    const event = {
      type: 'error',
      sequence_number: 2,
      error: {
        type: 'insufficient_quota',
        code: 'insufficient_quota',
        message: 'You exceeded your quota.',
        param: null,
      },
    };
    const { types, error } = await run(
      `${line(created)}${line(delta('a'))}${line(event)}${line({ type: 'response.failed', response: { error: { code: 'insufficient_quota', message: 'x' } } })}`,
    );
    expect(types).toEqual(['response.created', 'response.output_text.delta']);
    expect(error).toBeInstanceOf(APIStreamError);
    expect(error).toMatchObject({ code: 'insufficient_quota', type: 'insufficient_quota', event });
    expect((error as Error).message).toContain('You exceeded your quota.');
  });

  it('a flat error event (OpenAPI shape) throws the same way', async () => {
    const { error } = await run(
      `${line(created)}${line({ type: 'error', code: 'server_error', message: 'Upstream failed', param: null })}`,
    );
    expect(error).toMatchObject({ name: 'APIStreamError', code: 'server_error' });
    expect((error as Error).message).toContain('Upstream failed');
  });

  it('response.failed alone throws with the failed response attached', async () => {
    const failed = {
      type: 'response.failed',
      response: {
        id: 'resp_1',
        status: 'failed',
        error: { code: 'server_error', message: 'The model crashed' },
      },
    };
    const { error } = await run(`${line(created)}${line(failed)}`);
    expect(error).toBeInstanceOf(APIStreamError);
    expect(error).toMatchObject({ code: 'server_error', response: failed.response });
    expect((error as Error).message).toContain('The model crashed');
  });

  it('a malformed JSON data line is a typed stream error, not a crash', async () => {
    const { types, error } = await run(
      `${line(created)}data: {"type":"response.output_text.delta",\n\n${line(completed)}`,
    );
    expect(types).toEqual(['response.created']);
    expect(error).toMatchObject({ name: 'APIStreamError', code: 'invalid_event' });
  });

  it('an event larger than the bound fails instead of buffering forever', async () => {
    const client = new APIFree({
      apiKey: 'sk-test',
      baseURL: 'http://127.0.0.1:9/v1',
      maxEventSize: 1024,
      fetch: async () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              controller.enqueue(new TextEncoder().encode(`data: ${'x'.repeat(512)}`));
            },
          }),
        ),
    });
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    await expect(
      (async () => {
        for await (const _ of stream) {
          /* drain */
        }
      })(),
    ).rejects.toMatchObject({ code: 'event_too_large' });
  });

  it('an event larger than the bound fails also when it arrives whole in one chunk', async () => {
    const big = { type: 'response.output_text.delta', output_index: 0, delta: 'x'.repeat(2048) };
    const client = new APIFree({
      apiKey: 'sk-test',
      baseURL: 'http://127.0.0.1:9/v1',
      maxEventSize: 1024,
      fetch: async () => new Response(`${line(created)}${line(big)}${line(completed)}`),
    });
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    const types: string[] = [];
    const error = await (async () => {
      for await (const event of stream) types.push(event.type);
    })().catch((caught: unknown) => caught);
    expect(types).toEqual(['response.created']);
    expect(error).toMatchObject({ code: 'event_too_large' });
  });

  it('follows the field grammar: no space after the colon, id/retry/unknown fields, a BOM', async () => {
    const compact = `data:${JSON.stringify(delta('tight'))}\n\n`;
    const body = `\uFEFFid: 7\nretry: 1000\nfoo: bar\n${line(created)}${compact}${line(completed)}`;
    const { events, error } = await run(body);
    expect(error).toBeUndefined();
    expect(events.map((event) => event.type)).toEqual([
      'response.created',
      'response.output_text.delta',
      'response.completed',
    ]);
    expect(events[1]).toMatchObject({ delta: 'tight' });
  });

  it('finalResponse() reads the rest of the stream and returns the terminal response', async () => {
    const stream = await clientFor(
      `${line(created)}${line(delta('a'))}${line(completed)}`,
    ).responses.create({ model: 'gpt-4o', input: 'x', stream: true });
    expect(await stream.finalResponse()).toEqual(completed.response);
  });
});
