import { describe, expect, it } from 'vitest';
import { RECORDING_KEY, recordThenReplay } from './support/record-then-replay';
import { runAiSdk } from './support/run-ai-sdk';
import { runCore } from './support/run-core';
import { runLangChain } from './support/run-langchain';
import { secretTraces } from './support/secret-traces';

function expectNoKey(recordings: string[]): void {
  for (const recording of recordings) {
    expect(secretTraces(recording, RECORDING_KEY)).toEqual([]);
    expect(recording).not.toMatch(/authorization|bearer/i);
  }
}

describe('record with a second simulator as the upstream, stop it, replay: identical results', () => {
  it('through @apifree/core', async () => {
    const { live, replayed, recordings, upstreamRequests } = await recordThenReplay(runCore);
    expect(replayed).toEqual(live);
    expect(live.text).toBe('hello from core');
    const call = live.events.find((event) => event.type === 'response.output_item.done');
    expect(call).toMatchObject({
      item: { type: 'function_call', name: 'get_weather', arguments: '{"city":"Paris"}' },
    });
    expect(live.events.at(-1)?.type).toBe('response.completed');
    expect(upstreamRequests).toBe(2);
    expect(recordings).toHaveLength(2);
    expectNoKey(recordings);
  });

  it('through streamText and the AI SDK provider', async () => {
    const { live, replayed, recordings, upstreamRequests } = await recordThenReplay(runAiSdk);
    expect(replayed).toEqual(live);
    expect(live.steps.map((step) => step.finishReason)).toEqual(['tool-calls', 'stop']);
    expect(live.steps[0]?.toolCalls).toMatchObject([
      { toolName: 'get_weather', input: { city: 'Lisbon' } },
    ]);
    expect(live.steps[0]?.toolResults[0]?.output).toEqual({ city: 'Lisbon', celsius: 21 });
    expect(live.deltas.join('')).toContain('get_weather (Lisbon): city Lisbon, celsius 21');
    expect(upstreamRequests).toBe(2);
    expect(recordings).toHaveLength(2);
    expectNoKey(recordings);
  });

  it('through ChatAPIFree', async () => {
    const { live, replayed, recordings, upstreamRequests } = await recordThenReplay(runLangChain);
    expect(replayed).toEqual(live);
    expect(live.toolCalls).toMatchObject([{ name: 'get_weather', args: { city: 'Berlin' } }]);
    expect(live.chunks.join('')).toMatch(/green tea/i);
    expect(live.plan).toEqual({ city: 'Rome', days: 3, sights: ['Colosseum', 'Pantheon'] });
    expect(upstreamRequests).toBe(3);
    expect(recordings).toHaveLength(3);
    expectNoKey(recordings);
  });
});
