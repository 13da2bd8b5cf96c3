import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAPIFree } from '../src/index';

// A server that starts an answer and never finishes it, and reports when the client hangs up.
let server: Server;
let baseURL: string;
let closed: Promise<void>;
beforeAll(async () => {
  let markClosed: () => void = () => {};
  closed = new Promise((resolve) => {
    markClosed = resolve;
  });
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (event: Record<string, unknown>) =>
      response.write(`data: ${JSON.stringify(event)}\n\n`);
    send({
      type: 'response.created',
      response: {
        id: 'resp_1',
        created_at: 1,
        model: 'gpt-4.1-mini',
        status: 'in_progress',
        output: [],
      },
    });
    send({
      type: 'response.output_item.added',
      output_index: 0,
      item: { type: 'message', id: 'msg_1', role: 'assistant', status: 'in_progress', content: [] },
    });
    send({
      type: 'response.output_text.delta',
      item_id: 'msg_1',
      output_index: 0,
      content_index: 0,
      delta: 'Once',
    });
    response.on('close', markClosed);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('abort', () => {
  it('aborting mid-stream ends the stream with an abort part and closes the HTTP request', async () => {
    const apifree = createAPIFree({ apiKey: 'sk-test', baseURL });
    const controller = new AbortController();
    const result = streamText({
      model: apifree('gpt-4.1-mini'),
      prompt: 'Tell a story',
      abortSignal: controller.signal,
    });
    const types: string[] = [];
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (part.type === 'text-delta') controller.abort();
    }
    expect(types).toContain('text-delta');
    expect(types.at(-1)).toBe('abort');
    await closed;
  });
});
