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

describe('array lengths', () => {
  const listOf = (items: JsonSchema, limits: JsonSchema) => ({
    type: 'object',
    properties: { values: { type: 'array', items, ...limits } },
    required: ['values'],
  });

  it('pads to minItems by repeating the values found when the prompt has too few distinct ones', () => {
    // Booleans: the prompt names no field, so every item is false, three times.
    expect(valueForSchema(listOf({ type: 'boolean' }, { minItems: 3 }), { text: 'Flags' })).toEqual(
      { values: [false, false, false] },
    );
    // Integers: 3, 8 and 5 from the prompt, then 1 (the default), then again from the start.
    expect(
      valueForSchema(listOf({ type: 'integer' }, { minItems: 7 }), { text: 'Scores 3, 8 and 5' }),
    ).toEqual({ values: [3, 8, 5, 1, 3, 8, 5] });
  });

  it('a minItems above the usual five is met, and maxItems is never exceeded', () => {
    expect(
      valueForSchema(listOf({ type: 'integer' }, { minItems: 6 }), {
        text: 'Pick from 1, 2, 3, 4, 5, 6, 7, 8',
      }),
    ).toEqual({ values: [1, 2, 3, 4, 5, 6] });
    expect(
      valueForSchema(listOf({ type: 'integer' }, { minItems: 2, maxItems: 3 }), {
        text: 'Pick from 1, 2, 3, 4, 5, 6, 7, 8',
      }),
    ).toEqual({ values: [1, 2, 3] });
  });

  it('minItems above maxItems: the upper limit wins', () => {
    expect(
      valueForSchema(listOf({ type: 'integer' }, { minItems: 4, maxItems: 2 }), {
        text: 'Pick from 1, 2, 3, 4, 5',
      }),
    ).toEqual({ values: [1, 2] });
  });
});

describe('numbers that are multiples within bounds', () => {
  const field = (schema: JsonSchema) => ({
    type: 'object',
    properties: { amount: schema },
    required: ['amount'],
  });
  const amount = (schema: JsonSchema, text: string) =>
    (valueForSchema(field(schema), { text }) as { amount: number }).amount;

  it('takes the multiple at or below the maximum', () => {
    // 14 rounds up to 15, above 12: the largest multiple of 5 up to 12 is 10.
    expect(amount({ type: 'integer', multipleOf: 5, maximum: 12 }, 'Order 14')).toBe(10);
    // 0.61 rounds up to 0.7, above 0.55: the largest multiple of 0.1 up to 0.55 is 0.5.
    expect(
      amount({ type: 'number', multipleOf: 0.1, minimum: 0.25, maximum: 0.55 }, 'Dose 0.61'),
    ).toBe(0.5);
  });

  it('keeps below an exclusive maximum and above an exclusive minimum', () => {
    // 0.99 rounds up to 1, which exclusiveMaximum 1 forbids: 0.75.
    expect(amount({ type: 'number', multipleOf: 0.25, exclusiveMaximum: 1 }, 'About 0.99')).toBe(
      0.75,
    );
    // 30 is a multiple of 10 but not below 30: 20.
    expect(
      amount(
        { type: 'integer', multipleOf: 10, exclusiveMinimum: 0, exclusiveMaximum: 30 },
        'Make it 30',
      ),
    ).toBe(20);
    // -2 rounds up to 0, which exclusiveMinimum 0 forbids: 4.
    expect(amount({ type: 'integer', multipleOf: 4, exclusiveMinimum: 0 }, 'Go -2')).toBe(4);
  });

  it('raises to the first multiple above the minimum', () => {
    // 2 is below 4; the first multiple of 3 from 4 is 6.
    expect(amount({ type: 'integer', multipleOf: 3, minimum: 4, maximum: 10 }, '2 guests')).toBe(6);
  });

  it('writes decimal multiples exactly and keeps integers whole', () => {
    // 3 × 0.1 in floating point is 0.30000000000000004.
    expect(amount({ type: 'number', multipleOf: 0.1, maximum: 1 }, 'Take 0.3')).toBe(0.3);
    // The whole multiples of 1.5 are those of 3: 7 rounds up to 9, within 10.
    expect(amount({ type: 'integer', multipleOf: 1.5, maximum: 10 }, 'About 7')).toBe(9);
  });

  it('with no multiple between the bounds, the bounds win', () => {
    // No multiple of 10 lies in 11…19: 15 is kept.
    expect(amount({ type: 'integer', multipleOf: 10, minimum: 11, maximum: 19 }, 'Say 15')).toBe(
      15,
    );
    // No multiple of 0.5 lies strictly between 1 and 1.5: 3 comes down to halfway, 1.25.
    expect(
      amount(
        { type: 'number', multipleOf: 0.5, exclusiveMinimum: 1, exclusiveMaximum: 1.5 },
        'Say 3',
      ),
    ).toBe(1.25);
    // minimum above maximum: no number fits, the upper bound wins.
    expect(amount({ type: 'integer', minimum: 10, maximum: 5 }, 'Say 7')).toBe(5);
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

  it('answers within the limits of the schema', async () => {
    const schema = {
      type: 'object',
      properties: {
        quantity: { type: 'integer', multipleOf: 6, maximum: 20 },
        sizes: { type: 'array', items: { type: 'integer' }, minItems: 4, maxItems: 4 },
      },
      required: ['quantity', 'sizes'],
      additionalProperties: false,
    };
    const response = await post(sim, {
      model: 'gpt-4.1-mini',
      input: 'Order 22 eggs, sizes 1 and 2',
      text: { format: { type: 'json_schema', name: 'order', schema, strict: true } },
    });
    const body = (await response.json()) as AnyEvent;
    // 22 is above 20; the largest multiple of 6 up to 20 is 18. The sizes are 1 and 2,
    // repeated to the four items asked for.
    expect(JSON.parse(body.output[0].content[0].text)).toEqual({
      quantity: 18,
      sizes: [1, 2, 1, 2],
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
