// The tool round trip every framework test makes, and what the simulator answers.
// Asked about the weather in Paris with a get_weather tool, the simulator calls it
// with { city: "Paris" }, then answers from the tool's output.
import { splitTokens } from '@apifree/simulator';

export const WEATHER_PROMPT = 'What is the weather in Paris?';
export const WEATHER_TOOL = { name: 'get_weather', description: 'Get the weather for a city' };

/** What the tool returns for `city`. */
export function weatherFor(city: string): { city: string; celsius: number } {
  return { city, celsius: 18 };
}

/** The simulator's final answer once the tool returned `weatherFor('Paris')`. */
export const WEATHER_ANSWER =
  'Here is what I found:\n- get_weather (Paris): city Paris, celsius 18\nLet me know if you need anything else.';

/** The tool output as it reaches the server in the second request. */
export const WEATHER_OUTPUT = JSON.stringify(weatherFor('Paris'));

/** The answer as the simulator streams it: one token per delta. */
export const WEATHER_ANSWER_DELTAS = splitTokens(WEATHER_ANSWER);
