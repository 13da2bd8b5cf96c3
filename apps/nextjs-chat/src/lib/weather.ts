/** One day of a forecast. */
export interface DailyForecast {
  day: string;
  condition: WeatherCondition;
  highC: number;
  lowC: number;
}

export type WeatherCondition = 'sunny' | 'partly-cloudy' | 'cloudy' | 'rain' | 'storm' | 'snow';

/** What the `getWeather` tool returns and the weather card shows. */
export interface WeatherReport {
  city: string;
  condition: WeatherCondition;
  temperatureC: number;
  humidity: number;
  windKph: number;
  forecast: DailyForecast[];
}

const CONDITIONS: WeatherCondition[] = [
  'sunny',
  'partly-cloudy',
  'cloudy',
  'rain',
  'storm',
  'snow',
];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function hash(text: string): number {
  let value = 2166136261;
  for (const character of text.toLowerCase()) {
    value = Math.imul(value ^ (character.codePointAt(0) ?? 0), 16777619);
  }
  return value >>> 0;
}

/**
 * A made-up but stable forecast: the example's tool needs an answer that is the same on
 * every run (for the tests) and different per city (so the card is worth looking at).
 *
 * @example
 * forecastFor('Paris').temperatureC; // the same number on every call
 */
export function forecastFor(city: string, today: Date = new Date()): WeatherReport {
  const seed = hash(city.trim());
  const base = (seed % 30) - 4;
  const condition = CONDITIONS[seed % CONDITIONS.length]!;
  const forecast = [1, 2, 3].map((offset) => {
    const daySeed = hash(`${city}:${offset}`);
    const high = base + (daySeed % 7) - 2;
    return {
      day: DAYS[(today.getDay() + 6 + offset) % 7]!,
      condition: CONDITIONS[daySeed % CONDITIONS.length]!,
      highC: high,
      lowC: high - 4 - (daySeed % 5),
    };
  });
  return {
    city: city.trim(),
    condition,
    temperatureC: base,
    humidity: 35 + (seed % 55),
    windKph: 3 + (seed % 35),
    forecast,
  };
}

/**
 * The report as one line of text: what the model reads (the card gets the structured
 * report), so the answer quotes readable facts instead of JSON.
 *
 * @example
 * describeWeather(forecastFor('Paris')); // "Paris: 2°C, sunny, humidity 71%, wind 29 km/h. Next days: …"
 */
export function describeWeather(report: WeatherReport): string {
  const days = report.forecast
    .map((day) => `${day.day} ${day.condition.replace('-', ' ')} ${day.highC}°/${day.lowC}°C`)
    .join(', ');
  return (
    `${report.city}: ${report.temperatureC}°C, ${report.condition.replace('-', ' ')}, ` +
    `humidity ${report.humidity}%, wind ${report.windKph} km/h. Next days: ${days}.`
  );
}
