import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index';
import { post } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ pace: false });
});
afterAll(() => sim.close());

const loose = {
  type: 'object',
  properties: { city: { type: 'string' }, unit: { type: 'string' } },
  required: ['city'],
  additionalProperties: false,
};

const nestedOpen = {
  type: 'object',
  properties: {
    order: { type: 'object', properties: { size: { type: 'string' } }, required: ['size'] },
  },
  required: ['order'],
  additionalProperties: false,
};

async function errorOf(body: Record<string, unknown>) {
  const response = await post(sim, { model: 'gpt-4o', input: 'Weather in Paris', ...body });
  return { status: response.status, body: await response.json() };
}

describe('strict schemas, checked the way OpenAI checks them', () => {
  it('a strict tool must list every property in required', async () => {
    expect(
      await errorOf({
        tools: [{ type: 'function', name: 'get_weather', parameters: loose, strict: true }],
      }),
    ).toEqual({
      status: 400,
      body: {
        error: {
          message:
            "Invalid schema for function 'get_weather': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'unit'.",
          type: 'invalid_request_error',
          param: 'tools[0].parameters',
          code: 'invalid_function_parameters',
        },
      },
    });
  });

  it('every nested object needs additionalProperties: false, named by its context', async () => {
    const { body } = await errorOf({
      tools: [
        {
          type: 'function',
          name: 'a',
          parameters: { type: 'object', properties: {}, required: [], additionalProperties: false },
        },
        { type: 'function', name: 'place_order', parameters: nestedOpen, strict: true },
      ],
    });
    expect(body.error).toMatchObject({
      message:
        "Invalid schema for function 'place_order': In context=('properties', 'order'), 'additionalProperties' is required to be supplied and to be false.",
      param: 'tools[1].parameters',
    });
  });

  it('a strict text.format schema is checked too', async () => {
    const { status, body } = await errorOf({
      text: { format: { type: 'json_schema', name: 'weather', schema: loose, strict: true } },
    });
    expect(status).toBe(400);
    expect(body.error).toEqual({
      message:
        "Invalid schema for response_format 'weather': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'unit'.",
      type: 'invalid_request_error',
      param: 'text.format.schema',
      code: 'invalid_json_schema',
    });
  });

  it('arrays need items and the root must be an object', async () => {
    const arrays = await errorOf({
      text: {
        format: {
          type: 'json_schema',
          name: 'tags',
          strict: true,
          schema: {
            type: 'object',
            properties: { tags: { type: 'array' } },
            required: ['tags'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(arrays.body.error.message).toBe(
      "Invalid schema for response_format 'tags': In context=('properties', 'tags'), array schema missing items.",
    );
    const root = await errorOf({
      text: {
        format: {
          type: 'json_schema',
          name: 'list',
          strict: true,
          schema: { type: 'array', items: {} },
        },
      },
    });
    expect(root.body.error.message).toBe(
      `Invalid schema for response_format 'list': schema must be a JSON Schema of 'type: "object"', got 'type: "array"'.`,
    );
  });

  it('without strict: true the same schemas are accepted', async () => {
    const tool = await post(sim, {
      model: 'gpt-4o',
      input: 'Weather in Paris',
      tools: [{ type: 'function', name: 'get_weather', parameters: loose }],
    });
    expect(tool.status).toBe(200);
    const format = await post(sim, {
      model: 'gpt-4o',
      input: 'Weather in Paris',
      text: { format: { type: 'json_schema', name: 'weather', schema: loose, strict: false } },
    });
    expect(format.status).toBe(200);
  });
});
