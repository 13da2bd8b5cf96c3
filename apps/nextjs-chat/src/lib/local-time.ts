// The example's own table: enough cities to try the tool, no time zone service to call.
const TIME_ZONES: Record<string, string> = {
  amsterdam: 'Europe/Amsterdam',
  berlin: 'Europe/Berlin',
  lisbon: 'Europe/Lisbon',
  london: 'Europe/London',
  madrid: 'Europe/Madrid',
  paris: 'Europe/Paris',
  rome: 'Europe/Rome',
  'new york': 'America/New_York',
  'san francisco': 'America/Los_Angeles',
  'são paulo': 'America/Sao_Paulo',
  dubai: 'Asia/Dubai',
  singapore: 'Asia/Singapore',
  tokyo: 'Asia/Tokyo',
  sydney: 'Australia/Sydney',
};

/** What the `getLocalTime` tool returns. */
export interface LocalTime {
  city: string;
  timeZone: string;
  /** e.g. `Wed 14:05`. */
  time: string;
}

/**
 * The current time in a city the example knows; throws for others, which the chat shows
 * as a failed tool call.
 *
 * @example
 * localTime('Tokyo'); // { city: 'Tokyo', timeZone: 'Asia/Tokyo', time: 'Wed 21:04' }
 */
export function localTime(city: string, now: Date = new Date()): LocalTime {
  const timeZone = TIME_ZONES[city.trim().toLowerCase()];
  if (timeZone === undefined) {
    throw new Error(`No time zone known for ${city}. Try ${Object.keys(TIME_ZONES).join(', ')}.`);
  }
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(now);
  return { city: city.trim(), timeZone, time };
}
