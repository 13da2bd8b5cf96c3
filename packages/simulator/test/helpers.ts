import type { Simulator, SimulatorClock } from '../src/index';

export const KEY = 'sk-test-0123456789abcdef';

export function post(
  sim: Simulator,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<globalThis.Response> {
  return fetch(`${sim.baseURL}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal === undefined ? {} : { signal }),
  });
}

export interface SseEvent {
  event: string | undefined;
  data: string;
}

/** A plain SSE parser for assertions: `event:` / `data:` lines, events split on blank lines. */
export function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      let event: string | undefined;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      return { event, data: data.join('\n') };
    });
}

// biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary event fields
export type AnyEvent = Record<string, any>;

export async function streamEvents(response: globalThis.Response): Promise<AnyEvent[]> {
  return parseSse(await response.text()).map((event) => JSON.parse(event.data) as AnyEvent);
}

type Schema = Record<string, unknown>;

/** A small JSON Schema checker for the keywords the simulator's tests use; returns problems. */
export function schemaProblems(schema: Schema, value: unknown, path = '$'): string[] {
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return [`${path}: not in enum`];
  if ('const' in schema && schema.const !== value) return [`${path}: not const`];
  if (Array.isArray(schema.anyOf)) {
    return (schema.anyOf as Schema[]).some(
      (option) => schemaProblems(option, value, path).length === 0,
    )
      ? []
      : [`${path}: matches no anyOf option`];
  }
  const types = Array.isArray(schema.type)
    ? (schema.type as string[])
    : schema.type
      ? [schema.type as string]
      : [];
  const actual =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'array'
        : Number.isInteger(value)
          ? 'integer'
          : typeof value;
  if (
    types.length > 0 &&
    !types.includes(actual) &&
    !(actual === 'integer' && types.includes('number'))
  ) {
    return [`${path}: expected ${types.join('|')}, got ${actual}`];
  }
  const problems: string[] = [];
  if (actual === 'object') {
    const record = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) {
      if (!(name in record)) problems.push(`${path}.${name}: missing`);
    }
    for (const [name, item] of Object.entries(record)) {
      const propertySchema = properties[name];
      if (propertySchema) problems.push(...schemaProblems(propertySchema, item, `${path}.${name}`));
      else if (schema.additionalProperties === false) problems.push(`${path}.${name}: not allowed`);
    }
  }
  if (actual === 'array') {
    const list = value as unknown[];
    if (typeof schema.minItems === 'number' && list.length < schema.minItems)
      problems.push(`${path}: too few items`);
    if (typeof schema.maxItems === 'number' && list.length > schema.maxItems)
      problems.push(`${path}: too many items`);
    for (const [index, item] of list.entries()) {
      problems.push(...schemaProblems((schema.items ?? {}) as Schema, item, `${path}[${index}]`));
    }
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      problems.push(`${path}: below minimum`);
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      problems.push(`${path}: above maximum`);
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      problems.push(`${path}: too short`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      problems.push(`${path}: too long`);
  }
  return problems;
}

export const weatherTool = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Get the current weather for a city',
  parameters: {
    type: 'object',
    properties: {
      city: { type: 'string' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    },
    required: ['city', 'unit'],
    additionalProperties: false,
  },
  strict: true,
};

/**
 * A clock that never waits: each sleep is recorded and moves the time forward, so a test
 * sees the schedule a paced answer follows without spending it.
 */
export function virtualClock(): { clock: SimulatorClock; waits: number[]; elapsed: () => number } {
  let now = 0;
  const waits: number[] = [];
  const clock: SimulatorClock = {
    now: () => now,
    sleep: async (ms) => {
      waits.push(Math.round(ms * 1000) / 1000);
      now += ms;
    },
  };
  return { clock, waits, elapsed: () => now };
}
