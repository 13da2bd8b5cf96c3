import type { AIMessage, AIMessageChunk } from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { END, MessagesAnnotation, START, StateGraph } from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import { createAgent } from 'langchain';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { lastBody, serverAnswer, useSimulator } from './helpers/simulator';

const context = useSimulator();

const getWeather = tool(async ({ city }) => `It is sunny and 22 °C in ${city}.`, {
  name: 'get_weather',
  description: 'Get the current weather of a city',
  schema: z.object({ city: z.string().describe('The city') }),
});
const getTime = tool(async ({ city }) => `It is 14:05 in ${city}.`, {
  name: 'get_time',
  description: 'Get the local time of a city',
  schema: z.object({ city: z.string().describe('The city') }),
});

describe('createAgent and LangGraph', () => {
  it('createAgent with two tools runs the tool loop to a final answer', async () => {
    const agent = createAgent({ model: context.model(), tools: [getWeather, getTime] });
    const result = await agent.invoke({
      messages: [{ role: 'user', content: 'What is the weather in Paris, and the time in Tokyo?' }],
    });
    const types = result.messages.map((message) => message.getType());
    expect(types.filter((type) => type === 'tool')).toHaveLength(2);
    const final = result.messages.at(-1)!;
    expect(final.getType()).toBe('ai');
    expect((final as AIMessageChunk).tool_calls ?? []).toEqual([]);
    expect(final.text).toBe(
      (await serverAnswer(context.simulator, lastBody(context.simulator))).text,
    );
    const outputs = (lastBody(context.simulator).input as Array<Record<string, unknown>>).filter(
      (item) => item.type === 'function_call_output',
    );
    expect(outputs.map((item) => item.output).sort()).toEqual([
      'It is 14:05 in Tokyo.',
      'It is sunny and 22 °C in Paris.',
    ]);
  });

  it('createAgent uses native structured output (response_format → text.format)', async () => {
    const Weather = z.object({ city: z.string(), summary: z.string() });
    const agent = createAgent({
      model: context.model(),
      tools: [getWeather],
      responseFormat: Weather,
    });
    const result = await agent.invoke({
      messages: [{ role: 'user', content: 'Summarise the weather in Paris.' }],
    });
    expect(Weather.safeParse(result.structuredResponse).success).toBe(true);
    const formats = context.simulator.requests
      .map(
        (request) => (request.body as { text?: { format?: { type: string } } }).text?.format?.type,
      )
      .filter(Boolean);
    expect(formats).toContain('json_schema');
  });

  it('streamMode "messages" receives tool-call chunks and usage', async () => {
    const agent = createAgent({ model: context.model(), tools: [getWeather, getTime] });
    const stream = await agent.stream(
      { messages: [{ role: 'user', content: 'What is the weather in Paris?' }] },
      { streamMode: 'messages' },
    );
    const chunks: AIMessageChunk[] = [];
    for await (const [message] of stream) {
      if (message.getType() === 'ai') chunks.push(message as AIMessageChunk);
    }
    const toolCallChunks = chunks.flatMap((chunk) => chunk.tool_call_chunks ?? []);
    expect(toolCallChunks.some((chunk) => chunk.name === 'get_weather')).toBe(true);
    const usage = chunks.filter((chunk) => chunk.usage_metadata);
    expect(usage.length).toBe(2);
    const bodies = context.simulator.requests
      .slice(-2)
      .map((request) => request.body as Record<string, unknown>);
    const answers = [];
    for (const body of bodies) answers.push(await serverAnswer(context.simulator, body));
    expect(usage.map((chunk) => chunk.usage_metadata!.total_tokens)).toEqual(
      answers.map((answer) => answer.usage.total_tokens),
    );
    const firstTurn = chunks
      .filter((chunk) => chunk.id === chunks[0]!.id)
      .reduce((left, right) => left.concat(right));
    expect(firstTurn.tool_calls).toEqual([
      expect.objectContaining({ name: 'get_weather', args: { city: 'Paris' } }),
    ]);
  });

  it('a hand-built StateGraph streamed with streamMode "messages" gets tool-call chunks and usage', async () => {
    const model = context.model().bindTools([getWeather]);
    const graph = new StateGraph(MessagesAnnotation)
      .addNode('model', async (state) => ({ messages: [await model.invoke(state.messages)] }))
      .addNode('tools', new ToolNode([getWeather]))
      .addEdge(START, 'model')
      .addConditionalEdges('model', (state) =>
        ((state.messages.at(-1) as AIMessage).tool_calls?.length ?? 0) > 0 ? 'tools' : END,
      )
      .addEdge('tools', 'model')
      .compile();
    const chunks: AIMessageChunk[] = [];
    for await (const [message] of await graph.stream(
      { messages: [{ role: 'user', content: 'What is the weather in Paris?' }] },
      { streamMode: 'messages' },
    )) {
      if (message.getType() === 'ai') chunks.push(message as AIMessageChunk);
    }
    expect(
      chunks.flatMap((chunk) => chunk.tool_call_chunks ?? []).map((chunk) => chunk.name),
    ).toContain('get_weather');
    expect(chunks.filter((chunk) => chunk.usage_metadata)).toHaveLength(2);
  });
});
