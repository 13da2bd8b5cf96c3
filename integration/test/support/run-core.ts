import { APIFree, outputText, type ResponseStreamEvent } from '@apifree/core';
import type { Connection } from './connection';

const weather = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
};

/** A JSON answer and a streamed tool call through `@apifree/core`, as plain data. */
export async function runCore(connection: Connection) {
  const client = new APIFree({ ...connection, maxRetries: 0 });
  const answer = await client.responses.create({
    model: 'gpt-4.1-mini',
    input: 'Say "hello from core"',
  });
  const stream = await client.responses.create({
    model: 'gpt-4.1-mini',
    input: 'What is the weather in Paris?',
    tools: [weather],
    stream: true,
  });
  const events: ResponseStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return { answer, text: outputText(answer), events };
}
