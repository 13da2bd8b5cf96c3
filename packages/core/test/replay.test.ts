import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIFree, APIStreamError, type ResponseStreamEvent } from '../src/node';
import { referenceEvents, streamRecordings } from './support/fixtures';
import { sendSSE, startTestServer, type TestServer } from './support/test-server';

const recordings = streamRecordings();
let server: TestServer;
let current: Uint8Array;

beforeAll(async () => {
  server = await startTestServer((_request, response) => sendSSE(response, current, 997));
});
afterAll(() => server.close());

async function replay(bytes: Uint8Array) {
  current = bytes;
  const client = new APIFree({ apiKey: 'sk-test', baseURL: server.baseURL, maxRetries: 0 });
  const stream = await client.responses.create({ model: 'gpt-4o-mini', input: 'hi', stream: true });
  const events: ResponseStreamEvent[] = [];
  let error: unknown;
  try {
    for await (const event of stream) events.push(event);
  } catch (caught) {
    error = caught;
  }
  return { events, error, stream };
}

function summarise(events: ResponseStreamEvent[]) {
  let text = '';
  const calls: Array<{ name: string; arguments: string }> = [];
  for (const event of events) {
    if (event.type === 'response.output_text.delta') text += event.delta;
    if (event.type === 'response.output_item.done' && event.item.type === 'function_call') {
      const item = event.item as { name: string; arguments: string };
      calls.push({ name: item.name, arguments: item.arguments });
    }
  }
  return { text, calls };
}

describe('every recording replayed over loopback HTTP', () => {
  for (const recording of recordings) {
    it(recording.name, async () => {
      const expected = referenceEvents(recording.bytes);
      const failed = expected.some(
        (event) => event.type === 'error' || event.type === 'response.failed',
      );
      const { events, error, stream } = await replay(recording.bytes);
      const firstStop = expected.findIndex(
        (event) => event.type === 'error' || event.type === 'response.failed',
      );
      expect(events).toEqual(failed ? expected.slice(0, firstStop) : expected);
      expect(stream.response.requestId).toBe('req_test');
      if (failed) {
        expect(error).toBeInstanceOf(APIStreamError);
        expect((error as APIStreamError).code).toBe('insufficient_quota');
        expect((error as Error).message).toMatch(/quota/i);
        return;
      }
      expect(error).toBeUndefined();
      const terminal = events.at(-1)!;
      expect(['response.completed', 'response.incomplete']).toContain(terminal.type);
      const final = await stream.finalResponse();
      expect(final).toEqual((terminal as { response: unknown }).response);
    });
  }

  it('delivers text, tool calls, usage and terminal state as recorded', async () => {
    const byName = Object.fromEntries(
      recordings.map((recording) => [recording.name, recording.bytes]),
    );
    const reference = (name: string) => referenceEvents(byName[name]!);
    const recordedText = reference('openai-text-gpt-4o-mini.sse')
      .filter((event) => event.type === 'response.output_text.delta')
      .map((event) => event.delta)
      .join('');
    const text = await replay(byName['openai-text-gpt-4o-mini.sse']!);
    expect(summarise(text.events).text).toBe(recordedText);
    const call = await replay(byName['openai-function-call-gpt-4o-mini.sse']!);
    const recordedCall = reference('openai-function-call-gpt-4o-mini.sse').find(
      (event) => event.type === 'response.function_call_arguments.done',
    );
    expect(summarise(call.events).calls.map((item) => item.arguments)).toEqual([
      recordedCall?.arguments,
    ]);
    const reasoning = await replay(byName['openai-function-call-gpt-5.sse']!);
    const recordedUsage = (
      reference('openai-function-call-gpt-5.sse').at(-1) as unknown as {
        response: { usage: unknown };
      }
    ).response.usage;
    expect((await reasoning.stream.finalResponse()).usage).toEqual(recordedUsage);
  });
});
