// The OpenAI Agents SDK with our V4 model through aisdk(): a streamed tool round trip.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAPIFree } from '@apifree/ai-sdk-provider';
import type { Simulator } from '@apifree/simulator';
import { Agent, run, setTracingDisabled, tool } from '@openai/agents';
import { aisdk } from '@openai/agents-extensions/ai-sdk';
import { z } from 'zod';
import { COMPAT_KEY, functionCallOutputs, startCompatSimulator } from '../shared-simulator.ts';
import {
  WEATHER_ANSWER,
  WEATHER_ANSWER_DELTAS,
  WEATHER_OUTPUT,
  WEATHER_PROMPT,
  WEATHER_TOOL,
  weatherFor,
} from '../shared-weather.ts';

// Traces would be exported to OpenAI's servers; these tests reach loopback only.
setTracingDisabled(true);

let simulator: Simulator;
before(async () => {
  simulator = await startCompatSimulator();
});
after(() => simulator.close());

describe('OpenAI Agents SDK', () => {
  it('run(agent, { stream: true }) with a tool through aisdk() (ai@7 model)', async () => {
    const calls: unknown[] = [];
    const getWeather = tool({
      ...WEATHER_TOOL,
      parameters: z.object({ city: z.string() }),
      execute: async (input) => {
        calls.push(input);
        return JSON.stringify(weatherFor(input.city));
      },
    });
    const apifree = createAPIFree({ apiKey: COMPAT_KEY, baseURL: simulator.baseURL });
    const agent = new Agent({
      name: 'weather',
      instructions: 'You answer weather questions.',
      model: aisdk(apifree('gpt-4.1-mini')),
      tools: [getWeather],
    });
    const result = await run(agent, WEATHER_PROMPT, { stream: true });
    const deltas: string[] = [];
    const items: string[] = [];
    for await (const event of result) {
      if (event.type === 'raw_model_stream_event' && event.data.type === 'output_text_delta') {
        deltas.push(event.data.delta);
      }
      if (event.type === 'run_item_stream_event') items.push(event.name);
    }
    await result.completed;
    assert.deepEqual(calls, [{ city: 'Paris' }]);
    assert.deepEqual(items, ['tool_called', 'tool_output', 'message_output_created']);
    assert.deepEqual(deltas, WEATHER_ANSWER_DELTAS);
    assert.equal(result.finalOutput, WEATHER_ANSWER);
    assert.deepEqual(functionCallOutputs(simulator, 1), [WEATHER_OUTPUT]);
  });
});
