import { ChatAPIFree } from '@apifree/langchain';
import { tool } from '@langchain/core/tools';
import { z } from 'zod';
import type { Connection } from './connection';

const getWeather = tool(async ({ city }) => `18 °C in ${city}`, {
  name: 'get_weather',
  description: 'Current weather for a city',
  schema: z.object({ city: z.string() }),
});

/** A tool call, a stream and structured output through `ChatAPIFree`, as plain data. */
export async function runLangChain(connection: Connection) {
  const model = new ChatAPIFree({ model: 'gpt-4.1-mini', maxRetries: 0, ...connection });
  const called = await model.bindTools([getWeather]).invoke('What is the weather in Berlin?');
  const chunks: string[] = [];
  let usage: unknown;
  for await (const chunk of await model.stream('Tell me about green tea')) {
    chunks.push(chunk.text);
    usage = chunk.usage_metadata ?? usage;
  }
  const plan = await model
    .withStructuredOutput(
      z.object({ city: z.string(), days: z.number().int(), sights: z.array(z.string()) }),
      { name: 'trip' },
    )
    .invoke('3 days in Rome to see the Colosseum and the Pantheon');
  return {
    toolCalls: called.tool_calls,
    toolCallUsage: called.usage_metadata,
    responseMetadata: called.response_metadata,
    chunks,
    usage,
    plan,
  };
}
