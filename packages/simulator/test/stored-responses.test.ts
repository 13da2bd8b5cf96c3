import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, type SimulatorClock, startSimulator } from '../src/index';
import { type AnyEvent, post, streamEvents, weatherTool } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ pace: false });
});
afterAll(() => sim.close());

async function create(body: Record<string, unknown>): Promise<AnyEvent> {
  const response = await post(sim, { model: 'gpt-4o', ...body });
  expect(response.status).toBe(200);
  return (await response.json()) as AnyEvent;
}

function notFound(id: string) {
  return {
    error: {
      message: `Previous response with id '${id}' not found.`,
      type: 'invalid_request_error',
      param: 'previous_response_id',
      code: 'previous_response_not_found',
    },
  };
}

async function continueFrom(
  server: Simulator,
  id: string,
): Promise<{ status: number; body: AnyEvent }> {
  const response = await post(server, {
    model: 'gpt-4o',
    input: 'Say "second"',
    previous_response_id: id,
  });
  return { status: response.status, body: (await response.json()) as AnyEvent };
}

/** The body as far as it arrived, and whether the connection broke before its end. */
async function readAll(response: globalThis.Response): Promise<{ text: string; cut: boolean }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, cut: false };
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return { text, cut: true };
  }
}

function responseId(text: string): string {
  const match = /"id":"(resp_[0-9a-f]+)"/.exec(text);
  if (match === null) throw new Error(`No response id in ${JSON.stringify(text.slice(0, 200))}`);
  return match[1]!;
}

describe('previous_response_id', () => {
  it('continues a stored tool round trip from the function output alone', async () => {
    const first = await create({
      input: 'What is the weather in Oslo in celsius?',
      tools: [weatherTool],
    });
    const call = first.output[0];
    expect(call).toMatchObject({
      type: 'function_call',
      name: 'get_weather',
      arguments: '{"city":"Oslo","unit":"celsius"}',
    });
    const second = await create({
      previous_response_id: first.id,
      tools: [weatherTool],
      input: [
        { type: 'function_call_output', call_id: call.call_id, output: '{"temperature":-3}' },
      ],
    });
    expect(second.previous_response_id).toBe(first.id);
    expect(second.output[0].content[0].text).toBe(
      'Here is what I found:\n- get_weather (Oslo, celsius): temperature -3\nLet me know if you need anything else.',
    );
    // The stored conversation counts as input, as the service bills it: on top of the
    // request alone come `user: What is the weather in Oslo in celsius?` (11 tokens: the
    // role, ':', 8 words, '?') and `call get_weather: {"city":"Oslo","unit":"celsius"}`
    // (20: 'call', 'get_weather', ':', then 17 for the JSON's words and marks).
    const alone = await create({
      tools: [weatherTool],
      input: [
        { type: 'function_call_output', call_id: call.call_id, output: '{"temperature":-3}' },
      ],
    });
    expect(second.usage.input_tokens).toBe(alone.usage.input_tokens + 11 + 20);
  });

  it('chains streamed responses too', async () => {
    const events = await streamEvents(
      await post(sim, { model: 'gpt-4o', input: 'Say "first"', stream: true }),
    );
    const id = events.at(-1)!.response.id;
    const next = await create({ previous_response_id: id, input: 'Say "second"' });
    expect(next.output[0].content[0].text).toBe('second');
    expect(next.previous_response_id).toBe(id);
  });

  it('answers an unknown id with the service error', async () => {
    const response = await post(sim, {
      model: 'gpt-4o',
      input: 'Hi',
      previous_response_id: 'resp_does_not_exist',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: "Previous response with id 'resp_does_not_exist' not found.",
        type: 'invalid_request_error',
        param: 'previous_response_id',
        code: 'previous_response_not_found',
      },
    });
  });

  it('does not keep a response sent with store: false', async () => {
    const unstored = await create({ input: 'Hi', store: false });
    expect(unstored.store).toBe(false);
    const response = await post(sim, {
      model: 'gpt-4o',
      input: 'Again',
      previous_response_id: unstored.id,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(notFound(unstored.id));
  });

  it('rejects a previous_response_id that is not a string', async () => {
    const response = await post(sim, { model: 'gpt-4o', input: 'Hi', previous_response_id: 7 });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toEqual({
      message:
        "Invalid type for 'previous_response_id': expected a string, but got an integer instead.",
      type: 'invalid_request_error',
      param: 'previous_response_id',
      code: 'invalid_type',
    });
  });
});

describe('only a response that ended can be continued', () => {
  it.each([
    ['error_event', 'response.failed', false],
    ['truncate', 'response.content_part.added', false],
    ['drop', 'response.content_part.added', true],
  ] as const)('a stream the %s fault cuts short is not stored', async (fault, last, cut) => {
    const response = await post(
      sim,
      { model: 'gpt-4o', input: 'Describe rivers in 40 words', stream: true },
      { 'x-simulator-fault': `${fault};after=4` },
    );
    const body = await readAll(response);
    expect(body.cut).toBe(cut);
    const events = [...body.text.matchAll(/^event: (.+)$/gm)].map((match) => match[1]);
    expect(events.at(-1)).toBe(last);
    const id = responseId(body.text);
    expect(await continueFrom(sim, id)).toEqual({ status: 400, body: notFound(id) });
  });

  it.each(['truncate', 'malformed'])(
    'a JSON answer the %s fault cuts in half is not stored',
    async (fault) => {
      const response = await post(
        sim,
        { model: 'gpt-4o', input: 'Hi' },
        { 'x-simulator-fault': fault },
      );
      const body = await readAll(response);
      expect(() => JSON.parse(body.text)).toThrow(SyntaxError);
      const id = responseId(body.text);
      expect(await continueFrom(sim, id)).toEqual({ status: 400, body: notFound(id) });
    },
  );

  it('a stream that stalls and then ends is stored', async () => {
    const events = await streamEvents(
      await post(
        sim,
        { model: 'gpt-4o', input: 'Say "first"', stream: true },
        { 'x-simulator-fault': 'stall;after=3;ms=1' },
      ),
    );
    const terminal = events.at(-1)!;
    expect(terminal.type).toBe('response.completed');
    const next = await continueFrom(sim, terminal.response.id);
    expect(next.status).toBe(200);
    expect(next.body.output[0].content[0].text).toBe('second');
  });

  it('an incomplete response is stored, as the service stores it', async () => {
    const first = await create({ input: 'Write 60 words about rivers', max_output_tokens: 16 });
    expect(first.status).toBe('incomplete');
    expect(first.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    const next = await continueFrom(sim, first.id);
    expect(next.status).toBe(200);
    expect(next.body.previous_response_id).toBe(first.id);
    expect(next.body.output[0].content[0].text).toBe('second');
  });

  describe('a stream the client leaves before its end', () => {
    // Paced, on a clock that holds a wait until the client goes away: the stream stops
    // after its opening events, whatever the machine's speed.
    let holding = true;
    const clock: SimulatorClock = {
      now: () => 0,
      sleep: (_ms, signal) =>
        holding
          ? new Promise((resolve) => signal?.addEventListener('abort', () => resolve()))
          : Promise.resolve(),
    };
    let paced: Simulator;
    beforeAll(async () => {
      paced = await startSimulator({
        clock,
        pace: { tokensPerSecond: 80, firstTokenLatencyMs: 300 },
      });
    });
    afterAll(() => paced.close());

    it('is not stored', async () => {
      const controller = new AbortController();
      const response = await post(
        paced,
        { model: 'gpt-4o', input: 'Say "first"', stream: true },
        {},
        controller.signal,
      );
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let text = '';
      while (!text.includes('event: response.in_progress')) {
        const { done, value } = await reader.read();
        if (done) throw new Error(`The stream ended early: ${text}`);
        text += decoder.decode(value, { stream: true });
      }
      controller.abort();
      await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
      holding = false;
      const id = responseId(text);
      expect(await continueFrom(paced, id)).toEqual({ status: 400, body: notFound(id) });
    });
  });
});
