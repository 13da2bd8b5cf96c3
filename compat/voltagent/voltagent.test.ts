// VoltAgent (on ai@6) with our ai-v6 (LanguageModelV3) model: a streamed tool round trip.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createAPIFree } from '@apifree/ai-sdk-provider/ai-v6';
import type { Simulator } from '@apifree/simulator';
import { Agent, createTool } from '@voltagent/core';
import { z } from 'zod';
import { COMPAT_KEY, functionCallOutputs, startCompatSimulator } from '../shared-simulator.ts';
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

describe('VoltAgent', () => {
  it('Agent.streamText() with a tool (ai@6 model)', async () => {
    const calls: unknown[] = [];
    const getWeather = createTool({
      ...WEATHER_TOOL,
      parameters: z.object({ city: z.string() }),
      execute: async (input) => {
        calls.push(input);
        return weatherFor(input.city);
      },
    });
    const apifree = createAPIFree({ apiKey: COMPAT_KEY, baseURL: simulator.baseURL });
    const agent = new Agent({
      name: 'weather',
      instructions: 'You answer weather questions.',
      model: apifree('gpt-4.1-mini'),
      tools: [getWeather],
    });
    const result = await agent.streamText(WEATHER_PROMPT);
    const deltas: string[] = [];
    const toolCalls: string[] = [];
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') deltas.push(part.text);
      if (part.type === 'tool-call') toolCalls.push(part.toolName);
    }
    assert.deepEqual(calls, [{ city: 'Paris' }]);
    assert.deepEqual(toolCalls, ['get_weather']);
    assert.deepEqual(deltas, WEATHER_ANSWER_DELTAS);
    assert.deepEqual(functionCallOutputs(simulator, 1), [WEATHER_OUTPUT]);
  });
});
