import { createAPIFree } from '@apifree/ai-sdk-provider';
import { stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';
import type { Connection } from './connection';

/** A two-step tool loop with `streamText`: what each step called, returned and said. */
export async function runAiSdk(connection: Connection) {
  const apifree = createAPIFree(connection);
  const result = streamText({
    model: apifree('gpt-4.1-mini'),
    prompt: 'What is the weather in Lisbon?',
    tools: {
      get_weather: tool({
        description: 'Current weather for a city',
        inputSchema: z.object({ city: z.string() }),
        execute: async ({ city }) => ({ city, celsius: 21 }),
      }),
    },
    stopWhen: stepCountIs(3),
    maxRetries: 0,
  });
  const deltas: string[] = [];
  for await (const delta of result.textStream) deltas.push(delta);
  const steps = (await result.steps).map((step) => ({
    responseId: step.response.id,
    modelId: step.response.modelId,
    timestamp: step.response.timestamp.toISOString(),
    text: step.text,
    toolCalls: step.toolCalls.map(({ toolCallId, toolName, input }) => ({
      toolCallId,
      toolName,
      input,
    })),
    toolResults: step.toolResults.map(({ toolCallId, output }) => ({ toolCallId, output })),
    finishReason: step.finishReason,
    usage: step.usage,
  }));
  return { deltas, steps, totalUsage: await result.totalUsage };
}
