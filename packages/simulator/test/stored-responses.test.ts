import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index';
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

describe('previous_response_id', () => {
  it('continues a stored tool round trip from the function output alone', async () => {
    const first = await create({
      input: 'What is the weather in Oslo in celsius?',
      tools: [weatherTool],
    });
    const call = first.output[0];
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather' });
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
    // The stored conversation counts as input, as the service bills it.
    const alone = await create({
      tools: [weatherTool],
      input: [
        { type: 'function_call_output', call_id: call.call_id, output: '{"temperature":-3}' },
      ],
    });
    expect(second.usage.input_tokens).toBeGreaterThan(alone.usage.input_tokens);
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
    expect((await response.json()).error.code).toBe('previous_response_not_found');
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
