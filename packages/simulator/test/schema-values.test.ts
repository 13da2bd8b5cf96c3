import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JsonSchema, type Simulator, startSimulator, valueForSchema } from '../src/index';
import { type AnyEvent, post, schemaProblems } from './helpers';

const tripPlan = {
  type: 'object',
  properties: {
    destination: { type: 'string', description: 'The city to visit' },
    days: { type: 'integer', description: 'Length of the trip in days' },
    budgetEUR: { type: 'number', description: 'Total budget in euros' },
    highlights: {
      type: 'array',
      items: { type: 'string' },
      description: 'Three things to do there',
    },
  },
  required: ['destination', 'days', 'budgetEUR', 'highlights'],
  additionalProperties: false,
};
const TRIP_NOTES =
  'A 4 day trip to Lisbon in May with a budget of 900 euros; I love food and old trams.';

const booking = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    age: { type: 'integer' },
    vegetarian: { type: 'boolean' },
    wheelchair: { type: 'boolean' },
    smoking: { type: 'boolean' },
    seating: { type: 'string', enum: ['indoor', 'terrace', 'bar'] },
    allergies: { type: 'array', items: { type: 'string' } },
    contact: {
      type: 'object',
      properties: {
        email: { type: 'string', format: 'email' },
        phone: { type: 'string' },
      },
      required: ['email', 'phone'],
      additionalProperties: false,
    },
  },
  required: [
    'name',
    'age',
    'vegetarian',
    'wheelchair',
    'smoking',
    'seating',
    'allergies',
    'contact',
  ],
  additionalProperties: false,
};
const BOOKING =
  'Book a table on the terrace for Maria, 34 years old, vegetarian, non smoking, allergic to peanuts and shellfish; reach her at maria@example.org or +33 6 12 34 56 78.';

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

function arrays(value: unknown): unknown[][] {
  if (Array.isArray(value)) return [value, ...value.flatMap(arrays)];
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(arrays);
  return [];
}

describe('values drawn from the prompt', () => {
  it('fills a trip plan from the notes: the city, each number by its words, the things named', () => {
    expect(valueForSchema(tripPlan, { text: TRIP_NOTES, name: 'trip_plan' })).toEqual({
      destination: 'Lisbon',
      days: 4,
      budgetEUR: 900,
      highlights: ['food', 'old trams'],
    });
  });

  it('pairs numbers with their words whatever their order', () => {
    expect(
      valueForSchema(tripPlan, {
        text: 'Budget: 1200 euros. We stay 6 days in Porto and want wine cellars, river cruises and tiles.',
        name: 'trip_plan',
      }),
    ).toEqual({
      destination: 'Porto',
      days: 6,
      budgetEUR: 1200,
      highlights: ['wine cellars', 'river cruises', 'tiles'],
    });
  });

  it('fills every schema type: strings, numbers, booleans (negation read), enums, arrays, nested objects', () => {
    const value = valueForSchema(booking, { text: BOOKING });
    expect(value).toEqual({
      name: 'Maria',
      age: 34,
      vegetarian: true,
      wheelchair: false,
      smoking: false,
      seating: 'terrace',
      allergies: ['peanuts', 'shellfish'],
      contact: { email: 'maria@example.org', phone: '+33 6 12 34 56 78' },
    });
    expect(schemaProblems(booking, value)).toEqual([]);
  });

  it('chooses enum options by what the prompt names, in the order it names them', () => {
    const schema = {
      type: 'object',
      properties: {
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        genres: { type: 'array', items: { type: 'string', enum: ['drama', 'comedy', 'action'] } },
      },
      required: ['unit', 'genres'],
    };
    expect(
      valueForSchema(schema, { text: 'Films with action and comedy, temperatures in fahrenheit' }),
    ).toEqual({ unit: 'fahrenheit', genres: ['action', 'comedy'] });
  });

  it('never repeats a placeholder: every string comes from the prompt and list items differ', () => {
    const schema = {
      type: 'object',
      properties: {
        topics: { type: 'array', items: { type: 'string' }, minItems: 2 },
        mood: { type: 'string' },
        sections: {
          type: 'array',
          minItems: 2,
          items: {
            type: 'object',
            properties: { heading: { type: 'string' }, points: { type: 'integer' } },
            required: ['heading', 'points'],
          },
        },
      },
      required: ['topics', 'mood', 'sections'],
    } satisfies JsonSchema;
    const text =
      'Plan a talk about solar panels, heat pumps and home batteries, 3 sections, 2 points each';
    const value = valueForSchema(schema, { text });
    for (const item of strings(value)) expect(text.toLowerCase()).toContain(item.toLowerCase());
    for (const list of arrays(value))
      expect(new Set(list.map((item) => JSON.stringify(item))).size).toBe(list.length);
    expect(JSON.stringify(value)).not.toMatch(/example/i);
  });
});

describe('structured output over HTTP', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ pace: false });
  });
  afterAll(() => sim.close());

  it('answers a strict json_schema with the values of the request', async () => {
    const response = await post(sim, {
      model: 'gpt-4.1-mini',
      input: [
        { type: 'message', role: 'system', content: 'You turn trip notes into a plan.' },
        { type: 'message', role: 'user', content: TRIP_NOTES },
      ],
      text: { format: { type: 'json_schema', name: 'trip_plan', schema: tripPlan, strict: true } },
    });
    const body = (await response.json()) as AnyEvent;
    expect(JSON.parse(body.output[0].content[0].text)).toEqual({
      destination: 'Lisbon',
      days: 4,
      budgetEUR: 900,
      highlights: ['food', 'old trams'],
    });
  });

  it('fills a forced tool call the same way (structured output by function calling)', async () => {
    const response = await post(sim, {
      model: 'gpt-4.1-mini',
      input: TRIP_NOTES,
      tools: [{ type: 'function', name: 'trip_plan', parameters: tripPlan }],
      tool_choice: { type: 'function', name: 'trip_plan' },
    });
    const body = (await response.json()) as AnyEvent;
    expect(JSON.parse(body.output[0].arguments)).toEqual({
      destination: 'Lisbon',
      days: 4,
      budgetEUR: 900,
      highlights: ['food', 'old trams'],
    });
  });
});
