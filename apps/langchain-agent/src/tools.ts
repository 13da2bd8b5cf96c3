import { tool } from '@langchain/core/tools';
import { z } from 'zod';

const CONDITIONS = ['sunny', 'partly cloudy', 'cloudy', 'light rain', 'windy'];

// Example tools with made-up but stable answers: the same on every run, different per input.
function seedOf(text: string): number {
  let value = 0;
  for (const character of text.toLowerCase()) value = (value * 31 + character.charCodeAt(0)) >>> 0;
  return value;
}

export const getWeather = tool(
  async ({ city }) => {
    const seed = seedOf(city);
    return `${city}: ${(seed % 28) - 3}°C, ${CONDITIONS[seed % CONDITIONS.length]}, wind ${5 + (seed % 30)} km/h`;
  },
  {
    name: 'getWeather',
    description: 'Get the current weather for a city.',
    schema: z.object({ city: z.string().describe('The city, e.g. "Paris"') }),
  },
);

// The example's own table: enough cities to try the tool, no time zone service to call.
const TIME_ZONES: Record<string, string> = {
  berlin: 'Europe/Berlin',
  lisbon: 'Europe/Lisbon',
  london: 'Europe/London',
  paris: 'Europe/Paris',
  'new york': 'America/New_York',
  'san francisco': 'America/Los_Angeles',
  singapore: 'Asia/Singapore',
  tokyo: 'Asia/Tokyo',
  sydney: 'Australia/Sydney',
};

export const getLocalTime = tool(
  async ({ city }) => {
    const timeZone = TIME_ZONES[city.trim().toLowerCase()];
    // The agent passes this back to the model, which can tell the person.
    if (timeZone === undefined) return `No time zone known for ${city}.`;
    const time = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'long',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date());
    return `${city}: ${time} (${timeZone})`;
  },
  {
    name: 'getLocalTime',
    description: 'Get the current local time in a city.',
    schema: z.object({ city: z.string().describe('The city, e.g. "Tokyo"') }),
  },
);

export const tools = [getWeather, getLocalTime];
