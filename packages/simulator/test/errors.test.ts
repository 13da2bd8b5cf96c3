import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../src/index';
import { KEY, post } from './helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ pace: false, apiKeys: [KEY], models: ['my-custom-model'] });
});
afterAll(() => sim.close());

const ok = { model: 'gpt-4.1-mini', input: 'Hi' };
const error = (
  message: string,
  param: string | null,
  code: string | null,
  type = 'invalid_request_error',
) => ({
  error: { message, type, param, code },
});

async function expectError(response: globalThis.Response, status: number, body: unknown) {
  expect(response.status).toBe(status);
  expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
  expect(response.headers.get('content-type')).toBe('application/json');
  expect(await response.json()).toEqual(body);
}

describe('authentication', () => {
  it('rejects a missing key with 401 invalid_api_key', async () => {
    const response = await fetch(`${sim.baseURL}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ok),
    });
    await expectError(
      response,
      401,
      error(
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        null,
        'invalid_api_key',
      ),
    );
  });

  it('rejects a wrong key with 401 and masks it', async () => {
    const response = await post(sim, ok, { authorization: 'Bearer sk-wrong-secret-key-9876' });
    const body = await response.clone().json();
    expect(JSON.stringify(body)).not.toContain('secret');
    await expectError(
      response,
      401,
      error(
        'Incorrect API key provided: sk-w****************9876. You can find your API key in your APIFree dashboard.',
        null,
        'invalid_api_key',
      ),
    );
  });

  it('accepts any non-empty key when no keys are configured', async () => {
    const open = await startSimulator({ pace: false });
    try {
      const response = await post(open, ok, { authorization: 'Bearer anything' });
      expect(response.status).toBe(200);
      const missing = await post(open, ok, { authorization: 'Bearer ' });
      expect(missing.status).toBe(401);
    } finally {
      await open.close();
    }
  });

  it('never records the key in sim.requests', async () => {
    await post(sim, ok);
    expect(JSON.stringify(sim.requests)).not.toContain(KEY);
    expect(sim.requests.at(-1)?.headers.authorization).toBe('Bearer sk-t****************cdef');
  });
});

describe('request validation', () => {
  const cases: Array<[string, unknown, Record<string, string>, number, ReturnType<typeof error>]> =
    [
      [
        'a non-JSON content type',
        ok,
        { 'content-type': 'text/plain' },
        400,
        error(
          'Invalid Content-Type header (text/plain), expected application/json.',
          null,
          'unsupported_content_type',
        ),
      ],
      [
        'an invalid JSON body',
        '{"model": "gpt-4o",',
        {},
        400,
        error(
          'We could not parse the JSON body of your request. The API expects a JSON payload, but what was sent was not valid JSON.',
          null,
          null,
        ),
      ],
      [
        'a missing model',
        { input: 'Hi' },
        {},
        400,
        error("Missing required parameter: 'model'.", 'model', 'missing_required_parameter'),
      ],
      [
        'a missing input',
        { model: 'gpt-4o' },
        {},
        400,
        error("Missing required parameter: 'input'.", 'input', 'missing_required_parameter'),
      ],
      [
        'an unknown model',
        { model: 'gpt-99', input: 'Hi' },
        {},
        400,
        error("The requested model 'gpt-99' does not exist.", 'model', 'model_not_found'),
      ],
      [
        'temperature on a gpt-5 model',
        { model: 'gpt-5', input: 'Hi', temperature: 0.2 },
        {},
        400,
        error(
          "Unsupported parameter: 'temperature' is not supported with this model.",
          'temperature',
          null,
        ),
      ],
      [
        'top_p on a gpt-5 model',
        { model: 'gpt-5-mini', input: 'Hi', top_p: 0.5 },
        {},
        400,
        error("Unsupported parameter: 'top_p' is not supported with this model.", 'top_p', null),
      ],
      [
        'max_output_tokens below 16',
        { ...ok, max_output_tokens: 8 },
        {},
        400,
        error(
          "Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 8 instead.",
          'max_output_tokens',
          'integer_below_min_value',
        ),
      ],
      [
        'temperature above 2',
        { ...ok, temperature: 3 },
        {},
        400,
        error(
          "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead.",
          'temperature',
          'decimal_above_max_value',
        ),
      ],
      [
        'tools that are not an array',
        { ...ok, tools: { name: 'x' } },
        {},
        400,
        error(
          "Invalid type for 'tools': expected an array, but got an object instead.",
          'tools',
          'invalid_type',
        ),
      ],
      [
        'a function tool without a name',
        { ...ok, tools: [{ type: 'function', parameters: {} }] },
        {},
        400,
        error(
          "Missing required parameter: 'tools[0].name'.",
          'tools[0].name',
          'missing_required_parameter',
        ),
      ],
      [
        'function parameters that are not an object',
        { ...ok, tools: [{ type: 'function', name: 'x', parameters: 'none' }] },
        {},
        400,
        error(
          "Invalid type for 'tools[0].parameters': expected an object, but got a string instead.",
          'tools[0].parameters',
          'invalid_type',
        ),
      ],
      [
        'an unknown tool_choice string',
        { ...ok, tool_choice: 'always' },
        {},
        400,
        error(
          "Invalid value: 'always'. Supported values are: 'none', 'auto', and 'required'.",
          'tool_choice',
          'invalid_value',
        ),
      ],
      [
        'a tool_choice naming a missing tool',
        { ...ok, tools: [], tool_choice: { type: 'function', name: 'nope' } },
        {},
        400,
        error("Tool choice 'nope' not found in 'tools' parameter.", 'tool_choice', null),
      ],
      [
        'an unknown text.format type',
        { ...ok, text: { format: { type: 'xml' } } },
        {},
        400,
        error(
          "Invalid value: 'xml'. Supported values are: 'text', 'json_object', and 'json_schema'.",
          'text.format.type',
          'invalid_value',
        ),
      ],
      [
        'a json_schema format without a schema',
        { ...ok, text: { format: { type: 'json_schema', name: 'answer' } } },
        {},
        400,
        error(
          "Missing required parameter: 'text.format.schema'.",
          'text.format.schema',
          'missing_required_parameter',
        ),
      ],
      [
        'a json_object format without the word json',
        { ...ok, text: { format: { type: 'json_object' } } },
        {},
        400,
        error(
          "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.",
          'input',
          null,
        ),
      ],
      [
        'reasoning effort on a non-reasoning model',
        { ...ok, reasoning: { effort: 'low' } },
        {},
        400,
        error(
          "Unsupported parameter: 'reasoning.effort' is not supported with this model.",
          'reasoning.effort',
          'unsupported_parameter',
        ),
      ],
      [
        'an input message without a role',
        { model: 'gpt-4o', input: [{ type: 'message', content: 'Hi' }] },
        {},
        400,
        error(
          "Missing required parameter: 'input[0].role'.",
          'input[0].role',
          'missing_required_parameter',
        ),
      ],
    ];

  for (const [name, body, headers, status, expected] of cases) {
    it(`answers ${name} with ${status}`, async () => {
      await expectError(await post(sim, body, headers), status, expected);
    });
  }

  it('ignores unknown fields', async () => {
    const response = await post(sim, { ...ok, some_future_field: { nested: true } });
    expect(response.status).toBe(200);
  });

  it('accepts models added by configuration', async () => {
    const response = await post(sim, { model: 'my-custom-model', input: 'Hi' });
    expect(response.status).toBe(200);
    expect((await response.json()).model).toBe('my-custom-model');
  });

  it('answers unknown routes with 404 in the error shape', async () => {
    const response = await fetch(`${sim.url}/v1/chat/completions`, { method: 'POST' });
    await expectError(response, 404, error('Invalid URL (POST /v1/chat/completions)', null, null));
  });

  it('lists the documented models and the configured ones', async () => {
    const response = await fetch(`${sim.baseURL}/models`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    const body = await response.json();
    expect(body.object).toBe('list');
    expect(body.data.map((model: { id: string }) => model.id)).toEqual(
      expect.arrayContaining(['gpt-5', 'gpt-4.1-mini', 'gpt-4o-mini', 'my-custom-model']),
    );
  });
});
