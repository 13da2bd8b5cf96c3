// Mastra's Agent with our V4 model: a streamed tool round trip against the simulator.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAPIFree } from '@apifree/ai-sdk-provider';
import type { Simulator } from '@apifree/simulator';
import { Agent } from '@mastra/core/agent';
import type { MastraModelConfig } from '@mastra/core/llm';
import { createTool } from '@mastra/core/tools';
import { z } from 'zod';
import {
  COMPAT_KEY,
  functionCallOutputs,
  requestBodies,
  startCompatSimulator,
} from '../shared-simulator.ts';
import {
  WEATHER_ANSWER_DELTAS,
  WEATHER_OUTPUT,
  WEATHER_PROMPT,
  WEATHER_TOOL,
  weatherFor,
} from '../shared-weather.ts';

let simulator: Simulator;
before(async () => {
  simulator = await startCompatSimulator();
});
after(() => simulator.close());

describe('Mastra', () => {
  it('Agent.stream() with a tool (ai@7 model)', async () => {
    const calls: unknown[] = [];
    const getWeather = createTool({
      id: WEATHER_TOOL.name,
      description: WEATHER_TOOL.description,
      inputSchema: z.object({ city: z.string() }),
      execute: async (input) => {
        calls.push(input);
        return weatherFor(input.city);
      },
    });
    const apifree = createAPIFree({ apiKey: COMPAT_KEY, baseURL: simulator.baseURL });
    const agent = new Agent({
      id: 'weather',
      name: 'weather',
      instructions: 'You answer weather questions.',
      // Mastra 1.71's types pin @ai-sdk/provider 4.0.17, whose V4 lacks the `interrupted`
      // finish reason; at run time Mastra takes the model as it is.
      model: apifree('gpt-4.1-mini') as MastraModelConfig,
      tools: { [WEATHER_TOOL.name]: getWeather },
    });
    const stream = await agent.stream(WEATHER_PROMPT, { maxSteps: 3 });
    const deltas: string[] = [];
    for await (const chunk of stream.fullStream) {
      if (chunk.type === 'text-delta') deltas.push(chunk.payload.text);
    }
    assert.deepEqual(calls, [{ city: 'Paris' }]);
    assert.deepEqual(deltas, WEATHER_ANSWER_DELTAS);
    const [first] = requestBodies(simulator);
    assert.equal(first?.instructions, 'You answer weather questions.');
    assert.deepEqual(functionCallOutputs(simulator, 1), [WEATHER_OUTPUT]);
  });
});
