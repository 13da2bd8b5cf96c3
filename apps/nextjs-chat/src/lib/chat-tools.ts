import { type InferUITools, tool, type UIMessage } from 'ai';
import { z } from 'zod';
import { localTime } from './local-time';
import { describeWeather, forecastFor } from './weather';

/** The tools the chat model may call; the route runs them on the server. */
export const chatTools = {
  getWeather: tool({
    description: 'Get the current weather and a three-day forecast for a city.',
    inputSchema: z.object({ city: z.string().describe('The city, e.g. "Paris"') }),
    execute: async ({ city }) => forecastFor(city),
    // The card shows the structured report; the model reads one line of text.
    toModelOutput: ({ output }) => ({ type: 'text', value: describeWeather(output) }),
  }),
  getLocalTime: tool({
    description: 'Get the current local time in a city.',
    inputSchema: z.object({ city: z.string().describe('The city, e.g. "Tokyo"') }),
    execute: async ({ city }) => localTime(city),
    toModelOutput: ({ output }) => ({
      type: 'text',
      value: `${output.city}: ${output.time} (${output.timeZone})`,
    }),
  }),
};

/** A chat message whose tool parts are typed by {@link chatTools}. */
export type ChatMessage = UIMessage<never, never, InferUITools<typeof chatTools>>;
