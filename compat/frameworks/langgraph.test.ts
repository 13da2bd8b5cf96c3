// LangGraph.js and langchain's createAgent with ChatAPIFree: streamed tool round trips.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ChatAPIFree } from '@apifree/langchain';
import type { Simulator } from '@apifree/simulator';
import { type AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { createReactAgent, ToolNode } from '@langchain/langgraph/prebuilt';
import { createAgent } from 'langchain';
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

let simulator: Simulator;
before(async () => {
  simulator = await startCompatSimulator();
});
after(() => simulator.close());

let calls: unknown[] = [];
beforeEach(() => {
  calls = [];
  simulator.requests.length = 0;
});

const getWeather = tool(
  async (input: { city: string }) => {
    calls.push(input);
    return JSON.stringify(weatherFor(input.city));
  },
  { ...WEATHER_TOOL, schema: z.object({ city: z.string() }) },
);

const chatModel = () =>
  new ChatAPIFree({ model: 'gpt-4.1-mini', apiKey: COMPAT_KEY, baseURL: simulator.baseURL });

/** Streams `graph` in "messages" mode; returns the AI text deltas and the last message. */
async function streamMessages(graph: {
  stream(
    input: { messages: Array<{ role: string; content: string }> },
    options: { streamMode: 'messages' },
  ): Promise<AsyncIterable<[BaseMessage, Record<string, unknown>]>>;
}): Promise<{ deltas: string[]; toolCallNames: string[] }> {
  const stream = await graph.stream(
    { messages: [{ role: 'user', content: WEATHER_PROMPT }] },
    { streamMode: 'messages' },
  );
  const deltas: string[] = [];
  const toolCallNames: string[] = [];
  for await (const [message] of stream) {
    if (!AIMessageChunk.isInstance(message)) continue;
    if (message.text !== '') deltas.push(message.text);
    for (const chunk of message.tool_call_chunks ?? [])
      if (chunk.name) toolCallNames.push(chunk.name);
  }
  return { deltas, toolCallNames };
}

function assertRoundTrip(result: { deltas: string[]; toolCallNames: string[] }): void {
  assert.deepEqual(calls, [{ city: 'Paris' }]);
  assert.deepEqual(result.toolCallNames, ['get_weather']);
  assert.deepEqual(result.deltas, WEATHER_ANSWER_DELTAS);
  assert.equal(result.deltas.join(''), WEATHER_ANSWER);
  assert.deepEqual(functionCallOutputs(simulator, 1), [WEATHER_OUTPUT]);
}

describe('LangGraph', () => {
  it('StateGraph with a ToolNode, streamed', async () => {
    const model = chatModel().bindTools([getWeather]);
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('agent', async (state) => ({ messages: [await model.invoke(state.messages)] }))
      .addNode('tools', new ToolNode([getWeather]))
      .addEdge(START, 'agent')
      .addConditionalEdges('agent', (state) =>
        ((state.messages.at(-1) as AIMessage).tool_calls ?? []).length > 0 ? 'tools' : END,
      )
      .addEdge('tools', 'agent')
      .compile();
    assertRoundTrip(await streamMessages(graph));
  });

  it('prebuilt createReactAgent, streamed', async () => {
    const agent = createReactAgent({ llm: chatModel(), tools: [getWeather] });
    assertRoundTrip(await streamMessages(agent));
  });
});

describe('langchain', () => {
  it('createAgent, streamed', async () => {
    const agent = createAgent({ model: chatModel(), tools: [getWeather] });
    assertRoundTrip(await streamMessages(agent));
  });
});
