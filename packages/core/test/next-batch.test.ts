import { describe, expect, it, vi } from 'vitest';
import {
  APIFree,
  APIStreamError,
  normalizeEventBatches,
  type OutputEvent,
  type ResponseStream,
} from '../src/node';

// nextBatch hands over every event that arrived in one read. The body below is a stream
// the test writes chunk by chunk (through the client's `fetch` option), so what one read
// holds is decided by the test, not by the network or by timing.

const frame = (event: Record<string, unknown>) => `data: ${JSON.stringify(event)}\n\n`;
const created = frame({ type: 'response.created', response: { id: 'r', output: [] } });
const added = frame({
  type: 'response.output_item.added',
  output_index: 0,
  item: { type: 'message', id: 'msg_1', role: 'assistant', status: 'in_progress', content: [] },
});
const delta = (text: string) =>
  frame({
    type: 'response.output_text.delta',
    output_index: 0,
    item_id: 'msg_1',
    content_index: 0,
    delta: text,
  });
const message = {
  type: 'message',
  id: 'msg_1',
  role: 'assistant',
  status: 'completed',
  content: [{ type: 'output_text', text: 'Hello', annotations: [] }],
};
const completed = frame({
  type: 'response.completed',
  response: { id: 'r', status: 'completed', output: [message] },
});

/** A stream whose body the test writes: each `write(text)` is one read, then `end()`. */
async function scriptedStream() {
  let body: ReadableStreamDefaultController<Uint8Array> | undefined;
  let cancelled = false;
  const fetch = async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(controller) {
          body = controller;
        },
        cancel() {
          cancelled = true;
        },
      }),
      { status: 200, headers: { 'content-type': 'text/event-stream' } },
    );
  const client = new APIFree({
    apiKey: 'k',
    baseURL: 'http://127.0.0.1:9/v1',
    maxRetries: 0,
    fetch,
  });
  const stream: ResponseStream = await client.responses.create({
    model: 'gpt-4o',
    input: 'x',
    stream: true,
  });
  return {
    stream,
    write: (text: string) => body?.enqueue(new TextEncoder().encode(text)),
    end: () => body?.close(),
    cancelled: () => cancelled,
  };
}

describe('ResponseStream.nextBatch', () => {
  it('gives every event of a read at once, waits for the next read, then undefined', async () => {
    const { stream, write, end } = await scriptedStream();
    write(created + added + delta('Hel') + delta('lo'));
    const first = await stream.nextBatch();
    expect(first?.map((event) => event.type)).toEqual([
      'response.created',
      'response.output_item.added',
      'response.output_text.delta',
      'response.output_text.delta',
    ]);
    write(completed);
    end();
    expect((await stream.nextBatch())?.map((event) => event.type)).toEqual(['response.completed']);
    expect(await stream.nextBatch()).toBeUndefined();
  });

  it('events before an error event come first; the error is thrown by the next call', async () => {
    const { stream, write, end } = await scriptedStream();
    write(created + frame({ type: 'error', code: 'server_error', message: 'boom' }));
    end();
    expect((await stream.nextBatch())?.map((event) => event.type)).toEqual(['response.created']);
    await expect(stream.nextBatch()).rejects.toBeInstanceOf(APIStreamError);
  });

  it('mixed with next(), each event is given once, in order', async () => {
    const { stream, write, end } = await scriptedStream();
    write(created + added + delta('Hi') + completed);
    end();
    expect((await stream.next()).value?.type).toBe('response.created');
    expect((await stream.nextBatch())?.map((event) => event.type)).toEqual([
      'response.output_item.added',
      'response.output_text.delta',
      'response.completed',
    ]);
    expect((await stream.next()).done).toBe(true);
  });
});

describe('normalizeEventBatches over a ResponseStream', () => {
  it('one batch per read', async () => {
    const { stream, write, end } = await scriptedStream();
    const batches = normalizeEventBatches(stream);
    write(created + added + delta('Hel') + delta('lo'));
    const first = await batches.next();
    expect((first.value as OutputEvent[]).map((event) => event.type)).toEqual([
      'response-start',
      'text-start',
      'text-delta',
      'text-delta',
    ]);
    write(completed);
    end();
    const second = await batches.next();
    expect((second.value as OutputEvent[]).map((event) => event.type)).toEqual([
      'text-end',
      'finish',
    ]);
    expect((await batches.next()).done).toBe(true);
  });

  it('a consumer that stops early closes the request', async () => {
    const { stream, write, cancelled } = await scriptedStream();
    write(created + added + delta('Hel'));
    for await (const batch of normalizeEventBatches(stream)) {
      expect(batch.map((event) => event.type)).toEqual([
        'response-start',
        'text-start',
        'text-delta',
      ]);
      break;
    }
    await vi.waitFor(() => expect(cancelled()).toBe(true), { timeout: 30_000 });
  });
});
